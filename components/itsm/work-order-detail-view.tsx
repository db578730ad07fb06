"use client";

import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Grid, Input, Progress, Row, Select, Space, Tag, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { MessageKey } from "@/lib/i18n/messages";
import type { WorkOrderAction, WorkOrderActionInput } from "@/lib/itsm/work-order-actions";
import type { WorkOrderDetail } from "@/lib/itsm/work-order-detail";
import { FormModal } from "@/components/admin/form-modal";
import { shanghaiTime } from "@/components/ui/format";
import { AttachmentList } from "./attachments";
import { SeverityTag, SlaRemaining, useDuration, useItsmNames, WorkOrderStatusTag, type DictionaryLabel } from "./itsm-labels";
import { TemplateFieldValues } from "./template-fields";
import { TicketTimeline } from "./ticket-timeline";
import { useItsmForm } from "./use-itsm-form";

type StepResult = ActionResult<{ id: number; number: string; status: string }>;
export type WorkOrderPageOptions = {
  providers: { id: number; name: string }[]; colleagues: { id: number; displayName: string }[]; delayReasons: DictionaryLabel[]; faultCategories: DictionaryLabel[];
  /** the alarms page is open to the viewer (a link to the alarm), else the alarm's number alone */
  alarmsLinked: boolean;
};

/** The buttons in the order people look for them: the main step of each role first, the rare ones last. */
const BUTTON_ORDER: WorkOrderAction[] = ["accept", "resolve", "confirm", "approve-pause", "reject-pause", "resume", "request-pause", "delegate", "note", "assign", "return", "reopen", "change-severity", "pause", "review", "cancel"];
const PRIMARY = new Set<WorkOrderAction>(["accept", "resolve", "confirm", "approve-pause"]);
const BUTTON_KEYS: Record<WorkOrderAction, MessageKey> = {
  accept: "itsm.btn.accept", assign: "itsm.btn.transfer", delegate: "itsm.btn.delegate", note: "itsm.btn.note", "request-pause": "itsm.btn.requestPause",
  "approve-pause": "itsm.btn.approvePause", "reject-pause": "itsm.btn.rejectPause", pause: "itsm.btn.pause", resume: "itsm.btn.resume", return: "itsm.btn.returnOrder",
  resolve: "itsm.btn.resolve", confirm: "itsm.btn.confirm", reopen: "itsm.btn.reopen", "change-severity": "itsm.btn.changeSeverity", cancel: "itsm.btn.cancelOrder", review: "itsm.btn.review",
};
const DIALOG_KEYS: Record<WorkOrderAction, MessageKey> = {
  accept: "itsm.dialog.accept", assign: "itsm.dialog.assign", delegate: "itsm.dialog.delegate", note: "itsm.dialog.note", "request-pause": "itsm.dialog.requestPause",
  "approve-pause": "itsm.dialog.approvePause", "reject-pause": "itsm.dialog.rejectPause", pause: "itsm.dialog.pause", resume: "itsm.dialog.resume", return: "itsm.dialog.return",
  resolve: "itsm.dialog.resolve", confirm: "itsm.dialog.confirm", reopen: "itsm.dialog.reopen", "change-severity": "itsm.dialog.changeSeverity", cancel: "itsm.dialog.cancel", review: "itsm.dialog.review",
};

