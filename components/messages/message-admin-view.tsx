"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Col, Form, Grid, Input, InputNumber, Popconfirm, Row, Segmented, Select, Space, Switch, Table, Tabs, Tag, TimePicker, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import {
  CATEGORY_RECIPIENTS, CHANNEL_CODES, EVENT_CATEGORY, EVENT_TYPES, EVENT_VARIABLES, isEventType, RECIPIENT_KINDS, ROLE_RECIPIENT, SAMPLE_NAMES, SAMPLE_PAYLOADS,
  type ChannelCode, type EventType, type RecipientKind,
} from "@/lib/messages/event-catalog";
import type { RuleInput, RuleRow, TemplateInput, TemplateRow } from "@/lib/messages/manage-messages";
import { linkFor, placeholdersOf, renderMessage, templateVariables } from "@/lib/messages/render-template";
import type { MessageKey } from "@/lib/i18n/messages";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "@/components/admin/form-modal";
import { useEventName } from "./notification-item";

type Actions = {
  updateTemplate: (code: string, input: TemplateInput) => Promise<ActionResult<{ name: string }>>;
  createRule: (input: RuleInput) => Promise<ActionResult<null>>;
  updateRule: (id: number, input: RuleInput) => Promise<ActionResult<null>>;
  setRuleEnabled: (id: number, enabled: boolean) => Promise<ActionResult<null>>;
  deleteRule: (id: number) => Promise<ActionResult<null>>;
};
type Role = { code: string; name: string };

/** 消息模板与规则: the templates (both languages, variables, a live preview) and the rules that send them. */
export function MessageAdminView({ tab, templates, rules, roles, actions }: { tab: "templates" | "rules"; templates: TemplateRow[]; rules: RuleRow[]; roles: Role[]; actions: Actions }) {
  const { t } = useT();
  const { update } = useQueryState();
  return (
    <Tabs
      activeKey={tab} onChange={(k) => update({ tab: k === "templates" ? null : k })}
      items={[
        { key: "templates", label: t("notify.admin.tab.templates"), children: <TemplatesTab templates={templates} actions={actions} /> },
        { key: "rules", label: t("notify.admin.tab.rules"), children: <RulesTab rules={rules} templates={templates} roles={roles} actions={actions} /> },
      ]}
    />
  );
}

function useRecipientName(roles: Role[]) {
  const { t } = useT();
  return (r: string) => {
    if ((RECIPIENT_KINDS as readonly string[]).includes(r)) return t(`notify.recipient.${r as RecipientKind}`);
    const code = ROLE_RECIPIENT.exec(r)?.[1];
    const role = roles.find((x) => x.code === code);
    return t("notify.recipient.role", { name: role ? `${role.name}（${role.code}）` : code ?? r });
  };
}

// ---------------------------------------------------------------------------------------------------------------
function TemplatesTab({ templates, actions }: { templates: TemplateRow[]; actions: Actions }) {
  const { t } = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<TemplateRow | null>(null);

  const nameCell = (r: TemplateRow) => (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong>{r.name}</Typography.Text>
      <div><Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.code}</Typography.Text></div>
      {phone && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: "4px 0 0", fontSize: 12 }}>{r.titleZh}</Typography.Paragraph>}
    </div>
  );
  const columns: ColumnsType<TemplateRow> = phone
    ? [
      { title: t("notify.admin.col.template"), key: "name", render: (_, r) => nameCell(r) },
      { title: t("admin.common.actions"), key: "actions", width: 72, render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>{t("admin.common.edit")}</Button> },
    ]
    : [
      { title: t("notify.admin.col.template"), key: "name", width: 220, render: (_, r) => nameCell(r) },
      { title: t("notify.admin.col.titleZh"), dataIndex: "titleZh", key: "titleZh", render: (v: string) => <Typography.Text className="mono" style={{ fontSize: 13 }}>{v}</Typography.Text> },
      { title: t("notify.admin.col.rules"), dataIndex: "rules", key: "rules", width: 80, align: "right" },
      { title: t("notify.admin.col.updatedAt"), dataIndex: "updatedAt", key: "updatedAt", width: 170, responsive: ["xl"], render: (v: string) => shanghaiTime(v).slice(0, 16) },
      { title: t("admin.common.actions"), key: "actions", width: 80, render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>{t("admin.common.edit")}</Button> },
    ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t("notify.admin.templatesIntro")}</Typography.Paragraph>
      <Table<TemplateRow> rowKey="code" size="middle" columns={columns} dataSource={templates} pagination={false} scroll={{ x: true }} />
      <TemplateFormModal
        key={editing?.code ?? "closed"} template={editing} actions={actions} onClose={() => setEditing(null)}
        onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
      />
    </>
  );
}

