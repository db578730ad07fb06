import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listAttachments } from "@/lib/itsm/attachments";
import { requestFormOptions } from "@/lib/itsm/request-form-options";
import { getRequest, requestActionsFor } from "@/lib/itsm/requests";
import { timelineOf } from "@/lib/itsm/timeline";
import { getTemplate } from "@/lib/sla/templates";
import { listDictionaryEntries } from "@/lib/system/dictionaries";
import { RequestDetailView } from "@/components/itsm/request-detail-view";
import { cancelRequestAction, resubmitRequestAction, reviewRequestAction, submitRequestAction } from "../actions";

export const metadata = { title: "服务申请详情" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.request.review") && !can(actor, "itsm.workorder.read")) redirect("/forbidden");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const { db } = getDb();
  const request = await getRequest(db, actor, id).catch((e) => {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  });
  const allowed = requestActionsFor(actor, request);
  const [template, timeline, attachments, faultCategories, delayReasons, formOptions] = await Promise.all([
    request.templateCode ? getTemplate(db, request.templateCode) : null,
    timelineOf(db, { requestId: request.id, workOrderId: request.workOrderId }),
    listAttachments(db, { requestId: request.id }),
    listDictionaryEntries(db, "fault-category"),
    listDictionaryEntries(db, "delay-reason"),
    allowed.includes("resubmit") ? requestFormOptions(db, actor) : null,
  ]);
  return (
    <RequestDetailView
      request={request} template={template} timeline={timeline} attachments={attachments} allowed={allowed} faultCategories={faultCategories} delayReasons={delayReasons}
      formOptions={formOptions} actions={{ submit: submitRequestAction, resubmit: resubmitRequestAction, review: reviewRequestAction, cancel: cancelRequestAction }}
    />
  );
}
