"use client";

import { Alert, App, Button, Descriptions, Drawer, Form, Grid, Input, Popconfirm, Select, Space, Tag, Timeline, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { AlarmRow } from "@/lib/alarms/alarm-rows";
import type { AlarmWorkOrder } from "@/lib/alarms/alarm-work-orders";
import type { AckInput, AlarmWorkOrderInput, ClearInput } from "@/lib/alarms/handle-alarms";
import type { AlarmDetail } from "@/lib/alarms/list-alarms";
import type { MessageKey } from "@/lib/i18n/messages";
import { WORK_ORDER_KINDS, type WorkOrderKind } from "@/lib/itsm/codes";
import { shanghaiTime } from "@/components/ui/format";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "@/components/admin/form-modal";
import { AlarmStateTag, SeverityTag, useDuration } from "./alarm-labels";

export type AlarmActions = {
  ack: (id: number, input: AckInput) => Promise<ActionResult<AlarmRow>>;
  unack: (id: number, input: AckInput) => Promise<ActionResult<AlarmRow>>;
  clear: (id: number, input: ClearInput) => Promise<ActionResult<{ alarm: AlarmRow; workOrderResolved: boolean | null }>>;
  confirmClear: (id: number, input: AckInput) => Promise<ActionResult<{ alarm: AlarmRow; workOrderError: string | null }>>;
  openWorkOrder: (id: number, input: AlarmWorkOrderInput) => Promise<ActionResult<AlarmWorkOrder>>;
};
/** What the reader may do: handle (ack, clear, work order), confirm clears (the supervising side), pick a provider for an alarm without one. */
export type AlarmPowers = { handle: boolean; confirm: boolean; chooseProvider: boolean };

const EVENT_COLORS: Record<string, string> = {
  opened: "red", suppressed: "gray", unsuppressed: "gray", acked: "blue", unacked: "orange", cleared: "green", "clear-confirmed": "green", escalated: "magenta",
  "work-order-opened": "blue", "work-order-resolved": "green", "work-order-closed": "green", "work-order-failed": "red",
};

type Dialog = "ack" | "clear" | "confirm" | "workOrder" | null;

/** One alarm: what it is, its attributes, its timeline, and the steps the reader may take. */
export function AlarmDrawer({ detail, providers, powers, actions, now, onClose }: {
  detail: AlarmDetail; providers: { id: number; code: string; name: string }[]; powers: AlarmPowers; actions: AlarmActions; now: string; onClose: () => void;
}) {
  const { t } = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const duration = useDuration(now);
  const [dialog, setDialog] = useState<Dialog>(null);
  const a = detail.alarm;
  const firing = a.status === "firing";
  const hidden = a.suppressedByPolicyId !== null;
  const done = (text: string) => { setDialog(null); message.success(text); router.refresh(); };
  const system = (name: string) => (name === "系统" ? t("alarm.systemActor") : name);

  async function unack() {
    const r = await actions.unack(a.id, {});
    if (r.ok) done(t("alarm.done.unacked")); else message.error(r.message);
  }

  const items = [
    { key: "severity", label: t("alarm.col.severity"), children: <SeverityTag severity={a.severity} /> },
    { key: "state", label: t("alarm.col.state"), children: <Space size={4} wrap><AlarmStateTag alarm={a} />{hidden && <Tag>{t("alarm.suppressedBy", { name: a.suppressedByPolicyName ?? "" })}</Tag>}</Space> },
    { key: "resource", label: t("alarm.col.resource"), children: <span className="mono" style={{ overflowWrap: "anywhere" }}>{a.resource ?? "—"}</span> },
    { key: "source", label: t("alarm.col.source"), children: a.source },
    { key: "provider", label: t("alarm.col.provider"), children: a.providerName ?? "—" },
    { key: "department", label: t("alarm.col.department"), children: a.departmentName ?? "—" },
    { key: "firstAt", label: t("alarm.col.firstAt"), children: shanghaiTime(a.firstAt) },
    { key: "lastAt", label: t("alarm.col.lastAt"), children: t("alarm.lastSeenCount", { time: shanghaiTime(a.lastAt), n: a.count }) },
    { key: "duration", label: t("alarm.col.duration"), children: duration(a.firstAt, a.clearedAt) },
    ...(a.ackedAt ? [{ key: "acked", label: t("alarm.ackedBy"), children: t(a.ackComment ? "alarm.ackedLineComment" : "alarm.ackedLine", { name: detail.ackedByName ?? "—", time: shanghaiTime(a.ackedAt), comment: a.ackComment ?? "" }) }] : []),
    ...(a.clearedAt ? [{ key: "cleared", label: t("alarm.clearedAt"), children: `${shanghaiTime(a.clearedAt)} · ${t(a.clearedBy === "manual" ? "alarm.clearedManual" : "alarm.clearedSource")}` }] : []),
    ...(a.clearConfirmedAt ? [{ key: "confirmed", label: t("alarm.confirmedBy"), children: `${detail.clearConfirmedByName ?? "—"} · ${shanghaiTime(a.clearConfirmedAt)}` }] : []),
    ...(a.escalationLevel ? [{ key: "escalation", label: t("alarm.escalation"), children: t("alarm.escalatedTag", { level: a.escalationLevel }) }] : []),
    {
      key: "workOrder", label: t("alarm.workOrder"),
      children: detail.workOrder
        ? <Space size={6} wrap><Link href={`/service/work-orders/${detail.workOrder.id}`}>{detail.workOrder.number}</Link><Tag>{t(`itsm.status.${detail.workOrder.status}` as MessageKey)}</Tag></Space>
        : "—",
    },
    ...(a.summary ? [{ key: "summary", label: t("alarm.summary"), span: "filled" as const, children: <Typography.Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{a.summary}</Typography.Text> }] : []),
    { key: "fingerprint", label: t("alarm.fingerprint"), span: "filled" as const, children: <Typography.Text className="mono" copyable style={{ fontSize: 12, overflowWrap: "anywhere" }}>{a.fingerprint}</Typography.Text> },
  ];

  const buttons = [
    powers.handle && firing && !a.ackedAt && <Button key="ack" type="primary" onClick={() => setDialog("ack")}>{t("alarm.action.ack")}</Button>,
    powers.handle && firing && a.ackedAt && (
      <Popconfirm key="unack" title={t("alarm.unackConfirm")} okText={t("alarm.action.unack")} cancelText={t("common.cancel")} onConfirm={unack}>
        <Button>{t("alarm.action.unack")}</Button>
      </Popconfirm>
    ),
    powers.handle && firing && <Button key="clear" onClick={() => setDialog("clear")}>{t("alarm.action.clear")}</Button>,
    powers.confirm && !firing && !a.clearConfirmedAt && <Button key="confirm" type="primary" onClick={() => setDialog("confirm")}>{t("alarm.action.confirmClear")}</Button>,
    powers.handle && firing && !hidden && !detail.workOrder && <Button key="workOrder" onClick={() => setDialog("workOrder")}>{t("alarm.action.workOrder")}</Button>,
    detail.workOrder && <Link key="viewWorkOrder" href={`/service/work-orders/${detail.workOrder.id}`}><Button>{t("alarm.viewWorkOrder", { number: detail.workOrder.number })}</Button></Link>,
  ].filter(Boolean);

  return (
    <Drawer
      open title={<Space size={8} wrap><SeverityTag severity={a.severity} /><span style={{ overflowWrap: "anywhere" }}>{a.name}</span></Space>}
      placement={screens.md === false ? "bottom" : "right"} size={screens.md === false ? "88vh" : 640} onClose={onClose}
    >
      {buttons.length > 0 && <Space wrap style={{ marginBottom: 16 }}>{buttons}</Space>}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>{t("alarm.attributes")}</Typography.Title>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 6, marginBottom: 16 }}>
        {Object.entries(a.attributes).map(([k, v]) => <Tag key={k} className="mono" style={{ marginInlineEnd: 0, whiteSpace: "normal", overflowWrap: "anywhere" }}>{k}={v}</Tag>)}
      </div>
      <Typography.Title level={5}>{t("alarm.timeline")}</Typography.Title>
      <Timeline
        items={detail.events.map((e) => ({
          key: e.id, color: EVENT_COLORS[e.action] ?? "gray",
          content: (
            <div style={{ minWidth: 0 }}>
              <div style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "baseline" }}>
                <Typography.Text strong>{t(`alarm.event.${e.action}` as MessageKey)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{system(e.actorName)} · {shanghaiTime(e.at)}</Typography.Text>
              </div>
              {e.comment && <Typography.Paragraph style={{ margin: "2px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{e.comment}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
      {(dialog === "ack" || dialog === "clear" || dialog === "confirm") && (
        <CommentModal kind={dialog} alarm={a} actions={actions} hasWorkOrder={Boolean(detail.workOrder)} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog === "workOrder" && (
        <WorkOrderModal alarm={a} providers={providers} chooseProvider={powers.chooseProvider} open={actions.openWorkOrder} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Drawer>
  );
}

function CommentModal({ kind, alarm, actions, hasWorkOrder, onClose, onDone }: {
  kind: "ack" | "clear" | "confirm"; alarm: AlarmRow; actions: AlarmActions; hasWorkOrder: boolean; onClose: () => void; onDone: (text: string) => void;
}) {
  const { t } = useT();
  const { form, pending, error, onFinish } = useServerForm(async (v: { comment?: string }) => {
    if (kind === "ack") {
      const r = await actions.ack(alarm.id, v);
      return r.ok ? { ok: true as const, outcome: t("alarm.done.acked") } : r;
    }
    if (kind === "clear") {
      const r = await actions.clear(alarm.id, { comment: v.comment ?? "" });
      if (!r.ok) return r;
      return { ok: true as const, outcome: r.outcome.workOrderResolved === false ? t("alarm.done.clearedWorkOrderFailed") : t(r.outcome.workOrderResolved ? "alarm.done.clearedWithWorkOrder" : "alarm.done.cleared") };
    }
    const r = await actions.confirmClear(alarm.id, v);
    if (!r.ok) return r;
    return { ok: true as const, outcome: r.outcome.workOrderError ? t("alarm.done.confirmedWorkOrderFailed", { message: r.outcome.workOrderError }) : t(hasWorkOrder ? "alarm.done.confirmedWithWorkOrder" : "alarm.done.confirmed") };
  }, onDone, ["comment"]);
  const title = t(kind === "ack" ? "alarm.action.ack" : kind === "clear" ? "alarm.action.clear" : "alarm.action.confirmClear");
  return (
    <FormModal open title={`${title} · ${alarm.name}`} okText={title} cancelText={t("common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {kind === "confirm" && hasWorkOrder && <Alert type="info" showIcon title={t("alarm.confirmClosesWorkOrder")} style={{ marginBottom: 16 }} />}
      {kind === "clear" && hasWorkOrder && <Alert type="info" showIcon title={t("alarm.clearResolvesWorkOrder")} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional">
        <Form.Item name="comment" label={t(kind === "clear" ? "alarm.clearComment" : "alarm.comment")} rules={kind === "clear" ? [{ required: true, whitespace: true, message: t("alarm.clearCommentRequired") }] : []}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount placeholder={t(kind === "ack" ? "alarm.ackPlaceholder" : "alarm.commentPlaceholder")} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function WorkOrderModal({ alarm, providers, chooseProvider, open, onClose, onDone }: {
  alarm: AlarmRow; providers: { id: number; code: string; name: string }[]; chooseProvider: boolean; open: AlarmActions["openWorkOrder"]; onClose: () => void; onDone: (text: string) => void;
}) {
  const { t } = useT();
  const needsProvider = !alarm.providerId;
  const { form, pending, error, onFinish } = useServerForm(async (v: { providerId?: number; kind: WorkOrderKind }) => {
    const r = await open(alarm.id, { providerId: v.providerId ?? null, kind: v.kind });
    return r.ok ? { ok: true as const, outcome: t(r.outcome.created ? "alarm.done.workOrder" : "alarm.done.workOrderExisting", { number: r.outcome.number }) } : r;
  }, onDone, ["providerId", "kind"]);
  return (
    <FormModal open title={t("alarm.action.workOrder")} okText={t("alarm.action.workOrder")} cancelText={t("common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t("alarm.workOrderHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: "fault" }} requiredMark="optional">
        {needsProvider ? (
          chooseProvider ? (
            <Form.Item name="providerId" label={t("alarm.col.provider")} rules={[{ required: true, message: t("alarm.providerRequired") }]}>
              <Select options={providers.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))} placeholder={t("alarm.providerRequired")} />
            </Form.Item>
          ) : <Alert type="warning" showIcon title={t("alarm.noProvider")} style={{ marginBottom: 16 }} />
        ) : (
          <Form.Item label={t("alarm.col.provider")}><Typography.Text>{alarm.providerName}</Typography.Text></Form.Item>
        )}
        <Form.Item name="kind" label={t("alarm.workOrderKind")} rules={[{ required: true }]}>
          <Select options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: t(`itsm.kind.${k}` as MessageKey) }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
