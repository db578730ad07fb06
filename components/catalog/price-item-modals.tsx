"use client";

import { Alert, Form, Input, Modal, Select, Typography } from "antd";
import type { ActionResult } from "@/app/_server/action-result";
import type { CatalogOutcome } from "@/app/(portal)/catalog/actions";
import type { CatalogItemRow } from "@/lib/catalog/list-catalog";
import type { PriceItemInput } from "@/lib/catalog/price-item-schema";
import { unitName } from "@/components/ui/format";
import { useServerForm } from "@/components/ui/use-server-form";

const row = { display: "flex", gap: 12, flexWrap: "wrap" } as const;

/** A price draft: created, edited, or a new version of a published price (published items are never edited in place). */
export function PriceItemFormModal({ title, initial, id, providers, unitFactors, submit, onCancel, onDone }: {
  title: string; initial: Partial<PriceItemInput>; id?: number; providers: { id: number; name: string }[]; unitFactors: Record<string, readonly string[]>;
  submit: (input: PriceItemInput & { id?: number }) => Promise<ActionResult<CatalogOutcome>>; onCancel: () => void; onDone: (o: CatalogOutcome) => void;
}) {
  const { form, pending, error, onFinish } = useServerForm((v: PriceItemInput) => submit({ ...v, id }), onDone);
  const factor = Form.useWatch("factor", form) as string | undefined;
  const units = Object.keys(unitFactors);
  return (
    <Modal open title={title} okText="保存草稿" cancelText="取消" confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden width={680}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <div style={row}>
          <Form.Item label="计费项编码" name="itemCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "必填" }]}><Input placeholder="如 CT-ECS-32C64G" /></Form.Item>
          <Form.Item label="服务商" name="providerId" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "请选择服务商" }]}>
            <Select options={providers.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item label="类别" name="category" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: "必填" }]}><Input placeholder="如 计算" /></Form.Item>
          <Form.Item label="名称" name="name" style={{ flex: "2 1 260px" }} rules={[{ required: true, message: "必填" }]}><Input placeholder="如 云主机 通用型 32C64G" /></Form.Item>
        </div>
        <div style={row}>
          <Form.Item label="服务类型编码" name="serviceTypeCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "必填" }]}><Input className="mono" placeholder="hws.service.type.ec2" /></Form.Item>
          <Form.Item label="资源类型编码" name="resourceTypeCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "必填" }]}><Input className="mono" placeholder="hws.resource.type.vm" /></Form.Item>
        </div>
        <div style={row}>
          <Form.Item label="规格编码" name="resourceSpecCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "必填" }]}><Input className="mono" placeholder="s6.xlarge.2.linux" /></Form.Item>
          <Form.Item label="计量因子" name="factor" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: "必填" }]}>
            <Select options={["Duration", "size", "upflow", "downflow", "numberofrequests"].map((f) => ({ value: f.toLowerCase(), label: f }))} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item label="计价单位" name="unit" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: "请选择计价单位" }]}>
            <Select options={units.map((u) => ({ value: u, label: `${unitName(u)}（${u}）`, disabled: !!factor && !unitFactors[u].includes(factor.toLowerCase()) }))} />
          </Form.Item>
          <Form.Item label="单价（元）" name="unitPrice" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: "必填" }]}><Input inputMode="decimal" placeholder="如 3200" /></Form.Item>
        </div>
        <div style={row}>
          <Form.Item label="生效日期" name="validFrom" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: "必填" }]}><Input type="date" /></Form.Item>
          <Form.Item label="失效日期（不含，可空）" name="validTo" style={{ flex: "1 1 160px" }}><Input type="date" /></Form.Item>
        </div>
        <Form.Item label="说明" name="description"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Typography.Text type="secondary">日期为北京时间的日历日。草稿不参与计费；发布后，生效日期起开始的用量按它计费，同一计费键原有的长期价格在该日停用。</Typography.Text>
      </Form>
    </Modal>
  );
}

/** Retires a published price from a date: usage from that day on no longer rates at it. */
export function RetireModal({ item, today, submit, onCancel, onDone }: {
  item: CatalogItemRow; today: string; submit: (input: { id: number; retireFrom: string }) => Promise<ActionResult<CatalogOutcome>>; onCancel: () => void; onDone: (o: CatalogOutcome) => void;
}) {
  const { form, pending, error, onFinish } = useServerForm((v: { retireFrom: string }) => submit({ id: item.id, retireFrom: v.retireFrom }), onDone);
  return (
    <Modal open title={`下架 ${item.name}`} okText="下架" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ retireFrom: today > item.validFrom ? today : "" }} onFinish={onFinish}>
        <Form.Item label="自该日起不再计费" name="retireFrom" rules={[{ required: true, message: "请选择日期" }]} extra={`有效期 ${item.validFrom} 起${item.validTo ? `，${item.validTo} 止` : ""}；该日及以后开始的用量若无其他价格，将列入“异常 · 未定价”。`}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