type TemplateValues = TemplateInput;
const TEMPLATE_FIELDS = ["name", "titleZh", "bodyZh", "titleEn", "bodyEn"] as const;

function TemplateFormModal({ template, actions, onClose, onSaved }: { template: TemplateRow | null; actions: Actions; onClose: () => void; onSaved: (text: string) => void }) {
  const { t } = useT();
  const { form, pending, error, onFinish } = useServerForm(async (v: TemplateValues) => {
    const r = await actions.updateTemplate(template!.code, v);
    return r.ok ? { ok: true as const, outcome: t("notify.admin.templateSaved", { name: r.outcome.name }) } : r;
  }, onSaved, TEMPLATE_FIELDS);
  const required = [{ required: true, message: t("notify.admin.required") }];
  return (
    <FormModal
      open={template !== null} title={template ? t("notify.admin.editTemplate", { name: template.name }) : ""} width={1000}
      okText={t("admin.common.save")} cancelText={t("admin.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {template && (
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={template}>
              <Form.Item name="name" label={t("notify.admin.templateName")} rules={required}><Input maxLength={64} /></Form.Item>
              <Form.Item name="titleZh" label={t("notify.admin.titleZh")} rules={required}><Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} /></Form.Item>
              <Form.Item name="bodyZh" label={t("notify.admin.bodyZh")} rules={required}><Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} /></Form.Item>
              <Form.Item name="titleEn" label={t("notify.admin.titleEn")} rules={required}><Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} /></Form.Item>
              <Form.Item name="bodyEn" label={t("notify.admin.bodyEn")} rules={required}><Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} /></Form.Item>
            </Form>
          </Col>
          <Col xs={24} lg={10}>
            <TemplateHelp code={template.code} form={form} />
          </Col>
        </Row>
      )}
    </FormModal>
  );
}

