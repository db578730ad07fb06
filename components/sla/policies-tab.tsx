"use client";

import { Alert, App, Button, Form, Grid, InputNumber, Radio, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import Decimal from "decimal.js";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { SlaClock } from "@/lib/itsm/codes";
import type { SlaPolicyInput, SlaPolicyRow } from "@/lib/sla/policies";
import { FormModal } from "@/components/admin/form-modal";
import { percent } from "@/components/ui/format";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { bestUnit, durationUnits, formatTarget, type DurationUnit } from "./duration";

/** A target in minutes, entered as a number of minutes, hours or (working) days. */
function DurationInput({ value, onChange, clock, workdayMinutes, id }: { value?: number; onChange?: (minutes: number | undefined) => void; clock: SlaClock; workdayMinutes: number; id?: string }) {
  const { t } = useT();
  const units = durationUnits(clock, workdayMinutes);
  const [chosen, setChosen] = useState<DurationUnit>(() => bestUnit(value ?? 60, clock, workdayMinutes).unit);
  // a working day means nothing on the 24x7 clock (and a day nothing on the working one): fall back to hours
  const unit = units.some((u) => u.unit === chosen) ? chosen : "hour";
  const factor = units.find((u) => u.unit === unit)!.minutes;
  const amount = value === undefined ? null : value / factor;
  return (
    <Space.Compact style={{ width: "100%" }}>
      <InputNumber id={id} min={0} step={1} value={amount} style={{ width: "100%" }} onChange={(n) => onChange?.(n === null ? undefined : Math.round(Number(n) * factor))} />
      <Select<DurationUnit>
        value={unit} style={{ width: 120 }} options={units.map((u) => ({ value: u.unit, label: t(`sla.unit.${u.unit}`) }))}
        onChange={(u) => { setChosen(u); if (amount !== null) onChange?.(Math.round(amount * units.find((x) => x.unit === u)!.minutes)); }}
      />
    </Space.Compact>
  );
}

/** A share ("0.8") entered as a percentage (80). */
function PercentInput({ value, onChange, id }: { value?: string; onChange?: (share: string | undefined) => void; id?: string }) {
  return (
    <InputNumber
      id={id} min={1} max={99} step={5} precision={1} style={{ width: 140 }} suffix="%"
      value={value === undefined ? null : new Decimal(value).mul(100).toNumber()}
      onChange={(n) => onChange?.(n === null ? undefined : new Decimal(n).div(100).toString())}
    />
  );
}

type Values = { clock: SlaClock; responseMinutes: number; resolutionMinutes: number; warnShare: string };
const FIELDS = ["clock", "responseMinutes", "resolutionMinutes", "warnShare"] as const;

function PolicyModal({ policy, workdayMinutes, save, onClose, onSaved }: { policy: SlaPolicyRow; workdayMinutes: number; save: (input: SlaPolicyInput) => Promise<ActionResult<null>>; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const names = { kind: t(`itsm.kind.${policy.kind}`), severity: t(`itsm.severity.${policy.severity}`) };
  const { form, pending, error, onFinish } = useServerForm((v: Values) => save({ kind: policy.kind, severity: policy.severity, ...v }), onSaved, FIELDS);
  const clock = (Form.useWatch("clock", form) as SlaClock | undefined) ?? policy.clock;
  return (
    <FormModal open title={t("sla.policy.editTitle", names)} okText={t("sla.common.save")} cancelText={t("sla.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t("sla.policy.hint", { day: formatTarget(t, workdayMinutes, "calendar", workdayMinutes) })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ clock: policy.clock, responseMinutes: policy.responseMinutes, resolutionMinutes: policy.resolutionMinutes, warnShare: policy.warnShare }}>
        <Form.Item name="clock" label={t("sla.policy.clock")}>
          <Radio.Group options={[{ value: "working", label: t("sla.clock.working") }, { value: "calendar", label: t("sla.clock.calendar") }]} />
        </Form.Item>
        <Form.Item name="responseMinutes" label={t("sla.policy.response")} rules={[{ required: true, message: t("sla.policy.valueRequired") }]}>
          <DurationInput clock={clock} workdayMinutes={workdayMinutes} />
        </Form.Item>
        <Form.Item name="resolutionMinutes" label={t("sla.policy.resolution")} rules={[{ required: true, message: t("sla.policy.valueRequired") }]}>
          <DurationInput clock={clock} workdayMinutes={workdayMinutes} />
        </Form.Item>
        <Form.Item name="warnShare" label={t("sla.policy.warnShare")} extra={t("sla.policy.warnShareExtra")} rules={[{ required: true, message: t("sla.policy.valueRequired") }]}>
          <PercentInput />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Every kind × severity with its clock, targets and warning share; edited one at a time in a modal. */
export function PoliciesTab({ policies, workdayMinutes, save }: { policies: SlaPolicyRow[]; workdayMinutes: number; save: (input: SlaPolicyInput) => Promise<ActionResult<null>> }) {
  const { t } = useT();
  const { message } = App.useApp();
  const router = useRouter();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<SlaPolicyRow | null>(null);
  const target = (p: SlaPolicyRow, minutes: number) => formatTarget(t, minutes, p.clock, workdayMinutes);
  const clockTag = (p: SlaPolicyRow) => <Tag color={p.clock === "calendar" ? "volcano" : "blue"}>{t(p.clock === "calendar" ? "sla.clock.calendarShort" : "sla.clock.workingShort")}</Tag>;
  const builtinTag = (p: SlaPolicyRow) => p.builtin && <Tooltip title={t("sla.policy.builtinHint")}><Tag>{t("sla.policy.builtin")}</Tag></Tooltip>;
  const editButton = (p: SlaPolicyRow) => <Button size="small" onClick={() => setEditing(p)} data-testid={`edit-policy-${p.kind}-${p.severity}`}>{t("sla.common.edit")}</Button>;
  const columns: ColumnsType<SlaPolicyRow> = [
    { title: t("sla.policy.kind"), key: "kind", onCell: (_, i) => ({ rowSpan: (i ?? 0) % 4 === 0 ? 4 : 0 }), render: (_, p) => <Typography.Text strong>{t(`itsm.kind.${p.kind}`)}</Typography.Text> },
    { title: t("sla.policy.severity"), key: "severity", render: (_, p) => t(`itsm.severity.${p.severity}`) },
    { title: t("sla.policy.clock"), key: "clock", render: (_, p) => clockTag(p) },
    { title: t("sla.policy.response"), key: "response", render: (_, p) => target(p, p.responseMinutes) },
    { title: t("sla.policy.resolution"), key: "resolution", render: (_, p) => target(p, p.resolutionMinutes) },
    { title: t("sla.policy.warnShare"), key: "warnShare", render: (_, p) => percent(p.warnShare) },
    { title: t("sla.common.actions"), key: "actions", width: 120, render: (_, p) => <Space size={4}>{editButton(p)}{builtinTag(p)}</Space> },
  ];
  const phoneColumns: ColumnsType<SlaPolicyRow> = [
    {
      title: `${t("sla.policy.kind")} / ${t("sla.policy.severity")}`, key: "kind",
      render: (_, p) => <div><Typography.Text strong>{t(`itsm.kind.${p.kind}`)}</Typography.Text> {t(`itsm.severity.${p.severity}`)}<div>{clockTag(p)}{builtinTag(p)}</div></div>,
    },
    {
      title: `${t("sla.policy.response")} / ${t("sla.policy.resolution")}`, key: "targets",
      render: (_, p) => <div style={{ fontSize: 13 }}>{target(p, p.responseMinutes)} / {target(p, p.resolutionMinutes)}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.policy.warnShare")} {percent(p.warnShare)}</Typography.Text></div></div>,
    },
    { title: t("sla.common.actions"), key: "actions", width: 64, render: (_, p) => editButton(p) },
  ];
  return (
    <>
      <Table<SlaPolicyRow> rowKey={(p) => `${p.kind}/${p.severity}`} size="small" dataSource={policies} columns={phone ? phoneColumns : columns} pagination={false} bordered={!phone} />
      {editing && (
        <PolicyModal
          key={`${editing.kind}/${editing.severity}`} policy={editing} workdayMinutes={workdayMinutes} save={save} onClose={() => setEditing(null)}
          onSaved={() => { message.success(t("sla.policy.saved", { kind: t(`itsm.kind.${editing.kind}`), severity: t(`itsm.severity.${editing.severity}`) })); setEditing(null); router.refresh(); }}
        />
      )}
    </>
  );
}
