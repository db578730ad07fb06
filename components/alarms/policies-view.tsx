"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Empty, Form, Grid, Input, InputNumber, List, Popconfirm, Segmented, Select, Space, Switch, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { AlarmRow } from "@/lib/alarms/alarm-rows";
import type { AlarmRuleInput, AlarmRuleRow } from "@/lib/alarms/alarm-rules";
import type { EscalationSettings } from "@/lib/alarms/escalation-settings";
import type { FilterPolicyInput, FilterPolicyRow, PolicyStatus } from "@/lib/alarms/filter-policies";
import type { Matcher } from "@/lib/alarms/matchers";
import type { MessageKey } from "@/lib/i18n/messages";
import { ALARM_SEVERITIES, WORK_ORDER_KINDS, type WorkOrderKind } from "@/lib/itsm/codes";
import { formatShanghai } from "@/lib/time/shanghai";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "@/components/admin/form-modal";
import { SeverityTag } from "./alarm-labels";
import { MatcherEditor, MatcherTags } from "./matcher-editor";

export type PolicyActions = {
  createPolicy: (input: FilterPolicyInput) => Promise<ActionResult<FilterPolicyRow>>;
  endPolicy: (id: number) => Promise<ActionResult<FilterPolicyRow>>;
  preview: (matchers: Matcher[]) => Promise<ActionResult<{ total: number; rows: AlarmRow[] }>>;
  saveRule: (input: AlarmRuleInput & { id?: number }) => Promise<ActionResult<AlarmRuleRow>>;
  deleteRule: (id: number) => Promise<ActionResult<null>>;
  saveEscalation: (input: EscalationSettings) => Promise<ActionResult<EscalationSettings>>;
};
export type PoliciesTab = "filters" | "rules" | "escalation";

const STATUS_COLORS: Record<PolicyStatus, string> = { active: "success", scheduled: "processing", expired: "default" };
const minute = (iso: string) => shanghaiTime(iso).slice(0, 16);
// the pickers show and return Shanghai wall-clock time as text, whatever the browser's time zone
const WALL_CLOCK = "YYYY-MM-DD HH:mm";
const nowInShanghai = () => dayjs(formatShanghai(Date.now()).slice(0, 16));

/** Filter policies, alarm rules and escalation minutes, one tab each (the tab in the URL). */
export function PoliciesView({ tab, which, policies, rules, escalation, attributes, actions }: {
  tab: PoliciesTab; which: "current" | "expired"; policies: FilterPolicyRow[]; rules: AlarmRuleRow[]; escalation: EscalationSettings; attributes: string[]; actions: PolicyActions;
}) {
  const { t } = useT();
  const { update } = useQueryState();
  return (
    <Tabs
      activeKey={tab} onChange={(k) => update({ tab: k === "filters" ? null : k, which: null })}
      items={[
        { key: "filters", label: t("alarm.policies.tab.filters"), children: <FiltersTab which={which} policies={policies} attributes={attributes} actions={actions} /> },
        { key: "rules", label: t("alarm.policies.tab.rules"), children: <RulesTab rules={rules} attributes={attributes} actions={actions} /> },
        { key: "escalation", label: t("alarm.policies.tab.escalation"), children: <EscalationTab settings={escalation} save={actions.saveEscalation} /> },
      ]}
    />
  );
}

