"use client";

import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Col, Form, Grid, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import { WORK_ORDER_KINDS } from "@/lib/itsm/codes";
import type { TemplateField, TemplateInput, TemplateRow } from "@/lib/sla/templates";
import { FormModal } from "@/components/admin/form-modal";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";

const FIELD_TYPES = ["text", "textarea", "number", "select", "date"] as const satisfies readonly TemplateField["type"][];
const FORM_FIELDS = ["code", "kind", "name", "nameEn", "fields", "enabled", "sort"] as const;

function OptionRows({ fieldName }: { fieldName: number }) {
  const { t } = useT();
  return (
    <Form.List name={[fieldName, "options"]}>
      {(options, { add, remove }) => (
        <div style={{ paddingInlineStart: 12, borderInlineStart: "2px solid #f0f0f0" }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.template.field.options")}</Typography.Text>
          {options.map((o) => (
            <Row key={o.key} gutter={8} wrap={false} style={{ marginTop: 4 }}>
              <Col flex="1 1 0"><Form.Item name={[o.name, "value"]} noStyle><Input size="small" placeholder={t("sla.template.field.optionValue")} /></Form.Item></Col>
              <Col flex="1 1 0"><Form.Item name={[o.name, "label"]} noStyle><Input size="small" placeholder={t("sla.template.field.label")} /></Form.Item></Col>
              <Col flex="1 1 0"><Form.Item name={[o.name, "labelEn"]} noStyle><Input size="small" placeholder={t("sla.template.field.labelEn")} /></Form.Item></Col>
              <Col flex="none"><Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("sla.common.remove")} onClick={() => remove(o.name)} /></Col>
            </Row>
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: "", label: "", labelEn: "" })} style={{ marginTop: 6 }}>{t("sla.template.addOption")}</Button>
        </div>
      )}
    </Form.List>
  );
}

