"use client";

import { Alert, Col, Form, Input, Radio, Row, Select, Typography } from "antd";
import { useMemo, useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { RequestDetail, SubmitRequestInput } from "@/lib/itsm/requests";
import type { TemplateRow } from "@/lib/sla/templates";
import { FormModal } from "@/components/admin/form-modal";
import { unitName, yuan } from "@/components/ui/format";
import { useT } from "@/components/layout/locale";
import { DraftAttachments } from "./attachments";
import { useItsmNames, type DictionaryLabel } from "./itsm-labels";
import { TemplateFieldItems } from "./template-fields";
import { useItsmForm } from "./use-itsm-form";

export type PriceChoice = { id: number; itemCode: string; name: string; category: string; spec: string; providerId: number; providerName: string; unitPrice: string; unit: string };
export type RequestFormOptions = {
  prices: PriceChoice[]; templates: TemplateRow[]; providers: { id: number; name: string }[]; faultCategories: DictionaryLabel[];
};
export type RequestFormActions = {
  submit: (input: SubmitRequestInput) => Promise<ActionResult<{ id: number; number: string }>>;
  resubmit: (id: number, input: SubmitRequestInput) => Promise<ActionResult<{ id: number; number: string }>>;
};

/** The category of a fault report comes from the dictionary, not from the template's snapshot of it. */
const FAULT_CATEGORY_FIELD = "category";
/** A catalog request's quantity fills the template's quantity field (the server copies it). */
const SERVICE_QUANTITY_FIELD = "quantity";
const SEVERITIES = ["p1", "p2", "p3", "p4"] as const;

type Values = {
  priceItemId?: number; quantity?: string; templateCode?: string; providerId?: number; faultCategory?: string; severity?: string;
  title?: string; description?: string; fields?: Record<string, unknown>;
};

/**
 * A service request from the catalog (a searchable select of the published prices in force, with provider and
 * price) or a fault report; the chosen template's fields below; files uploaded as the form is filled in.
 * With `editing`, a returned request is corrected and submitted again.
 */
export function RequestFormModal({ open, kind, options, actions, editing, onClose, onSaved }: {
  open: boolean; kind: "service" | "fault"; options: RequestFormOptions; actions: RequestFormActions; editing?: RequestDetail | null;
  onClose: () => void; onSaved: (r: { id: number; number: string }) => void;
}) {
  const { t, locale } = useT();
  const n = useItsmNames();
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  const templates = useMemo(() => options.templates.filter((tp) => (kind === "service" ? tp.kind === "provisioning" || tp.kind === "change" : tp.kind === "fault")), [options.templates, kind]);

  const { form, pending, error, onFinish } = useItsmForm(async (v: Values) => {
    const common = { templateCode: v.templateCode!, title: v.title!, description: v.description!, fields: v.fields ?? {}, attachmentIds };
    const input: SubmitRequestInput = kind === "service"
      ? { kind, ...common, priceItemId: v.priceItemId!, quantity: String(v.quantity ?? ""), severity: (v.severity ?? "p3") as "p3" }
      : { kind, ...common, providerId: v.providerId!, faultCategory: v.faultCategory!, severity: v.severity as "p1" };
    return editing ? actions.resubmit(editing.id, input) : actions.submit(input);
  }, onSaved);

  const templateCode = Form.useWatch("templateCode", form);
  const priceItemId = Form.useWatch("priceItemId", form);
  const template = templates.find((tp) => tp.code === templateCode);
  const price = options.prices.find((p) => p.id === priceItemId);

  const initialValues: Values = editing
    ? {
      priceItemId: editing.priceItemId ?? undefined, quantity: editing.quantity ?? undefined, templateCode: editing.templateCode ?? undefined, providerId: editing.providerId,
      faultCategory: typeof editing.fields[FAULT_CATEGORY_FIELD] === "string" ? (editing.fields[FAULT_CATEGORY_FIELD] as string) : undefined,
      severity: editing.severity, title: editing.title, description: editing.description, fields: editing.fields,
    }
    : { templateCode: templates[0]?.code, severity: kind === "service" ? "p3" : undefined, quantity: kind === "service" ? "1" : undefined };

  const priceLabel = (p: PriceChoice) => `${p.name} · ${p.providerName} · ${yuan(p.unitPrice)} ${unitName(p.unit, locale)}`;
  const title = editing ? t("itsm.form.editTitle", { number: editing.number }) : kind === "service" ? t("itsm.form.serviceTitle") : t("itsm.form.faultTitle");

  return (
    <FormModal open={open} title={title} width={760} okText={t("itsm.btn.submit")} okButtonProps={{ autoInsertSpace: false }} cancelButtonProps={{ autoInsertSpace: false }} cancelText={t("itsm.btn.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={initialValues}>
        {kind === "service" ? (
          <>
            <Form.Item name="priceItemId" label={t("itsm.form.service")} rules={[{ required: true, message: t("itsm.form.serviceRequired") }]}
              extra={price ? t("itsm.form.providerFromItem", { provider: price.providerName }) : undefined}>
              <Select
                showSearch={{ optionFilterProp: "search" }} placeholder={t("itsm.form.serviceSearch")} style={{ width: "100%" }}
                onChange={(id: number) => { const p = options.prices.find((x) => x.id === id); if (p && !form.getFieldValue("title")) form.setFieldValue("title", p.name); }}
                options={options.prices.map((p) => ({
                  value: p.id, search: `${p.name} ${p.itemCode} ${p.spec} ${p.providerName} ${p.category}`,
                  label: <span style={{ whiteSpace: "normal" }}>{priceLabel(p)}</span>,
                }))}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="quantity" label={t("itsm.form.quantity")} rules={[{ required: true, message: t("itsm.form.quantityRequired") }]}>
                  <Input inputMode="decimal" suffix={<Typography.Text type="secondary">{price ? unitName(price.unit, locale) : ""}</Typography.Text>} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="severity" label={t("itsm.form.urgency")}>
                  <Select options={SEVERITIES.map((s) => ({ value: s, label: n.severity(s) }))} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : (
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name="providerId" label={t("itsm.form.provider")} rules={[{ required: true, message: t("itsm.form.providerRequired") }]}>
                <Select options={options.providers.map((p) => ({ value: p.id, label: p.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="faultCategory" label={t("itsm.form.faultCategory")} rules={[{ required: true, message: t("itsm.form.faultCategoryRequired") }]}>
                <Select options={options.faultCategories.map((c) => ({ value: c.code, label: locale === "en" ? c.labelEn : c.label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="severity" label={t("itsm.form.severity")} rules={[{ required: true, message: t("itsm.form.severityRequired") }]}>
                <Select options={SEVERITIES.map((s) => ({ value: s, label: n.severity(s) }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="templateCode" label={t("itsm.form.template")} rules={[{ required: true, message: t("itsm.form.templateRequired") }]} hidden={templates.length <= 1}>
          <Radio.Group optionType="button" options={templates.map((tp) => ({ value: tp.code, label: locale === "en" ? tp.nameEn : tp.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t("itsm.form.title")} rules={[{ required: true, message: t("itsm.form.titleRequired") }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={t("itsm.form.description")} rules={[{ required: true, message: t("itsm.form.descriptionRequired") }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
        </Form.Item>
        {template && <TemplateFieldItems fields={template.fields} skip={kind === "fault" ? [FAULT_CATEGORY_FIELD] : [SERVICE_QUANTITY_FIELD]} />}
        <Form.Item label={t("itsm.form.attachments")} extra={t("itsm.form.attachmentsHint")}>
          <DraftAttachments onChange={setAttachmentIds} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