function FiltersTab({ which, policies, attributes, actions }: { which: "current" | "expired"; policies: FilterPolicyRow[]; attributes: string[]; actions: PolicyActions }) {
  const { t } = useT();
  const { update, pending } = useQueryState();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [creating, setCreating] = useState(false);

  async function end(p: FilterPolicyRow) {
    const r = await actions.endPolicy(p.id);
    if (r.ok) message.success(t("alarm.policies.ended", { name: p.name })); else message.error(r.message);
    router.refresh();
  }
  const period = (p: FilterPolicyRow) => `${minute(p.startsAt)} → ${p.endedAt ? `${minute(p.endedAt)}（${t("alarm.policies.endedByHand")}）` : p.endsAt ? minute(p.endsAt) : t("alarm.policies.noEnd")}`;
  const nameCell = (p: FilterPolicyRow) => (
    <div style={{ minWidth: 0 }}>
      <Space size={4} wrap><Typography.Text strong>{p.name}</Typography.Text>{phone && <Tag color={STATUS_COLORS[p.status]}>{t(`alarm.policies.status.${p.status}` as MessageKey)}</Tag>}</Space>
      <div><Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: "anywhere" }}>{p.reason}</Typography.Text></div>
      {phone && <><MatcherTags matchers={p.matchers} /><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{period(p)} · {p.authorName}</Typography.Text></div></>}
    </div>
  );
  const endButton = (p: FilterPolicyRow) => p.status !== "expired" && (
    <Popconfirm title={t("alarm.policies.endConfirm", { name: p.name })} description={t("alarm.policies.endDescription")} okText={t("alarm.policies.end")} cancelText={t("common.cancel")} onConfirm={() => end(p)}>
      <Button size="small" danger>{t("alarm.policies.end")}</Button>
    </Popconfirm>
  );
  const columns: ColumnsType<FilterPolicyRow> = [
    { title: t("alarm.policies.col.name"), key: "name", render: (_, p) => nameCell(p) },
    { title: t("alarm.policies.col.matchers"), key: "matchers", render: (_, p) => <MatcherTags matchers={p.matchers} /> },
    { title: t("alarm.policies.col.period"), key: "period", render: (_, p) => period(p) },
    { title: t("alarm.policies.col.author"), dataIndex: "authorName", key: "author", responsive: ["lg"] },
    ...(which === "current" ? [{ title: t("alarm.policies.col.hiding"), dataIndex: "hiding", key: "hiding", align: "right" as const }] : []),
    { title: t("alarm.policies.col.status"), key: "status", render: (_, p) => <Tag color={STATUS_COLORS[p.status]}>{t(`alarm.policies.status.${p.status}` as MessageKey)}</Tag> },
    ...(which === "current" ? [{ title: t("alarm.col.actions"), key: "actions", render: (_: unknown, p: FilterPolicyRow) => endButton(p) }] : []),
  ];
  const phoneColumns: ColumnsType<FilterPolicyRow> = [
    { title: t("alarm.policies.col.name"), key: "name", render: (_, p) => nameCell(p) },
    ...(which === "current" ? [{ title: t("alarm.col.actions"), key: "actions", width: 72, render: (_: unknown, p: FilterPolicyRow) => <Space orientation="vertical" size={4}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("alarm.policies.hidingShort", { n: p.hiding })}</Typography.Text>{endButton(p)}</Space> }] : []),
  ];
  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", marginBottom: 12 }}>
        <Segmented value={which} onChange={(w) => update({ which: w === "current" ? null : String(w) })} options={[{ value: "current", label: t("alarm.policies.current") }, { value: "expired", label: t("alarm.policies.expired") }]} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t("alarm.policies.create")}</Button>
      </div>
      <Table<FilterPolicyRow>
        rowKey="id" size="middle" dataSource={policies} loading={pending} columns={phone ? phoneColumns : columns} pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }}
        locale={{ emptyText: which === "current" ? t("alarm.policies.emptyCurrent") : t("alarm.policies.emptyExpired") }} scroll={phone ? undefined : { x: "max-content" }}
      />
      {creating && <PolicyModal attributes={attributes} actions={actions} onClose={() => setCreating(false)} onSaved={(text) => { setCreating(false); message.success(text); router.refresh(); }} />}
    </>
  );
}

type PolicyValues = { name: string; reason: string; startsAt?: Dayjs | null; endsAt?: Dayjs | null; matchers: Matcher[] };
const POLICY_FIELDS = ["name", "reason", "startsAt", "endsAt", "matchers"] as const;