function TemplateModal({ template, save, onClose, onSaved }: { template: TemplateRow | null; save: (input: TemplateInput) => Promise<ActionResult<null>>; onClose: () => void; onSaved: (name: string) => void }) {
  const { t } = useT();
  const { form, pending, error, onFinish } = useServerForm(async (v: TemplateInput) => {
    const result = await save({ ...v, fields: (v.fields ?? []).map((f) => ({ ...f, required: Boolean(f.required), options: f.type === "select" ? f.options ?? [] : undefined })) });
    return result.ok ? { ok: true as const, outcome: v.name } : result;
  }, onSaved, FORM_FIELDS);
  const initialValues: Partial<TemplateInput> = template ?? { kind: "fault", enabled: true, sort: 0, fields: [] };
  return (
    <FormModal open title={template ? t("sla.template.editTitle", { name: template.name }) : t("sla.template.newTitle")} width={960} okText={t("sla.common.save")} cancelText={t("sla.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        <Row gutter={12}>
          <Col xs={24} sm={8}><Form.Item name="code" label={t("sla.template.code")} extra={t("sla.template.codeExtra")} rules={[{ required: true, message: t("sla.template.code") }]}><Input disabled={Boolean(template)} maxLength={32} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="kind" label={t("sla.template.kind")}><Select options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`itsm.kind.${k}`) }))} /></Form.Item></Col>
          <Col xs={12} sm={4}><Form.Item name="sort" label={t("sla.template.sort")}><InputNumber min={0} max={9999} style={{ width: "100%" }} /></Form.Item></Col>
          <Col xs={12} sm={4}><Form.Item name="enabled" label={t("sla.template.enabled")} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="name" label={t("sla.template.name")} rules={[{ required: true, message: t("sla.template.name") }]}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="nameEn" label={t("sla.template.nameEn")} rules={[{ required: true, message: t("sla.template.nameEn") }]}><Input maxLength={100} /></Form.Item></Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t("sla.template.fields")}</Typography.Title>
        <Form.List name="fields">
          {(fields, { add, remove, move }, { errors }) => (
            <Space orientation="vertical" size={8} style={{ width: "100%" }}>
              {fields.map((f, index) => (
                <Card key={f.key} size="small" styles={{ body: { padding: 10 } }} data-testid={`template-field-${index}`}>
                  <Row gutter={8} align="top">
                    <Col xs={12} md={4}><Form.Item name={[f.name, "key"]} label={t("sla.template.field.key")} style={{ marginBottom: 8 }}><Input size="small" maxLength={32} /></Form.Item></Col>
                    <Col xs={12} md={5}><Form.Item name={[f.name, "label"]} label={t("sla.template.field.label")} style={{ marginBottom: 8 }}><Input size="small" maxLength={32} /></Form.Item></Col>
                    <Col xs={12} md={5}><Form.Item name={[f.name, "labelEn"]} label={t("sla.template.field.labelEn")} style={{ marginBottom: 8 }}><Input size="small" maxLength={64} /></Form.Item></Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, "type"]} label={t("sla.template.field.type")} style={{ marginBottom: 8 }}>
                        <Select size="small" options={FIELD_TYPES.map((ty) => ({ value: ty, label: t(`sla.template.fieldType.${ty}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={2}><Form.Item name={[f.name, "required"]} label={t("sla.template.field.required")} valuePropName="checked" style={{ marginBottom: 8 }}><Checkbox /></Form.Item></Col>
                    <Col xs={12} md={4} style={{ textAlign: "end", paddingTop: 28 }}>
                      <Space size={2}>
                        <Tooltip title={t("sla.template.field.up")}><Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t("sla.template.field.up")} /></Tooltip>
                        <Tooltip title={t("sla.template.field.down")}><Button size="small" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={t("sla.template.field.down")} /></Tooltip>
                        <Tooltip title={t("sla.common.remove")}><Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t("sla.common.remove")} /></Tooltip>
                      </Space>
                    </Col>
                  </Row>
                  <Form.Item noStyle shouldUpdate={(a, b) => a.fields?.[f.name]?.type !== b.fields?.[f.name]?.type}>
                    {() => (form.getFieldValue(["fields", f.name, "type"]) === "select" ? <OptionRows fieldName={f.name} /> : null)}
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: "", label: "", labelEn: "", type: "text", required: false })} block>{t("sla.template.addField")}</Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}

/** The work order templates: per kind, the fields its requests and work orders carry. */
export function TemplatesTab({ templates, save }: { templates: TemplateRow[]; save: (input: TemplateInput) => Promise<ActionResult<null>> }) {
  const { t, locale } = useT();
  const { message } = App.useApp();
  const router = useRouter();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<TemplateRow | "new" | null>(null);
  const nameOf = (x: TemplateRow) => (locale === "en" ? x.nameEn : x.name);
  const fieldList = (x: TemplateRow) => (x.fields.length
    ? <Space size={[4, 4]} wrap>{x.fields.map((f) => <Tag key={f.key}>{locale === "en" ? f.labelEn : f.label}{f.required ? " *" : ""}</Tag>)}</Space>
    : <Typography.Text type="secondary">{t("sla.template.noFields")}</Typography.Text>);
  const stateTag = (x: TemplateRow) => <Tag color={x.enabled ? "success" : "default"}>{t(x.enabled ? "sla.template.enabled" : "sla.template.disabled")}</Tag>;
  const editButton = (x: TemplateRow) => <Button size="small" onClick={() => setEditing(x)}>{t("sla.common.edit")}</Button>;
  const columns: ColumnsType<TemplateRow> = phone
    ? [
      { title: t("sla.template.name"), key: "name", render: (_, x) => <div><Typography.Text strong>{nameOf(x)}</Typography.Text> <Tag>{t(`itsm.kind.${x.kind}`)}</Tag>{stateTag(x)}<div style={{ marginTop: 4 }}>{fieldList(x)}</div></div> },
      { title: t("sla.common.actions"), key: "actions", width: 64, render: (_, x) => editButton(x) },
    ]
    : [
      { title: t("sla.template.code"), dataIndex: "code", key: "code", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
      { title: t("sla.template.name"), key: "name", render: (_, x) => nameOf(x) },
      { title: t("sla.template.kind"), key: "kind", render: (_, x) => t(`itsm.kind.${x.kind}`) },
      { title: t("sla.template.fields"), key: "fields", render: (_, x) => fieldList(x) },
      { title: t("sla.template.sort"), dataIndex: "sort", key: "sort", width: 70 },
      { title: t("sla.template.enabled"), key: "enabled", width: 80, render: (_, x) => stateTag(x) },
      { title: t("sla.common.actions"), key: "actions", width: 80, render: (_, x) => editButton(x) },
    ];
  return (
    <>
      <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("sla.template.add")}</Button>
      </div>
      <Table<TemplateRow> rowKey="code" size="small" dataSource={templates} columns={columns} pagination={false} locale={{ emptyText: t("sla.template.empty") }} />
      {editing && (
        <TemplateModal
          key={editing === "new" ? "new" : editing.code} template={editing === "new" ? null : editing} save={save} onClose={() => setEditing(null)}
          onSaved={(name) => { setEditing(null); message.success(t("sla.template.saved", { name })); router.refresh(); }}
        />
      )}
    </>
  );
}
