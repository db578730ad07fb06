"use client";

import { Alert, Form, Input, Modal, Select, Typography } from "antd";
import type { ActionResult } from "@/app/_server/action-result";
import type { CatalogOutcome } from "@/app/(portal)/catalog/actions";
import type { CatalogItemRow } from "@/lib/catalog/list-catalog";
import type { PriceItemInput } from "@/lib/catalog/price-item-schema";
import { unitName } from "@/components/ui/format";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";

const row = { display: "flex", gap: 12, flexWrap: "wrap" } as const;

/** A price draft: created, edited, or a new version of a published price (published items are never edited in place). */
export function PriceItemFormModal({ title, initial, id, providers, unitFactors, submit, onCancel, onDone }: {
  title: string; initial: Partial<PriceItemInput>; id?: number; providers: { id: number; name: string }[]; unitFactors: Record<string, readonly string[]>;
  submit: (input: PriceItemInput & { id?: number }) => Promise<ActionResult<CatalogOutcome>>; onCancel: () => void; onDone: (o: CatalogOutcome) => void;
}) {
  const { form, pending, error, onFinish } = useServerForm((v: PriceItemInput) => submit({ ...v, id }), onDone);
  const { t } = useT();
  const factor = Form.useWatch("factor", form) as string | undefined;
  const units = Object.keys(unitFactors);
  return (
    <Modal open title={title} okText={t("catalog.form.saveDraft")} cancelText={t("common.cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden width={680}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <div style={row}>
          <Form.Item label={t("catalog.form.itemCode")} name="itemCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("common.required") }]}><Input placeholder={t("catalog.form.itemCodeHint")} /></Form.Item>
          <Form.Item label={t("catalog.col.provider")} name="providerId" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("catalog.form.pickProvider") }]}>
            <Select options={providers.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item label={t("catalog.col.category")} name="category" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: t("common.required") }]}><Input placeholder={t("catalog.form.categoryHint")} /></Form.Item>
          <Form.Item label={t("catalog.col.name")} name="name" style={{ flex: "2 1 260px" }} rules={[{ required: true, message: t("common.required") }]}><Input placeholder={t("catalog.form.nameHint")} /></Form.Item>
        </div>
        <div style={row}>
          <Form.Item label={t("catalog.form.serviceType")} name="serviceTypeCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("common.required") }]}><Input className="mono" placeholder="hws.service.type.ec2" /></Form.Item>
          <Form.Item label={t("catalog.form.resourceType")} name="resourceTypeCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("common.required") }]}><Input className="mono" placeholder="hws.resource.type.vm" /></Form.Item>
        </div>
        <div style={row}>
          <Form.Item label={t("catalog.form.spec")} name="resourceSpecCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("common.required") }]}><Input className="mono" placeholder="s6.xlarge.2.linux" /></Form.Item>
          <Form.Item label={t("catalog.form.factor")} name="factor" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: t("common.required") }]}>
            <Select options={["Duration", "size", "upflow", "downflow", "numberofrequests"].map((f) => ({ value: f.toLowerCase(), label: f }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item label={t("catalog.form.unit")} name="unit" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: t("catalog.form.pickUnit") }]}>
            <Select options={units.map((u) => ({ value: u, label: `${unitName(u)}（${u}）`, disabled: !!factor && !unitFactors[u].includes(factor.toLowerCase()) }))} />
          </Form.Item>
          <Form.Item label={t("catalog.form.price")} name="unitPrice" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: t("common.required") }]}><Input inputMode="decimal" placeholder={t("catalog.form.priceHint")} /></Form.Item>
        </div>
        <div style={row}>
          <Form.Item label={t("catalog.form.validFrom")} name="validFrom" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: t("common.required") }]}><Input type="date" /></Form.Item>
          <Form.Item label={t("catalog.form.validTo")} name="validTo" style={{ flex: "1 1 160px" }}><Input type="date" /></Form.Item>
        </div>
        <Form.Item label={t("catalog.form.description")} name="description"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Typography.Text type="secondary">{t("catalog.form.note")}</Typography.Text>
      </Form>
    </Modal>
  );
}

/** Retires a published price from a date: usage from that day on no longer rates at it. */
export function RetireModal({ item, today, submit, onCancel, onDone }: {
  item: CatalogItemRow; today: string; submit: (input: { id: number; retireFrom: string }) => Promise<ActionResult<CatalogOutcome>>; onCancel: () => void; onDone: (o: CatalogOutcome) => void;
}) {
  const { form, pending, error, onFinish } = useServerForm((v: { retireFrom: string }) => submit({ id: item.id, retireFrom: v.retireFrom }), onDone);
  const { t } = useT();
  return (
    <Modal open title={t("catalog.retireTitle", { name: item.name })} okText={t("catalog.retire")} okButtonProps={{ danger: true }} cancelText={t("common.cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ retireFrom: today > item.validFrom ? today : "" }} onFinish={onFinish}>
        <Form.Item label={t("catalog.retireFrom")} name="retireFrom" rules={[{ required: true, message: t("catalog.pickDate") }]} extra={t(item.validTo ? "catalog.retireHintTo" : "catalog.retireHint", { from: item.validFrom, to: item.validTo ?? "" })}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