function PolicyModal({ attributes, actions, onClose, onSaved }: { attributes: string[]; actions: PolicyActions; onClose: () => void; onSaved: (text: string) => void }) {
  const { t } = useT();
  const { form, pending, error, onFinish } = useServerForm(async (v: PolicyValues) => {
    const r = await actions.createPolicy({ name: v.name, reason: v.reason, matchers: v.matchers, startsAt: v.startsAt ? v.startsAt.format(WALL_CLOCK) : undefined, endsAt: v.endsAt ? v.endsAt.format(WALL_CLOCK) : null });
    return r.ok ? { ok: true as const, outcome: t("alarm.policies.created", { name: r.outcome.name, n: r.outcome.hiding }) } : r;
  }, onSaved, POLICY_FIELDS);
  const matchers = Form.useWatch("matchers", form) as Matcher[] | undefined;
  return (
    <FormModal open title={t("alarm.policies.create")} width={760} okText={t("alarm.policies.createOk")} cancelText={t("common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={{ startsAt: nowInShanghai(), endsAt: null, matchers: [{ attribute: "", op: "eq", value: "" }] }}>
        <Form.Item name="name" label={t("alarm.policies.col.name")} rules={[{ required: true, whitespace: true, message: t("alarm.policies.nameRequired") }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="reason" label={t("alarm.policies.reason")} rules={[{ required: true, whitespace: true, message: t("alarm.policies.reasonRequired") }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount /></Form.Item>
        <div style={{ display: "flex", flexWrap: "wrap", gap: "0 16px" }}>
          <Form.Item name="startsAt" label={t("alarm.policies.startsAt")} style={{ flex: "1 1 220px" }}><DatePicker showTime={{ format: "HH:mm" }} format={WALL_CLOCK} style={{ width: "100%" }} inputReadOnly /></Form.Item>
          <Form.Item name="endsAt" label={t("alarm.policies.endsAt")} extra={t("alarm.policies.endsAtExtra")} style={{ flex: "1 1 220px" }}>
            <DatePicker showTime={{ format: "HH:mm" }} format={WALL_CLOCK} style={{ width: "100%" }} inputReadOnly allowClear placeholder={t("alarm.policies.noEnd")} />
          </Form.Item>
        </div>
        <Form.Item label={t("alarm.policies.col.matchers")} extra={t("alarm.matcher.help")} required>
          <MatcherEditor attributes={attributes} />
        </Form.Item>
      </Form>
      <PolicyPreview matchers={matchers ?? []} preview={actions.preview} />
    </FormModal>
  );
}

/** The live alarms the conditions would hide, refreshed as they are typed. */
function PolicyPreview({ matchers, preview }: { matchers: Matcher[]; preview: PolicyActions["preview"] }) {
  const { t } = useT();
  const complete = matchers.filter((m) => m && m.attribute?.trim() && m.op);
  const ready = complete.length > 0 && complete.length === matchers.length;
  // the conditions' content, so that typing the same text again does not ask again
  const key = ready ? JSON.stringify(complete) : "";
  const [result, setResult] = useState<{ key: string; total: number; rows: AlarmRow[]; error: string | null } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(async () => {
      const r = await preview(JSON.parse(key) as Matcher[]);
      if (live) setResult(r.ok ? { key, total: r.outcome.total, rows: r.outcome.rows, error: null } : { key, total: 0, rows: [], error: Object.values(r.fieldErrors).flat()[0] ?? r.message });
    }, 400);
    return () => { live = false; clearTimeout(timer); };
  }, [key, preview]);
  const shown = key && result?.key === key ? result : null;
  return (
    <Card size="small" title={t("alarm.policies.preview")} style={{ marginTop: 8 }}>
      {!ready ? <Typography.Text type="secondary">{t("alarm.policies.previewIncomplete")}</Typography.Text>
        : !shown ? <Typography.Text type="secondary">{t("alarm.policies.previewLoading")}</Typography.Text>
        : shown.error ? <Typography.Text type="danger">{shown.error}</Typography.Text>
        : shown.total === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("alarm.policies.previewNone")} />
        : (
          <>
            <Typography.Paragraph strong>{t("alarm.policies.previewCount", { n: shown.total })}</Typography.Paragraph>
            <List
              size="small" dataSource={shown.rows}
              renderItem={(a) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Space size={6} wrap style={{ minWidth: 0 }}>
                    <SeverityTag severity={a.severity} />
                    <Typography.Text>{a.name}</Typography.Text>
                    <Typography.Text type="secondary" className="mono" style={{ fontSize: 12, overflowWrap: "anywhere" }}>{a.resource ?? ""}</Typography.Text>
                    {a.providerCode && <Tag style={{ marginInlineEnd: 0 }}>{a.providerCode}</Tag>}
                    {a.suppressedByPolicyName && <Tag style={{ marginInlineEnd: 0 }}>{t("alarm.suppressedBy", { name: a.suppressedByPolicyName })}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
            {shown.total > shown.rows.length && <Typography.Text type="secondary">{t("alarm.policies.previewMore", { n: shown.total - shown.rows.length })}</Typography.Text>}
          </>
        )}
    </Card>
  );
}

function RulesTab({ rules, attributes, actions }: { rules: AlarmRuleRow[]; attributes: string[]; actions: PolicyActions }) {
  const { t } = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<AlarmRuleRow | "new" | null>(null);
  async function toggle(r: AlarmRuleRow, enabled: boolean) {
    const res = await actions.saveRule({ id: r.id, name: r.name, matchers: r.matchers, workOrderKind: r.workOrderKind, enabled });
    if (res.ok) message.success(t(enabled ? "alarm.rules.enabled" : "alarm.rules.disabled", { name: r.name })); else message.error(res.message);
    router.refresh();
  }
  async function remove(r: AlarmRuleRow) {
    const res = await actions.deleteRule(r.id);
    if (res.ok) message.success(t("alarm.rules.deleted", { name: r.name })); else message.error(res.message);
    router.refresh();
  }
  const actionsCell = (r: AlarmRuleRow) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setEditing(r)}>{t("alarm.rules.edit")}</Button>
      <Popconfirm title={t("alarm.rules.deleteConfirm", { name: r.name })} okText={t("alarm.rules.delete")} okButtonProps={{ danger: true }} cancelText={t("common.cancel")} onConfirm={() => remove(r)}>
        <Button size="small" danger>{t("alarm.rules.delete")}</Button>
      </Popconfirm>
    </Space>
  );
  const enabledCell = (r: AlarmRuleRow) => <Switch size="small" checked={r.enabled} onChange={(on) => toggle(r, on)} aria-label={t("alarm.rules.col.enabled")} />;
  const columns: ColumnsType<AlarmRuleRow> = phone
    ? [
      { title: t("alarm.rules.col.name"), key: "name", render: (_, r) => <div style={{ minWidth: 0 }}><Space size={6} wrap><Typography.Text strong>{r.name}</Typography.Text>{enabledCell(r)}</Space><MatcherTags matchers={r.matchers} /><Typography.Text type="secondary" style={{ fontSize: 12 }}>→ {t(`itsm.kind.${r.workOrderKind}` as MessageKey)}</Typography.Text></div> },
      { title: t("alarm.col.actions"), key: "actions", width: 72, render: (_, r) => actionsCell(r) },
    ]
    : [
      { title: t("alarm.rules.col.name"), dataIndex: "name", key: "name", render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
      { title: t("alarm.policies.col.matchers"), key: "matchers", render: (_, r) => <MatcherTags matchers={r.matchers} /> },
      { title: t("alarm.rules.col.kind"), key: "kind", render: (_, r) => t(`itsm.kind.${r.workOrderKind}` as MessageKey) },
      { title: t("alarm.rules.col.enabled"), key: "enabled", render: (_, r) => enabledCell(r) },
      { title: t("alarm.col.actions"), key: "actions", render: (_, r) => actionsCell(r) },
    ];
  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", alignItems: "center", marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ flex: "1 1 280px" }}>{t("alarm.rules.help")}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("alarm.rules.create")}</Button>
      </div>
      <Table<AlarmRuleRow> rowKey="id" size="middle" dataSource={rules} columns={columns} pagination={false} locale={{ emptyText: t("alarm.rules.empty") }} scroll={phone ? undefined : { x: "max-content" }} />
      {editing && (
        <RuleModal rule={editing === "new" ? null : editing} attributes={attributes} save={actions.saveRule} onClose={() => setEditing(null)} onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }} />
      )}
    </>
  );
}

type RuleValues = { name: string; matchers: Matcher[]; workOrderKind: WorkOrderKind; enabled: boolean };

function RuleModal({ rule, attributes, save, onClose, onSaved }: { rule: AlarmRuleRow | null; attributes: string[]; save: PolicyActions["saveRule"]; onClose: () => void; onSaved: (text: string) => void }) {
  const { t } = useT();
  const { form, pending, error, onFinish } = useServerForm(async (v: RuleValues) => {
    const r = await save({ ...(rule ? { id: rule.id } : {}), ...v });
    return r.ok ? { ok: true as const, outcome: t("alarm.rules.saved", { name: r.outcome.name }) } : r;
  }, onSaved, ["name", "matchers", "workOrderKind", "enabled"]);
  const initialValues: RuleValues = rule ?? { name: "", matchers: [{ attribute: "", op: "eq", value: "" }], workOrderKind: "fault", enabled: true };
  return (
    <FormModal open title={rule ? t("alarm.rules.edit") : t("alarm.rules.create")} width={720} okText={t("common.save")} cancelText={t("common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={initialValues}>
        <Form.Item name="name" label={t("alarm.rules.col.name")} rules={[{ required: true, whitespace: true, message: t("alarm.rules.nameRequired") }]}><Input maxLength={100} /></Form.Item>
        <Form.Item label={t("alarm.policies.col.matchers")} extra={t("alarm.matcher.help")} required><MatcherEditor attributes={attributes} /></Form.Item>
        <div style={{ display: "flex", flexWrap: "wrap", gap: "0 16px" }}>
          <Form.Item name="workOrderKind" label={t("alarm.rules.col.kind")} style={{ flex: "1 1 200px" }}>
            <Select options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`itsm.kind.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="enabled" label={t("alarm.rules.col.enabled")} valuePropName="checked" style={{ flex: "1 1 120px" }}><Switch /></Form.Item>
        </div>
      </Form>
    </FormModal>
  );
}

function EscalationTab({ settings, save }: { settings: EscalationSettings; save: PolicyActions["saveEscalation"] }) {
  const { t } = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const { form, pending, error, onFinish } = useServerForm(async (v: EscalationSettings) => {
    const input = Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, v[s] ?? null])) as EscalationSettings;
    const r = await save(input);
    return r.ok ? { ok: true as const, outcome: t("alarm.escalation.saved") } : r;
  }, (text) => { message.success(text); router.refresh(); }, ALARM_SEVERITIES);
  return (
    <Card size="small" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t("alarm.escalation.help")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="horizontal" labelCol={{ flex: "96px" }} onFinish={onFinish} initialValues={settings}>
        {ALARM_SEVERITIES.map((s) => (
          <Form.Item key={s} name={s} label={<SeverityTag severity={s} />} colon={false}>
            <InputNumber min={1} max={10_080} precision={0} placeholder={t("alarm.escalation.never")} suffix={t("alarm.escalation.minutes")} style={{ width: 200, maxWidth: "100%" }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={pending}>{t("common.save")}</Button>
      </Form>
    </Card>
  );
}
