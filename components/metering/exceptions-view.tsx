"use client";

import { CheckCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Form, Grid, Input, List, Modal, Select, Space, Table, Tag, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { ResolveOutcome } from "@/app/(portal)/metering/exceptions/actions";
import type { PriceItemInput as NewPriceItem } from "@/lib/catalog/price-item-schema";
import { RerateProgress } from "@/components/jobs/rerate-progress";
import { useServerForm } from "@/components/ui/use-server-form";
import type { Exceptions } from "@/lib/metering/list-exceptions";
import type { MappingChoices } from "@/lib/metering/list-mapping-choices";
import type { ProjectMapping } from "@/lib/metering/map-project";

type Unassigned = Exceptions["unassigned"][number];
type Unrated = Exceptions["unrated"][number];
type Actions = {
  mapProject: (input: ProjectMapping) => Promise<ActionResult<ResolveOutcome>>;
  addPriceItem: (input: NewPriceItem) => Promise<ActionResult<ResolveOutcome>>;
};

type UnitFactors = Record<string, readonly string[]>;

const monthList = (months: string[]) => months.map((m) => <Tag key={m}>{m}</Tag>);

/** Unassigned and unrated usage; supervisors resolve each with a form, then see what was re-rated. */
export function ExceptionsView({ exceptions, choices, unitFactors, actions }: { exceptions: Exceptions; choices: MappingChoices | null; unitFactors: UnitFactors; actions: Actions | null }) {
  const router = useRouter();
  const [mapping, setMapping] = useState<Unassigned | null>(null);
  const [pricing, setPricing] = useState<Unrated | null>(null);
  const [outcome, setOutcome] = useState<ResolveOutcome | null>(null);
  const phone = Grid.useBreakpoint().md === false;

  function done(result: ResolveOutcome) {
    setMapping(null);
    setPricing(null);
    setOutcome(result);
    router.refresh();
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {outcome && <RerateProgress key={outcome.rerateJobId} jobId={outcome.rerateJobId} title={outcome.what} onClose={() => setOutcome(null)} />}
      <Card size="small" title={`未归属的用量（${exceptions.unassigned.length} 个 ProjectID）`}>
        {phone ? (
          <List<Unassigned>
            dataSource={exceptions.unassigned}
            locale={{ emptyText: "没有未归属的用量" }}
            renderItem={(r) => (
              <List.Item>
                <div style={{ minWidth: 0 }}>
                  <div className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.projectId}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionCode} · {r.records} 条话单</Typography.Text> {monthList(r.months)}
                  {actions && <div style={{ marginTop: 8 }}><Button size="small" type="primary" onClick={() => setMapping(r)}>归属到 VDC</Button></div>}
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Unassigned>
            rowKey="projectId"
            size="small"
            dataSource={exceptions.unassigned}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: "没有未归属的用量" }}
            columns={[
              { title: "ProjectID", dataIndex: "projectId", key: "projectId", render: (v: string) => <span className="mono" style={{ fontSize: 12 }}>{v}</span> },
              { title: "区域", dataIndex: "regionCode", key: "regionCode", responsive: ["md"] },
              { title: "话单数", dataIndex: "records", key: "records", align: "right" },
              { title: "月份", dataIndex: "months", key: "months", render: monthList },
              ...(actions ? [{ title: "处理", key: "action", render: (_: unknown, r: Unassigned) => <Button size="small" type="primary" onClick={() => setMapping(r)}>归属到 VDC</Button> }] : []),
            ]}
          />
        )}
      </Card>
      <Card size="small" title={`未定价的用量（${exceptions.unrated.length} 种规格）`}>
        {phone ? (
          <List<Unrated>
            dataSource={exceptions.unrated}
            locale={{ emptyText: "没有未定价的用量" }}
            renderItem={(r) => (
              <List.Item>
                <div style={{ minWidth: 0 }}>
                  <div className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.resourceTypeCode} · {r.resourceSpecCode}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionCode} · {r.factor} · {r.records} 条话单</Typography.Text> {monthList(r.months)}
                  {actions && <div style={{ marginTop: 8 }}><Button size="small" type="primary" onClick={() => setPricing(r)}>添加价格</Button></div>}
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Unrated>
            rowKey={(r) => [r.regionCode, r.serviceTypeCode, r.resourceTypeCode, r.resourceSpecCode, r.factor].join("|")}
            size="small"
            dataSource={exceptions.unrated}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: "没有未定价的用量" }}
            columns={[
              { title: "区域", dataIndex: "regionCode", key: "regionCode", responsive: ["md"] },
              { title: "服务 / 资源类型", key: "type", render: (_, r) => <><span className="mono" style={{ fontSize: 12 }}>{r.serviceTypeCode}</span><br /><span className="mono" style={{ fontSize: 12 }}>{r.resourceTypeCode}</span></> },
              { title: "规格", dataIndex: "resourceSpecCode", key: "resourceSpecCode", render: (v: string) => <span className="mono" style={{ fontSize: 12 }}>{v}</span> },
              { title: "计量因子", dataIndex: "factor", key: "factor" },
              { title: "话单数", dataIndex: "records", key: "records", align: "right" },
              { title: "月份", dataIndex: "months", key: "months", responsive: ["md"], render: monthList },
              ...(actions ? [{ title: "处理", key: "action", render: (_: unknown, r: Unrated) => <Button size="small" type="primary" onClick={() => setPricing(r)}>添加价格</Button> }] : []),
            ]}
          />
        )}
      </Card>
      {actions && choices && mapping && <MapProjectModal row={mapping} choices={choices} submit={actions.mapProject} onCancel={() => setMapping(null)} onDone={done} />}
      {actions && choices && pricing && <PriceItemModal row={pricing} choices={choices} unitFactors={unitFactors} submit={actions.addPriceItem} onCancel={() => setPricing(null)} onDone={done} />}
    </Space>
  );
}

