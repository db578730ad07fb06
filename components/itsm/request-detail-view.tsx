"use client";

import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Space, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { AttachmentRow } from "@/lib/itsm/attachments";
import type { RequestDetail, ReviewRequestInput } from "@/lib/itsm/requests";
import type { TimelineEntry } from "@/lib/itsm/timeline";
import type { TemplateRow } from "@/lib/sla/templates";
import { FormModal } from "@/components/admin/form-modal";
import { shanghaiTime, shortDecimal, unitName, yuan } from "@/components/ui/format";
import { AttachmentList } from "./attachments";
import { RequestStatusTag, SeverityTag, useItsmNames, type DictionaryLabel } from "./itsm-labels";
import { RequestFormModal, type RequestFormActions, type RequestFormOptions } from "./request-form-modal";
import { TemplateFieldValues } from "./template-fields";
import { TicketTimeline } from "./ticket-timeline";
import { useItsmForm } from "./use-itsm-form";

type RequestAction = "approve" | "return" | "reject" | "resubmit" | "cancel";
export type RequestDetailActions = RequestFormActions & {
  review: (id: number, input: ReviewRequestInput) => Promise<ActionResult<{ status: string; workOrderId: number | null; workOrderNumber: string | null }>>;
  cancel: (id: number, comment: string | null) => Promise<ActionResult<null>>;
};

