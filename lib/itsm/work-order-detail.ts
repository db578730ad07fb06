import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { loadWorkingCalendar } from "../sla/calendar";
import { getTemplate, type TemplateField } from "../sla/templates";
import { listAttachments, type AttachmentRow } from "./attachments";
import { usedSeconds } from "./sla-times";
import { timelineOf, type TimelineEntry } from "./timeline";
import { allowedActions, type WorkOrderAction } from "./work-order-actions";
import { findVisibleWorkOrder, requireWorkOrderReader, workOrderNamesOf, workOrderRowsOf, type WorkOrderRow } from "./work-orders";

export type StopView = { id: number; kind: string; reason: string; status: string; requestedAt: string; requestedByName: string | null; approvedByName: string | null; startedAt: string | null; endedAt: string | null };

export type WorkOrderDetail = WorkOrderRow & {
  description: string; fields: Record<string, unknown>; templateCode: string | null; templateName: string | null; templateNameEn: string | null; templateFields: TemplateField[];
  clock: string; responseMinutes: number; resolutionMinutes: number; warnShare: string; responseSeconds: number | null; resolutionSeconds: number | null;
  /** clock time used so far (up to the response / the resolution once there) */
  responseUsedSeconds: number; resolutionUsedSeconds: number;
  escalationLevel: number; resolution: string | null; delayNote: string | null; reviewNote: string | null; reviewedAt: string | null;
  requestNumber: string | null; requesterName: string | null; createdByName: string | null;
  stops: StopView[]; timeline: TimelineEntry[]; attachments: AttachmentRow[]; actions: WorkOrderAction[];
};

/** One work order with everything its page shows, within the actor's scope (not found otherwise). */
export async function getWorkOrderDetail(db: Db, actor: Actor, id: number, now = new Date()): Promise<WorkOrderDetail> {
  requireWorkOrderReader(actor);
  const o = await findVisibleWorkOrder(db, actor, id);
  const userIds = [o.requesterId, o.createdById, ...o.stops.flatMap((s) => [s.requestedById, s.approvedById])].filter((v): v is number => v !== null);
  const [cal, names, template, request, users, timeline, attachments] = await Promise.all([
    loadWorkingCalendar(db),
    workOrderNamesOf(db, [o]),
    o.templateCode ? getTemplate(db, o.templateCode) : null,
    o.requestId ? db.serviceRequest.findUnique({ where: { id: o.requestId }, select: { number: true } }) : null,
    db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, displayName: true } }),
    timelineOf(db, { requestId: o.requestId, workOrderId: o.id }),
    listAttachments(db, { requestId: o.requestId, workOrderId: o.id }),
  ]);
  const userName = (uid: number | null) => (uid === null ? null : users.find((u) => u.id === uid)?.displayName ?? null);
  const [row] = workOrderRowsOf(cal, [o], names, now);
  return {
    ...row, description: o.description, fields: (o.fields ?? {}) as Record<string, unknown>, templateCode: o.templateCode,
    templateName: template?.name ?? null, templateNameEn: template?.nameEn ?? null, templateFields: template?.fields ?? [],
    clock: o.clock, responseMinutes: o.responseMinutes, resolutionMinutes: o.resolutionMinutes, warnShare: o.warnShare.toString(),
    responseSeconds: o.responseSeconds, resolutionSeconds: o.resolutionSeconds,
    responseUsedSeconds: o.responseSeconds ?? usedSeconds(cal, o, o.stops, now, now),
    resolutionUsedSeconds: o.resolutionSeconds ?? (["closed", "cancelled"].includes(o.status) ? usedSeconds(cal, o, o.stops, o.closedAt ?? now, now) : usedSeconds(cal, o, o.stops, now, now)),
    escalationLevel: o.escalationLevel, resolution: o.resolution, delayNote: o.delayNote, reviewNote: o.reviewNote, reviewedAt: o.reviewedAt?.toISOString() ?? null,
    requestNumber: request?.number ?? null, requesterName: userName(o.requesterId), createdByName: userName(o.createdById),
    stops: o.stops.map((s) => ({
      id: s.id, kind: s.kind, reason: s.reason, status: s.status, requestedAt: s.requestedAt.toISOString(), requestedByName: userName(s.requestedById),
      approvedByName: userName(s.approvedById), startedAt: s.startedAt?.toISOString() ?? null, endedAt: s.endedAt?.toISOString() ?? null,
    })),
    timeline, attachments, actions: allowedActions(actor, o),
  };
}

/** Who a provider's staff may hand an order to: the enabled users of the order's provider who work orders. */
export async function listProviderColleagues(db: Db, actor: Actor, providerId: number): Promise<{ id: number; displayName: string }[]> {
  if (!can(actor, "itsm.workorder.handle") || actor.providerId !== providerId) return [];
  const users = await db.user.findMany({ where: { providerId, enabled: true }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" } });
  return users.map((u) => ({ id: u.id, displayName: u.displayName }));
}

/** The timeline alone (for the API), within the actor's scope. */
export async function getWorkOrderTimeline(db: Db, actor: Actor, id: number): Promise<TimelineEntry[]> {
  requireWorkOrderReader(actor);
  const o = await findVisibleWorkOrder(db, actor, id);
  return timelineOf(db, { requestId: o.requestId, workOrderId: o.id });
}