type ModalProps<Row, Input> = {
  row: Row; choices: MappingChoices; submit: (input: Input) => Promise<ActionResult<ResolveOutcome>>; onCancel: () => void; onDone: (o: ResolveOutcome) => void;
};

function MapProjectModal({ row, choices, submit, onCancel, onDone }: ModalProps<Unassigned, ProjectMapping>) {
  const { form, pending, error, onFinish } = useServerForm(submit, onDone);
  return (
    <Modal open title="将 ProjectID 归属到 VDC" okText="归属并重新计费" cancelText="取消" confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ projectId: row.projectId, name: "" }} onFinish={onFinish}>
        <Form.Item label="ProjectID" name="projectId"><Input readOnly className="mono" /></Form.Item>
        <Form.Item label="VDC" name="vdcId" rules={[{ required: true, message: "请选择 VDC" }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            placeholder="选择 VDC"
            options={choices.vdcs.map((v) => ({ value: v.id, label: `${v.departmentName} / ${v.name}（${v.code}）` }))}
          />
        </Form.Item>
        <Form.Item label="项目名称" name="name" extra="可选，缺省用 ProjectID"><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function PriceItemModal({ row, choices, unitFactors, submit, onCancel, onDone }: ModalProps<Unrated, NewPriceItem> & { unitFactors: UnitFactors }) {
  const units = Object.keys(unitFactors);
  const { form, pending, error, onFinish } = useServerForm(submit, onDone);
  const provider = choices.providers.find((p) => p.regionCodes.includes(row.regionCode));
  const suitableUnits = units.filter((u) => unitFactors[u].includes(row.factor));
  const initial: Partial<NewPriceItem> = {
    providerId: provider?.id, serviceTypeCode: row.serviceTypeCode, resourceTypeCode: row.resourceTypeCode, resourceSpecCode: row.resourceSpecCode,
    factor: row.factor, unit: suitableUnits.length === 1 ? (suitableUnits[0] as NewPriceItem["unit"]) : undefined,
    validFrom: row.months[0] ? `${row.months[0]}-01` : "", validTo: "",
  };
  return (
    <Modal open title="添加计费项" okText="添加并重新计费" cancelText="取消" confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label="计费项编码" name="itemCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "必填" }]}><Input placeholder="如 CT-ECS-32C64G" /></Form.Item>
          <Form.Item label="服务商" name="providerId" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: "请选择服务商" }]}>
            <Select options={choices.providers.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label="类别" name="category" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: "必填" }]}><Input placeholder="如 计算" /></Form.Item>
          <Form.Item label="名称" name="name" style={{ flex: "2 1 240px" }} rules={[{ required: true, message: "必填" }]}><Input placeholder="如 云主机 通用型 32C64G" /></Form.Item>
        </div>
        {/* the key of the unrated usage: fixed, shown for reference and sent with the form */}
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: "service", label: "服务类型", children: <span className="mono">{row.serviceTypeCode}</span> },
            { key: "type", label: "资源类型", children: <span className="mono">{row.resourceTypeCode}</span> },
            { key: "spec", label: "规格", children: <span className="mono">{row.resourceSpecCode}</span> },
            { key: "factor", label: "计量因子", children: row.factor },
          ]}
        />
        {(["serviceTypeCode", "resourceTypeCode", "resourceSpecCode", "factor"] as const).map((name) => <Form.Item key={name} name={name} hidden><Input /></Form.Item>)}
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label="计价单位" name="unit" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: "请选择计价单位" }]}>
            <Select options={units.map((u) => ({ value: u, label: u, disabled: !suitableUnits.includes(u) }))} />
          </Form.Item>
          <Form.Item label="单价（元）" name="unitPrice" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: "必填" }]}><Input inputMode="decimal" placeholder="如 3200" /></Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label="生效日期" name="validFrom" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: "必填" }]}><Input type="date" /></Form.Item>
          <Form.Item label="失效日期（不含，可空）" name="validTo" style={{ flex: "1 1 160px" }}><Input type="date" /></Form.Item>
        </div>
        <Typography.Text type="secondary">日期为北京时间的日历日；新价格只作用于其有效期内开始的用量。</Typography.Text>
      </Form>
    </Modal>
  );
}