/** One request: what was asked, its review (approve / return / reject with a reason), its files and its timeline. */
export function RequestDetailView({ request, template, timeline, attachments, allowed, faultCategories, delayReasons, formOptions, actions }: {
  request: RequestDetail; template: TemplateRow | null; timeline: TimelineEntry[]; attachments: AttachmentRow[]; allowed: RequestAction[];
  faultCategories: DictionaryLabel[]; delayReasons: DictionaryLabel[]; formOptions: RequestFormOptions | null; actions: RequestDetailActions;
}) {
  const n = useItsmNames();
  const { t, locale } = n;
  const router = useRouter();
  const { message } = App.useApp();
  const [reviewing, setReviewing] = useState<"approved" | "returned" | "rejected" | null>(null);
  const [editing, setEditing] = useState(false);
  const r = request;

  async function withdraw() {
    const result = await actions.cancel(r.id, null);
    if (result.ok) message.success(t("itsm.requests.cancelled"));
    else message.error(result.message);
    router.refresh();
  }

  const items = [
    { key: "status", label: t("itsm.col.status"), children: <RequestStatusTag status={r.status} /> },
    { key: "kind", label: t("itsm.col.kind"), children: n.requestKind(r.kind) },
    { key: "severity", label: r.kind === "service" ? t("itsm.form.urgency") : t("itsm.col.severity"), children: <SeverityTag severity={r.severity} /> },
    ...(r.itemName ? [
      { key: "service", label: t("itsm.col.service"), children: <span style={{ overflowWrap: "anywhere" }}>{r.itemName} <Typography.Text type="secondary" className="mono">{r.itemCode}</Typography.Text></span> },
      { key: "quantity", label: t("itsm.col.quantity"), children: shortDecimal(r.quantity ?? "0") },
      { key: "price", label: t("itsm.col.unitPrice"), children: r.unitPrice ? `${yuan(r.unitPrice)} ${unitName(r.unit ?? "", locale)}` : "—" },
    ] : []),
    { key: "provider", label: t("itsm.col.provider"), children: r.providerName },
    { key: "department", label: t("itsm.col.department"), children: r.departmentName },
    { key: "requester", label: t("itsm.col.requester"), children: r.requesterName },
    { key: "created", label: t("itsm.col.createdAt"), children: shanghaiTime(r.createdAt) },
    ...(r.reviewerName ? [{ key: "reviewer", label: t("itsm.col.reviewer"), children: `${r.reviewerName} · ${shanghaiTime(r.reviewedAt)}` }] : []),
    ...(r.workOrderId ? [{ key: "wo", label: t("itsm.col.workOrder"), children: <Link href={`/service/work-orders/${r.workOrderId}`} className="mono">{r.workOrderNumber}</Link> }] : []),
    { key: "description", label: t("itsm.col.description"), span: "filled" as const, children: <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{r.description}</span> },
  ];
  const category = typeof r.fields.category === "string" && r.kind === "fault" ? r.fields.category : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb items={[{ title: <Link href="/service/requests">{t("itsm.requests.title")}</Link> }, { title: r.number }]} />
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", alignItems: "center" }}>
        <Typography.Title level={4} style={{ margin: 0, overflowWrap: "anywhere" }}><span className="mono">{r.number}</span> {r.title}</Typography.Title>
        <Space wrap>
          {allowed.includes("approve") && <Button autoInsertSpace={false} type="primary" onClick={() => setReviewing("approved")}>{t("itsm.btn.approve")}</Button>}
          {allowed.includes("return") && <Button autoInsertSpace={false} onClick={() => setReviewing("returned")}>{t("itsm.btn.return")}</Button>}
          {allowed.includes("reject") && <Button autoInsertSpace={false} danger onClick={() => setReviewing("rejected")}>{t("itsm.btn.reject")}</Button>}
          {allowed.includes("resubmit") && formOptions && <Button autoInsertSpace={false} type="primary" onClick={() => setEditing(true)}>{t("itsm.btn.resubmit")}</Button>}
          {allowed.includes("cancel") && (
            <Popconfirm title={t("itsm.dialog.cancelRequest")} okText={t("itsm.btn.ok")} cancelText={t("itsm.btn.cancel")} okButtonProps={{ autoInsertSpace: false }} cancelButtonProps={{ autoInsertSpace: false }} onConfirm={withdraw}>
              <Button>{t("itsm.btn.cancelRequest")}</Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {r.status === "returned" && <Alert type="warning" showIcon title={t("itsm.requests.returnedNotice", { reason: r.reviewComment ?? "" })} />}
      {r.status === "rejected" && <Alert type="error" showIcon title={t("itsm.requests.rejectedNotice", { reason: r.reviewComment ?? "" })} />}
      {r.status === "approved" && r.workOrderId && (
        <Alert type="success" showIcon title={t("itsm.requests.approvedNotice", { number: r.workOrderNumber ?? "" })} action={<Link href={`/service/work-orders/${r.workOrderId}`}><Button autoInsertSpace={false} size="small">{t("itsm.requests.openOrder")}</Button></Link>} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small" title={t("itsm.requests.detail")}>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
            </Card>
            <Card size="small" title={template ? `${t("itsm.requests.fields")} · ${locale === "en" ? template.nameEn : template.name}` : t("itsm.requests.fields")}>
              <TemplateFieldValues
                fields={template?.fields ?? []} values={r.fields} skip={category ? ["category"] : []}
                extra={category ? [{ key: "category", label: t("itsm.col.faultCategory"), value: n.dictionary(faultCategories, category) }] : []}
              />
            </Card>
            <Card size="small" title={t("itsm.col.attachments")}>
              <AttachmentList rows={attachments} uploadTo={allowed.length ? { requestId: r.id } : undefined} onUploaded={() => router.refresh()} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t("itsm.requests.timeline")}>
            <TicketTimeline entries={timeline} delayReasons={delayReasons} />
          </Card>
        </Col>
      </Row>
      {reviewing && (
        <ReviewModal
          decision={reviewing} providerName={r.providerName} onClose={() => setReviewing(null)}
          submit={(comment) => actions.review(r.id, { decision: reviewing, comment } as ReviewRequestInput)}
          onDone={(o) => {
            setReviewing(null);
            message.success(o.workOrderNumber ? t("itsm.requests.approvedTo", { number: o.workOrderNumber }) : t("itsm.requests.reviewed"));
            router.refresh();
          }}
        />
      )}
      {editing && formOptions && (
        <RequestFormModal
          open kind={r.kind === "fault" ? "fault" : "service"} options={formOptions} actions={actions} editing={r} onClose={() => setEditing(false)}
          onSaved={(x) => { setEditing(false); message.success(t("itsm.requests.resubmitted", { number: x.number })); router.refresh(); }}
        />
      )}
    </Space>
  );
}

function ReviewModal({ decision, providerName, submit, onClose, onDone }: {
  decision: "approved" | "returned" | "rejected"; providerName: string; onClose: () => void;
  submit: (comment: string | null) => Promise<ActionResult<{ status: string; workOrderId: number | null; workOrderNumber: string | null }>>;
  onDone: (o: { status: string; workOrderId: number | null; workOrderNumber: string | null }) => void;
}) {
  const n = useItsmNames();
  const { t } = n;
  const { form, pending, error, onFinish } = useItsmForm(async (v: { comment?: string }) => submit(v.comment?.trim() || null), onDone);
  const title = { approved: t("itsm.dialog.approveRequest"), returned: t("itsm.dialog.returnRequest"), rejected: t("itsm.dialog.rejectRequest") }[decision];
  const needsReason = decision !== "approved";
  return (
    <FormModal open title={title} okText={{ approved: t("itsm.btn.approve"), returned: t("itsm.btn.return"), rejected: t("itsm.btn.reject") }[decision]} okButtonProps={{ danger: decision === "rejected", autoInsertSpace: false }} cancelButtonProps={{ autoInsertSpace: false }} cancelText={t("itsm.btn.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {decision === "approved" && <Typography.Paragraph type="secondary">{t("itsm.dialog.approveRequestHint", { provider: providerName })}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional">
        <Form.Item name="comment" label={needsReason ? t("itsm.field.reason") : t("itsm.field.comment")} rules={needsReason ? [{ required: true, whitespace: true, message: t("itsm.field.reasonRequired") }] : []}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