/** One work order: its details and fields, the SLA panel, the steps open to the viewer, its files and every step on its timeline. */
export function WorkOrderDetailView({ order, options, step }: { order: WorkOrderDetail; options: WorkOrderPageOptions; step: (id: number, input: WorkOrderActionInput) => Promise<StepResult> }) {
  const n = useItsmNames();
  const { t, locale } = n;
  const router = useRouter();
  const { message } = App.useApp();
  const [acting, setActing] = useState<WorkOrderAction | null>(null);
  // one column on phones and pads: the SLA first, where the wide layout has it beside the details
  const narrow = Grid.useBreakpoint().lg === false;
  const o = order;
  const buttonLabel = (a: WorkOrderAction) => (a === "assign" && o.status === "new" ? t("itsm.btn.assign") : t(BUTTON_KEYS[a]));
  const buttons = BUTTON_ORDER.filter((a) => o.actions.includes(a));
  const category = typeof o.fields.category === "string" && o.kind === "fault" ? o.fields.category : null;

  const details = [
    { key: "status", label: t("itsm.col.status"), children: <Space size={4} wrap><WorkOrderStatusTag status={o.status} />{o.pauseRequested && <Tag color="purple">{t("itsm.orders.pauseRequested")}</Tag>}</Space> },
    { key: "severity", label: t("itsm.col.severity"), children: <SeverityTag severity={o.severity} /> },
    { key: "kind", label: t("itsm.col.kind"), children: n.kind(o.kind) },
    { key: "provider", label: t("itsm.col.provider"), children: o.providerName },
    { key: "assignee", label: t("itsm.col.assignee"), children: o.assigneeName ?? "—" },
    { key: "department", label: t("itsm.col.department"), children: o.departmentName ?? "—" },
    ...(o.requesterName ? [{ key: "requester", label: t("itsm.col.requester"), children: o.requesterName }] : []),
    ...(o.requestId ? [{ key: "request", label: t("itsm.col.request"), children: <Link href={`/service/requests/${o.requestId}`} className="mono">{o.requestNumber}</Link> }] : []),
    ...(o.alarmId ? [{ key: "alarm", label: t("itsm.col.alarm"), children: options.alarmsLinked ? <Link href={`/alarms?alarm=${o.alarmId}`}>#{o.alarmId}</Link> : `#${o.alarmId}` }] : []),
    ...(o.createdByName && !o.requestId ? [{ key: "createdBy", label: t("itsm.col.createdBy"), children: o.createdByName }] : []),
    { key: "opened", label: t("itsm.col.openedAt"), children: shanghaiTime(o.openedAt) },
    ...(o.closedAt ? [{ key: "closed", label: t("itsm.orders.closedAt"), children: shanghaiTime(o.closedAt) }] : []),
    { key: "description", label: t("itsm.col.description"), span: "filled" as const, children: <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{o.description}</span> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb items={[{ title: <Link href="/service/work-orders">{t("itsm.orders.title")}</Link> }, { title: o.number }]} />
      <Typography.Title level={4} style={{ margin: 0, overflowWrap: "anywhere" }}><span className="mono">{o.number}</span> {o.title}</Typography.Title>
      <Space wrap>
        {buttons.map((a) => (
          <Button autoInsertSpace={false} key={a} type={PRIMARY.has(a) ? "primary" : "default"} danger={a === "cancel"} onClick={() => setActing(a)}>{buttonLabel(a)}</Button>
        ))}
        {!buttons.length && <Typography.Text type="secondary">{t("itsm.orders.noActions")}</Typography.Text>}
      </Space>
      {o.pauseRequested && (
        <Alert type="info" showIcon title={`${t("itsm.step.pause-request")}${t("itsm.colon")}${o.stops.find((s) => s.status === "requested")?.reason ?? ""}`} />
      )}
      {narrow && <SlaPanel order={o} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small" title={t("itsm.orders.details")}><Descriptions size="small" column={{ xs: 1, sm: 2 }} items={details} /></Card>
            <Card size="small" title={o.templateName ? `${t("itsm.orders.fields")} · ${locale === "en" ? o.templateNameEn : o.templateName}` : t("itsm.orders.fields")}>
              <TemplateFieldValues
                fields={o.templateFields} values={o.fields} skip={category ? ["category"] : []}
                extra={category ? [{ key: "category", label: t("itsm.col.faultCategory"), value: n.dictionary(options.faultCategories, category) }] : []}
              />
            </Card>
            {(o.resolution || o.reviewRequired || o.reviewNote) && (
              <Card size="small" title={t("itsm.orders.resolutionCard")}>
                <Descriptions size="small" column={1} items={[
                  { key: "resolution", label: t("itsm.col.resolution"), children: <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{o.resolution ?? "—"}</span> },
                  ...(o.delayReason ? [{ key: "delay", label: t("itsm.field.delayReason"), children: `${n.dictionary(options.delayReasons, o.delayReason)}${o.delayNote ? `${t("itsm.colon")}${o.delayNote}` : ""}` }] : []),
                  ...(o.reviewRequired || o.reviewNote ? [{
                    key: "review", label: t("itsm.col.review"),
                    children: o.reviewNote
                      ? <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{o.reviewNote} <Typography.Text type="secondary">（{shanghaiTime(o.reviewedAt).slice(0, 16)}）</Typography.Text></span>
                      : <Tag color="orange">{t("itsm.orders.reviewRequired")}</Tag>,
                  }] : []),
                ]} />
              </Card>
            )}
            <Card size="small" title={t("itsm.col.attachments")}>
              <AttachmentList rows={o.attachments} uploadTo={o.status !== "cancelled" && o.actions.length ? { workOrderId: o.id } : undefined} onUploaded={() => router.refresh()} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            {!narrow && <SlaPanel order={o} />}
            <Card size="small" title={t("itsm.orders.timeline")}><TicketTimeline entries={o.timeline} delayReasons={options.delayReasons} /></Card>
          </Space>
        </Col>
      </Row>
      {acting && (
        <StepModal
          action={acting} order={o} options={options} title={acting === "assign" && o.status === "new" ? t("itsm.btn.assign") : t(DIALOG_KEYS[acting])} okText={buttonLabel(acting)}
          submit={(input) => step(o.id, input)} onClose={() => setActing(null)}
          onDone={() => { message.success(t("itsm.done", { what: buttonLabel(acting) })); setActing(null); router.refresh(); }}
        />
      )}
    </Space>
  );
}

/** Response and resolution: due time, clock time used against the target (a bar), and the clock stops. */
function SlaPanel({ order: o }: { order: WorkOrderDetail }) {
  const n = useItsmNames();
  const { t } = n;
  const duration = useDuration();
  const share = Number(o.warnShare);
  const target = (which: "response" | "resolution") => {
    const minutes = which === "response" ? o.responseMinutes : o.resolutionMinutes;
    const used = which === "response" ? o.responseUsedSeconds : o.resolutionUsedSeconds;
    const due = which === "response" ? o.responseDueAt : o.resolutionDueAt;
    const doneAt = which === "response" ? o.respondedAt : o.resolvedAt;
    const breached = which === "response" ? o.responseBreached : o.resolutionBreached;
    const ratio = used / (minutes * 60);
    // met in time: green; running: orange past the warning share; red once over the target
    const color = breached || ratio > 1 ? "#ff4d4f" : doneAt ? "#52c41a" : ratio >= share ? "#fa8c16" : undefined;
    const label = t(`itsm.sla.target.${which}` as MessageKey);
    return (
      <div key={which} style={{ marginBottom: 12 }}>
        <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 4 }}>
          <Typography.Text strong>{t("itsm.sla.due", { target: label })}{t("itsm.colon")}{shanghaiTime(due).slice(0, 16)}</Typography.Text>
          {breached && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t("itsm.sla.breached")}</Tag>}
        </div>
        <Progress percent={Math.min(100, Math.round(ratio * 100))} strokeColor={color} showInfo={false} size="small" status={breached || ratio > 1 ? "exception" : "normal"} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("itsm.sla.used", { used: duration(used), target: duration(minutes * 60) })}
          {doneAt ? ` · ${t("itsm.sla.doneAt", { target: label, time: shanghaiTime(doneAt).slice(0, 16) })}` : ""}
        </Typography.Text>
      </div>
    );
  };
  const stops = o.stops.filter((s) => s.status !== "rejected");
  return (
    <Card size="small" title={t("itsm.sla.panel")} extra={<SlaRemaining sla={o.sla} />}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }}>
        {t("itsm.sla.clock")}{t("itsm.colon")}{n.clock(o.clock)} · {t("itsm.sla.warnShare")} {Math.round(share * 100)}%{o.escalationLevel ? ` · ${t("itsm.sla.escalated", { n: o.escalationLevel })}` : ""}
      </Typography.Paragraph>
      {target("response")}
      {target("resolution")}
      <Typography.Text strong>{t("itsm.sla.pauses")}</Typography.Text>
      {stops.length ? (
        <div>{stops.map((s) => (
          <div key={s.id} style={{ padding: "6px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
            <div style={{ minWidth: 0 }}>
              <Space size={4} wrap>
                <Tag>{t(`itsm.sla.stop.${s.kind}` as MessageKey)}</Tag>
                <Tag color={s.status === "active" ? "purple" : s.status === "requested" ? "blue" : undefined}>{t(`itsm.sla.stop.${s.status}` as MessageKey)}</Tag>
                <Typography.Text style={{ fontSize: 12 }}>
                  {s.startedAt ? t("itsm.sla.stopRange", { from: shanghaiTime(s.startedAt).slice(0, 16), to: s.endedAt ? shanghaiTime(s.endedAt).slice(0, 16) : t("itsm.sla.now") }) : shanghaiTime(s.requestedAt).slice(0, 16)}
                </Typography.Text>
              </Space>
              <div style={{ overflowWrap: "anywhere" }}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.reason}</Typography.Text></div>
            </div>
          </div>
        ))}</div>
      ) : <div><Typography.Text type="secondary">{t("itsm.sla.noPauses")}</Typography.Text></div>}
    </Card>
  );
}

