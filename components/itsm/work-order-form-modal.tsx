"use client";

import { Alert, Col, Form, Input, Row, Select } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { CreateWorkOrderInput } from "@/lib/itsm/work-orders";
import { FormModal } from "@/components/admin/form-modal";
import { useT } from "@/components/layout/locale";
import { DraftAttachments } from "./attachments";
import { useItsmNames } from "./itsm-labels";
import { TemplateFieldItems } from "./template-fields";
import { useItsmForm } from "./use-itsm-form";
import type { WorkOrderListOptions } from "./work-orders-view";

const KINDS = ["inspection", "consultation", "change", "provisioning", "fault"] as const;
const SEVERITIES = ["p1", "p2", "p3", "p4"] as const;

type Values = { kind: (typeof KINDS)[number]; templateCode?: string; title: string; description: string; severity: (typeof SEVERITIES)[number]; providerId: number; departmentId?: number; fields?: Record<string, unknown> };

/** The supervisor opens a work order directly (an inspection, a consultation ...), assigned to a provider at once. */
export function WorkOrderFormModal({ options, create, onClose, onSaved }: {
  options: WorkOrderListOptions; create: (input: CreateWorkOrderInput) => Promise<ActionResult<{ id: number; number: string }>>;
  onClose: () => void; onSaved: (r: { id: number; number: string }) => void;
}) {
  const { t, locale } = useT();
  const n = useItsmNames();
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  const { form, pending, error, onFinish } = useItsmForm(async (v: Values) => create({
    kind: v.kind, templateCode: v.templateCode ?? null, title: v.title, description: v.description, severity: v.severity, providerId: v.providerId,
    departmentId: v.departmentId ?? null, fields: v.fields ?? {}, attachmentIds,
  }), onSaved);
  const kind = Form.useWatch("kind", form);
  const templateCode = Form.useWatch("templateCode", form);
  const templates = options.templates.filter((tp) => tp.kind === kind);
  const template = templates.find((tp) => tp.code === templateCode);
  const firstTemplate = (k: string) => options.templates.find((tp) => tp.kind === k)?.code;

  return (
    <FormModal open title={t("itsm.btn.createOrder")} width={720} okText={t("itsm.btn.submit")} okButtonProps={{ autoInsertSpace: false }} cancelButtonProps={{ autoInsertSpace: false }} cancelText={t("itsm.btn.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={{ kind: "inspection", severity: "p3", templateCode: firstTemplate("inspection") }}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t("itsm.form.kind")} rules={[{ required: true }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: n.kind(k) }))} onChange={(k: string) => form.setFieldsValue({ templateCode: firstTemplate(k), fields: {} })} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="templateCode" label={t("itsm.col.template")}>
              <Select allowClear options={templates.map((tp) => ({ value: tp.code, label: locale === "en" ? tp.nameEn : tp.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="severity" label={t("itsm.form.severity")} rules={[{ required: true, message: t("itsm.form.severityRequired") }]}>
              <Select options={SEVERITIES.map((s) => ({ value: s, label: n.severity(s) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="providerId" label={t("itsm.form.provider")} rules={[{ required: true, message: t("itsm.form.providerRequired") }]}>
              <Select options={options.providers.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t("itsm.form.department")}>
              <Select allowClear showSearch={{ optionFilterProp: "label" }} options={options.departments.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t("itsm.form.title")} rules={[{ required: true, message: t("itsm.form.titleRequired") }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={t("itsm.form.description")} rules={[{ required: true, message: t("itsm.form.descriptionRequired") }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        {template && <TemplateFieldItems fields={template.fields} />}
        <Form.Item label={t("itsm.form.attachments")} extra={t("itsm.form.attachmentsHint")}><DraftAttachments onChange={setAttachmentIds} /></Form.Item>
      </Form>
    </FormModal>
  );
}
