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
import { useT } from "@/components/layout/locale";
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
  const { t } = useT();
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
      <Card size="small" title={t("metering.exceptions.unassignedTitle", { n: exceptions.unassigned.length })}>
        {phone ? (
          <List<Unassigned>
            dataSource={exceptions.unassigned}
            locale={{ emptyText: t("metering.exceptions.noUnassigned") }}
            renderItem={(r) => (
              <List.Item>
                <div style={{ minWidth: 0 }}>
                  <div className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.projectId}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionCode} · {t("metering.exceptions.records", { n: r.records })}</Typography.Text> {monthList(r.months)}
                  {actions && <div style={{ marginTop: 8 }}><Button size="small" type="primary" onClick={() => setMapping(r)}>{t("metering.exceptions.assign")}</Button></div>}
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
            locale={{ emptyText: t("metering.exceptions.noUnassigned") }}
            columns={[
              { title: "ProjectID", dataIndex: "projectId", key: "projectId", render: (v: string) => <span className="mono" style={{ fontSize: 12 }}>{v}</span> },
              { title: t("metering.col.region"), dataIndex: "regionCode", key: "regionCode", responsive: ["md"] },
              { title: t("metering.col.records"), dataIndex: "records", key: "records", align: "right" },
              { title: t("metering.col.month"), dataIndex: "months", key: "months", render: monthList },
              ...(actions ? [{ title: t("metering.exceptions.col.action"), key: "action", render: (_: unknown, r: Unassigned) => <Button size="small" type="primary" onClick={() => setMapping(r)}>{t("metering.exceptions.assign")}</Button> }] : []),
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t("metering.exceptions.unratedTitle", { n: exceptions.unrated.length })}>
        {phone ? (
          <List<Unrated>
            dataSource={exceptions.unrated}
            locale={{ emptyText: t("metering.exceptions.noUnrated") }}
            renderItem={(r) => (
              <List.Item>
                <div style={{ minWidth: 0 }}>
                  <div className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.resourceTypeCode} · {r.resourceSpecCode}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.regionCode} · {r.factor} · {t("metering.exceptions.records", { n: r.records })}</Typography.Text> {monthList(r.months)}
                  {actions && <div style={{ marginTop: 8 }}><Button size="small" type="primary" onClick={() => setPricing(r)}>{t("metering.exceptions.addPrice")}</Button></div>}
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
            locale={{ emptyText: t("metering.exceptions.noUnrated") }}
            columns={[
              { title: t("metering.col.region"), dataIndex: "regionCode", key: "regionCode", responsive: ["md"] },
              { title: t("metering.exceptions.col.serviceResourceType"), key: "type", render: (_, r) => <><span className="mono" style={{ fontSize: 12 }}>{r.serviceTypeCode}</span><br /><span className="mono" style={{ fontSize: 12 }}>{r.resourceTypeCode}</span></> },
              { title: t("metering.col.spec"), dataIndex: "resourceSpecCode", key: "resourceSpecCode", render: (v: string) => <span className="mono" style={{ fontSize: 12 }}>{v}</span> },
              { title: t("metering.col.factor"), dataIndex: "factor", key: "factor" },
              { title: t("metering.col.records"), dataIndex: "records", key: "records", align: "right" },
              { title: t("metering.col.month"), dataIndex: "months", key: "months", responsive: ["md"], render: monthList },
              ...(actions ? [{ title: t("metering.exceptions.col.action"), key: "action", render: (_: unknown, r: Unrated) => <Button size="small" type="primary" onClick={() => setPricing(r)}>{t("metering.exceptions.addPrice")}</Button> }] : []),
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
  const { t } = useT();
  const { form, pending, error, onFinish } = useServerForm(submit, onDone);
  return (
    <Modal open title={t("metering.exceptions.map.title")} okText={t("metering.exceptions.map.ok")} cancelText={t("metering.cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ projectId: row.projectId, name: "" }} onFinish={onFinish}>
        <Form.Item label="ProjectID" name="projectId"><Input readOnly className="mono" /></Form.Item>
        <Form.Item label="VDC" name="vdcId" rules={[{ required: true, message: t("metering.exceptions.map.vdcRequired") }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("metering.exceptions.map.vdcPlaceholder")}
            options={choices.vdcs.map((v) => ({ value: v.id, label: t("metering.exceptions.map.vdcOption", { department: v.departmentName, name: v.name, code: v.code }) }))}
          />
        </Form.Item>
        <Form.Item label={t("metering.exceptions.map.name")} name="name" extra={t("metering.exceptions.map.nameExtra")}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function PriceItemModal({ row, choices, unitFactors, submit, onCancel, onDone }: ModalProps<Unrated, NewPriceItem> & { unitFactors: UnitFactors }) {
  const { t } = useT();
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
    <Modal open title={t("metering.exceptions.price.title")} okText={t("metering.exceptions.price.ok")} cancelText={t("metering.cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label={t("metering.exceptions.price.itemCode")} name="itemCode" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("metering.required") }]}><Input placeholder={t("metering.exceptions.price.itemCodePlaceholder")} /></Form.Item>
          <Form.Item label={t("metering.col.provider")} name="providerId" style={{ flex: "1 1 200px" }} rules={[{ required: true, message: t("metering.exceptions.price.providerRequired") }]}>
            <Select options={choices.providers.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label={t("metering.exceptions.price.category")} name="category" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: t("metering.required") }]}><Input placeholder={t("metering.exceptions.price.categoryPlaceholder")} /></Form.Item>
          <Form.Item label={t("metering.exceptions.price.name")} name="name" style={{ flex: "2 1 240px" }} rules={[{ required: true, message: t("metering.required") }]}><Input placeholder={t("metering.exceptions.price.namePlaceholder")} /></Form.Item>
        </div>
        {/* the key of the unrated usage: fixed, shown for reference and sent with the form */}
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: "service", label: t("metering.exceptions.price.serviceType"), children: <span className="mono">{row.serviceTypeCode}</span> },
            { key: "type", label: t("metering.exceptions.price.resourceType"), children: <span className="mono">{row.resourceTypeCode}</span> },
            { key: "spec", label: t("metering.col.spec"), children: <span className="mono">{row.resourceSpecCode}</span> },
            { key: "factor", label: t("metering.col.factor"), children: row.factor },
          ]}
        />
        {(["serviceTypeCode", "resourceTypeCode", "resourceSpecCode", "factor"] as const).map((name) => <Form.Item key={name} name={name} hidden><Input /></Form.Item>)}
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label={t("metering.exceptions.price.unit")} name="unit" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: t("metering.exceptions.price.unitRequired") }]}>
            <Select options={units.map((u) => ({ value: u, label: u, disabled: !suitableUnits.includes(u) }))} />
          </Form.Item>
          <Form.Item label={t("metering.exceptions.price.unitPrice")} name="unitPrice" style={{ flex: "1 1 120px" }} rules={[{ required: true, message: t("metering.required") }]}><Input inputMode="decimal" placeholder={t("metering.exceptions.price.unitPricePlaceholder")} /></Form.Item>
        </div>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
          <Form.Item label={t("metering.exceptions.price.validFrom")} name="validFrom" style={{ flex: "1 1 160px" }} rules={[{ required: true, message: t("metering.required") }]}><Input type="date" /></Form.Item>
          <Form.Item label={t("metering.exceptions.price.validTo")} name="validTo" style={{ flex: "1 1 160px" }}><Input type="date" /></Form.Item>
        </div>
        <Typography.Text type="secondary">{t("metering.exceptions.price.note")}</Typography.Text>
      </Form>
    </Modal>
  );
}