type StepValues = { comment?: string; reason?: string; resolution?: string; delayReason?: string; delayNote?: string; providerId?: number; assigneeId?: number; severity?: string; reviewNote?: string };

/** The form of one step: only what that step takes (a reason, a resolution with the delay reason when late, a provider ...). */
function StepModal({ action, order: o, options, title, okText, submit, onClose, onDone }: {
  action: WorkOrderAction; order: WorkOrderDetail; options: WorkOrderPageOptions; title: string; okText: string;
  submit: (input: WorkOrderActionInput) => Promise<StepResult>; onClose: () => void; onDone: () => void;
}) {
  const n = useItsmNames();
  const { t, locale } = n;
  const { form, pending, error, onFinish } = useItsmForm(async (v: StepValues) => {
    const comment = v.comment?.trim() || null;
    const input: WorkOrderActionInput = (() => {
      switch (action) {
        case "assign": return { action, providerId: v.providerId!, comment };
        case "delegate": return { action, assigneeId: v.assigneeId!, comment };
        case "note": return { action, comment: v.comment ?? "" };
        case "reject-pause": return { action, comment: v.comment ?? "" };
        case "request-pause": case "pause": case "return": case "reopen": case "cancel": return { action, reason: v.reason ?? "" };
        case "resolve": return { action, resolution: v.resolution ?? "", delayReason: v.delayReason ?? null, delayNote: v.delayNote?.trim() || null };
        case "change-severity": return { action, severity: v.severity as "p1", comment };
        case "review": return { action, reviewNote: v.reviewNote ?? "" };
        default: return { action, comment };
      }
    })();
    return submit(input);
  }, onDone);

  const late = o.responseBreached || o.resolutionBreached || o.sla.level === "overdue";
  const required = (message: MessageKey) => [{ required: true, whitespace: true, message: t(message) }];
  const hint: Partial<Record<WorkOrderAction, MessageKey>> = {
    accept: "itsm.dialog.acceptHint", "request-pause": "itsm.dialog.requestPauseHint", confirm: "itsm.dialog.confirmHint", "change-severity": "itsm.dialog.changeSeverityHint",
  };
  const reasonText = (
    <Form.Item name="reason" label={t("itsm.field.reason")} rules={required("itsm.field.reasonRequired")}><Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} /></Form.Item>
  );
  const commentText = (mandatory: boolean) => (
    <Form.Item name="comment" label={t("itsm.field.comment")} rules={mandatory ? required("itsm.field.noteRequired") : []}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} /></Form.Item>
  );
  const body = (() => {
    switch (action) {
      case "assign":
        return (
          <>
            <Form.Item name="providerId" label={t("itsm.col.provider")} rules={[{ required: true, message: t("itsm.form.providerRequired") }]}>
              <Select options={options.providers.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
            {commentText(false)}
          </>
        );
      case "delegate":
        return (
          <>
            <Form.Item name="assigneeId" label={t("itsm.field.assignee")} rules={[{ required: true, message: t("itsm.field.assignee") }]}>
              <Select showSearch={{ optionFilterProp: "label" }} options={options.colleagues.map((u) => ({ value: u.id, label: u.displayName }))} />
            </Form.Item>
            {commentText(false)}
          </>
        );
      case "note": case "reject-pause": return commentText(true);
      case "request-pause": case "pause": case "return": case "reopen": case "cancel": return reasonText;
      case "resolve":
        return (
          <>
            <Form.Item name="resolution" label={t("itsm.field.resolution")} rules={required("itsm.field.resolutionRequired")}><Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} /></Form.Item>
            {late && (
              <>
                <Alert type="warning" showIcon title={t("itsm.dialog.resolveLate")} style={{ marginBottom: 16 }} />
                <Form.Item name="delayReason" label={t("itsm.field.delayReason")} rules={[{ required: true, message: t("itsm.field.delayReason") }]}>
                  <Select options={options.delayReasons.map((d) => ({ value: d.code, label: locale === "en" ? d.labelEn : d.label }))} />
                </Form.Item>
                <Form.Item name="delayNote" label={t("itsm.field.delayNote")} rules={required("itsm.field.noteRequired")}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} /></Form.Item>
              </>
            )}
          </>
        );
      case "change-severity":
        return (
          <>
            <Form.Item name="severity" label={t("itsm.col.severity")} rules={[{ required: true, message: t("itsm.form.severityRequired") }]}>
              <Select options={["p1", "p2", "p3", "p4"].filter((s) => s !== o.severity).map((s) => ({ value: s, label: n.severity(s) }))} />
            </Form.Item>
            {commentText(false)}
          </>
        );
      case "review":
        return <Form.Item name="reviewNote" label={t("itsm.field.reviewNote")} rules={required("itsm.field.noteRequired")}><Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} /></Form.Item>;
      default:
        return commentText(false);
    }
  })();
  return (
    <FormModal open title={title} okText={okText} okButtonProps={{ danger: action === "cancel", autoInsertSpace: false }} cancelButtonProps={{ autoInsertSpace: false }} cancelText={t("itsm.btn.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {hint[action] && <Typography.Paragraph type="secondary">{t(hint[action]!)}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={action === "review" ? { reviewNote: o.reviewNote ?? undefined } : {}}>
        {body}
      </Form>
    </FormModal>
  );
}