/** The variables of the template's event (click copies one) and the template rendered with sample data as the user types. */
function TemplateHelp({ code, form }: { code: string; form: ReturnType<typeof Form.useForm<TemplateValues>>[0] }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const [lang, setLang] = useState<"zh-CN" | "en">(locale);
  const values = Form.useWatch([], form) as Partial<TemplateValues> | undefined;
  const type: EventType | null = isEventType(code) ? code : null;
  const variables = type ? EVENT_VARIABLES[type] : [];
  const preview = useMemo(() => {
    if (!type || !values) return null;
    const payload = SAMPLE_PAYLOADS[type];
    const vars = templateVariables(type, payload, { locale: lang, at: new Date("2026-12-04T01:30:00Z"), link: linkFor(type, payload, SAMPLE_NAMES), names: SAMPLE_NAMES });
    const title = (lang === "en" ? values.titleEn : values.titleZh) ?? "";
    const body = (lang === "en" ? values.bodyEn : values.bodyZh) ?? "";
    const unknown = placeholdersOf(`${title} ${body}`).filter((p) => !Object.hasOwn(vars, p));
    return { ...renderMessage({ title, body }, vars), unknown };
  }, [type, values, lang]);

  async function copy(v: string) {
    try {
      await navigator.clipboard.writeText(`{{${v}}}`);
      message.success(t("notify.admin.copied", { v: `{{${v}}}` }));
    } catch {
      // no clipboard (insecure origin): the variable is still shown to type
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {type && (
        <Card size="small" title={t("notify.admin.variables")}>
          <div style={{ display: "flex", flexWrap: "wrap", gap: 6 }}>
            {variables.map((v) => (
              <Tooltip key={v} title={t(`notify.var.${v}` as MessageKey)}>
                <Tag style={{ cursor: "pointer", marginInlineEnd: 0 }} className="mono" onClick={() => copy(v)}>{`{{${v}}}`}</Tag>
              </Tooltip>
            ))}
          </div>
        </Card>
      )}
      {preview && (
        <Card
          size="small" title={t("notify.admin.preview")}
          extra={<Segmented size="small" value={lang} onChange={(v) => setLang(v as "zh-CN" | "en")} options={[{ value: "zh-CN", label: t("notify.admin.previewZh") }, { value: "en", label: t("notify.admin.previewEn") }]} />}
        >
          <Typography.Text strong style={{ wordBreak: "break-word" }}>{preview.title}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", margin: "6px 0 0" }}>{preview.body}</Typography.Paragraph>
          {preview.unknown.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t("notify.admin.unknownVariables", { list: preview.unknown.map((p) => `{{${p}}}`).join(" ") })} />}
        </Card>
      )}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------------------------
function RulesTab({ rules, templates, roles, actions }: { rules: RuleRow[]; templates: TemplateRow[]; roles: Role[]; actions: Actions }) {
  const { t } = useT();
  const eventName = useEventName();
  const recipientName = useRecipientName(roles);
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<RuleRow | "new" | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);
  // the switch shows the choice at once; the server's value takes over after the refresh
  const [chosen, setChosen] = useState<Record<number, boolean>>({});

  async function toggle(r: RuleRow, enabled: boolean) {
    setToggling(r.id);
    setChosen((c) => ({ ...c, [r.id]: enabled }));
    const result = await actions.setRuleEnabled(r.id, enabled);
    setToggling(null);
    if (!result.ok) {
      message.error(result.message);
      setChosen((c) => ({ ...c, [r.id]: !enabled }));
    }
    router.refresh();
  }
  async function remove(r: RuleRow) {
    const result = await actions.deleteRule(r.id);
    if (result.ok) message.success(t("notify.admin.ruleDeleted"));
    else message.error(result.message);
    router.refresh();
  }

  const channelTags = (r: RuleRow) => r.channels.map((c) => <Tag key={c} color={c === "inapp" ? "blue" : "purple"} style={{ marginInlineEnd: 4 }}>{(CHANNEL_CODES as readonly string[]).includes(c) ? t(`notify.channel.${c as ChannelCode}`) : c}</Tag>);
  const quiet = (r: RuleRow) => (r.quietStart && r.quietEnd ? `${r.quietStart}–${r.quietEnd}` : t("notify.admin.noQuiet"));
  const dedup = (r: RuleRow) => (r.dedupMinutes ? t("notify.admin.minutes", { n: r.dedupMinutes }) : t("notify.admin.noDedup"));
  const eventCell = (r: RuleRow) => (
    <Space size={4} wrap>
      <Typography.Text strong>{eventName(r.eventType)}</Typography.Text>
      {!r.enabled && <Tag>{t("notify.admin.disabledTag")}</Tag>}
    </Space>
  );
  const actionsCell = (r: RuleRow) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setEditing(r)}>{t("admin.common.edit")}</Button>
      <Popconfirm title={t("notify.admin.ruleDeleteConfirm")} description={t("notify.admin.ruleDeleteDescription")} okText={t("admin.common.delete")} okButtonProps={{ danger: true }} cancelText={t("admin.common.cancel")} onConfirm={() => remove(r)}>
        <Button size="small" danger>{t("admin.common.delete")}</Button>
      </Popconfirm>
    </Space>
  );
  const enabledCell = (r: RuleRow) => <Switch size="small" checked={chosen[r.id] ?? r.enabled} loading={toggling === r.id} onChange={(on) => toggle(r, on)} aria-label={t("notify.admin.enabled")} />;

  const columns: ColumnsType<RuleRow> = phone
    ? [
      {
        title: t("notify.admin.col.event"), key: "event",
        render: (_, r) => (
          <div style={{ minWidth: 0 }}>
            {eventCell(r)}
            <div style={{ marginTop: 4 }}>{channelTags(r)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.recipients.map(recipientName).join(t("admin.common.listSeparator"))}</Typography.Text>
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("notify.admin.col.dedup")} {dedup(r)} · {t("notify.admin.col.quiet")} {quiet(r)}</Typography.Text></div>
          </div>
        ),
      },
      { title: t("notify.admin.col.enabled"), key: "enabled", width: 56, render: (_, r) => <Space orientation="vertical" size={8}>{enabledCell(r)}{actionsCell(r)}</Space> },
    ]
    : [
      { title: t("notify.admin.col.event"), key: "event", width: 170, render: (_, r) => eventCell(r) },
      { title: t("notify.admin.col.template"), key: "template", width: 160, render: (_, r) => r.templateName ?? r.templateCode },
      { title: t("notify.admin.col.recipients"), key: "recipients", render: (_, r) => <Space size={[4, 4]} wrap>{r.recipients.map((x) => <Tag key={x} style={{ marginInlineEnd: 0 }}>{recipientName(x)}</Tag>)}</Space> },
      { title: t("notify.admin.col.channels"), key: "channels", width: 130, render: (_, r) => channelTags(r) },
      { title: t("notify.admin.col.dedup"), key: "dedup", width: 90, render: (_, r) => dedup(r) },
      { title: t("notify.admin.col.quiet"), key: "quiet", width: 110, render: (_, r) => quiet(r) },
      { title: t("notify.admin.col.enabled"), key: "enabled", width: 70, render: (_, r) => enabledCell(r) },
      { title: t("admin.common.actions"), key: "actions", width: 130, render: (_, r) => actionsCell(r) },
    ];

  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", alignItems: "flex-start", marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0, flex: "1 1 320px" }}>{t("notify.admin.rulesIntro")}</Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("notify.admin.newRule")}</Button>
      </div>
      <Table<RuleRow> rowKey="id" size="middle" columns={columns} dataSource={rules} pagination={false} scroll={{ x: phone ? undefined : 1000 }} />
      <RuleFormModal
        key={editing === "new" ? "new" : editing?.id ?? "closed"} open={editing !== null} rule={editing === "new" ? null : editing}
        templates={templates} roles={roles} actions={actions} onClose={() => setEditing(null)}
        onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
      />
    </>
  );
}

type RuleValues = { eventType: EventType; templateCode: string; recipients: string[]; channels: ChannelCode[]; dedupMinutes: number; quietStart?: Dayjs | null; quietEnd?: Dayjs | null; enabled: boolean };
const RULE_FIELDS = ["eventType", "templateCode", "recipients", "channels", "dedupMinutes", "quietStart", "quietEnd", "enabled"] as const;
const HHMM = "HH:mm";
const timeOf = (hhmm: string | null) => (hhmm ? dayjs(`2000-01-01 ${hhmm}`) : null);

function RuleFormModal({ open, rule, templates, roles, actions, onClose, onSaved }: {
  open: boolean; rule: RuleRow | null; templates: TemplateRow[]; roles: Role[]; actions: Actions; onClose: () => void; onSaved: (text: string) => void;
}) {
  const { t } = useT();
  const eventName = useEventName();
  const recipientName = useRecipientName(roles);
  const { form, pending, error, onFinish } = useServerForm(async (v: RuleValues) => {
    const input: RuleInput = {
      eventType: v.eventType, templateCode: v.templateCode, recipients: v.recipients, channels: v.channels, dedupMinutes: v.dedupMinutes ?? 0,
      quietStart: v.quietStart ? v.quietStart.format(HHMM) : null, quietEnd: v.quietEnd ? v.quietEnd.format(HHMM) : null, enabled: v.enabled,
    };
    const r = rule ? await actions.updateRule(rule.id, input) : await actions.createRule(input);
    return r.ok ? { ok: true as const, outcome: t(rule ? "notify.admin.ruleSaved" : "notify.admin.ruleCreated") } : r;
  }, onSaved, RULE_FIELDS);
  const eventType = Form.useWatch("eventType", form) as EventType | undefined;
  const kinds = eventType ? CATEGORY_RECIPIENTS[EVENT_CATEGORY[eventType]] : [...RECIPIENT_KINDS];
  const initialValues: Partial<RuleValues> = rule
    ? { eventType: rule.eventType as EventType, templateCode: rule.templateCode, recipients: rule.recipients, channels: rule.channels as ChannelCode[], dedupMinutes: rule.dedupMinutes, quietStart: timeOf(rule.quietStart), quietEnd: timeOf(rule.quietEnd), enabled: rule.enabled }
    : { recipients: [], channels: ["inapp"], dedupMinutes: 60, enabled: true };

  return (
    <FormModal open={open} title={rule ? t("notify.admin.editRule") : t("notify.admin.newRule")} width={640} okText={rule ? t("admin.common.save") : t("admin.common.create")} cancelText={t("admin.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={initialValues}
        onValuesChange={(changed: Partial<RuleValues>) => {
          // a new event brings its own template along
          if (changed.eventType && templates.some((x) => x.code === changed.eventType)) form.setFieldValue("templateCode", changed.eventType);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="eventType" label={t("notify.admin.col.event")} rules={[{ required: true, message: t("notify.admin.eventRequired") }]}>
              <Select options={EVENT_TYPES.map((e) => ({ value: e, label: eventName(e) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="templateCode" label={t("notify.admin.col.template")} rules={[{ required: true, message: t("notify.admin.templateRequired") }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={templates.map((x) => ({ value: x.code, label: x.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="recipients" label={t("notify.admin.col.recipients")} extra={t("notify.admin.recipientsExtra")} rules={[{ required: true, type: "array", min: 1, message: t("notify.admin.recipientsRequired") }]}>
          <Select
            mode="multiple" allowClear
            options={[
              { label: t("notify.recipient.group.kinds"), options: kinds.map((k) => ({ value: k, label: k === "assignee" ? t("notify.recipient.assigneeLong") : recipientName(k) })) },
              { label: t("notify.recipient.group.roles"), options: roles.map((r) => ({ value: `role:${r.code}`, label: recipientName(`role:${r.code}`) })) },
            ]}
          />
        </Form.Item>
        <Form.Item name="channels" label={t("notify.admin.col.channels")} rules={[{ required: true, type: "array", min: 1, message: t("notify.admin.channelsRequired") }]}>
          <Checkbox.Group options={CHANNEL_CODES.map((c) => ({ value: c, label: t(`notify.channel.${c}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="dedupMinutes" label={t("notify.admin.dedupMinutes")}>
              <InputNumber min={0} max={10080} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="quietStart" label={t("notify.admin.quietStart")}>
              <TimePicker format={HHMM} minuteStep={5} style={{ width: "100%" }} inputReadOnly needConfirm={false} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="quietEnd" label={t("notify.admin.quietEnd")}>
              <TimePicker format={HHMM} minuteStep={5} style={{ width: "100%" }} inputReadOnly needConfirm={false} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 13 }}>{t("notify.admin.dedupExtra")}<br />{t("notify.admin.quietExtra")}</Typography.Paragraph>
        <Form.Item name="enabled" label={t("notify.admin.enabled")} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </FormModal>
  );
}
