import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";

type Tx = Prisma.TransactionClient;

/** Who did a step: a user, or the system (the SLA watcher, an alarm rule). */
export type StepActor = { userId: number | null; name: string };
export const SYSTEM_STEP: StepActor = { userId: null, name: "系统" };
export const stepActorOf = (a: { userId: number; displayName: string }): StepActor => ({ userId: a.userId, name: a.displayName });

export type TicketStep = {
  requestId?: number; workOrderId?: number; actor: StepActor; action: string; from?: string | null; to?: string | null;
  comment?: string | null; data?: Prisma.InputJsonValue; at: Date;
};

/** One step on a request's or a work order's timeline. */
export async function addTicketEvent(tx: Tx, s: TicketStep): Promise<void> {
  await tx.ticketEvent.create({
    data: {
      requestId: s.requestId ?? null, workOrderId: s.workOrderId ?? null, actorId: s.actor.userId, actorName: s.actor.name, action: s.action,
      fromStatus: s.from ?? null, toStatus: s.to ?? null, comment: s.comment ?? null, data: s.data, at: s.at,
    },
  });
}

export type TimelineEntry = {
  id: string; at: string; actorName: string; action: string; fromStatus: string | null; toStatus: string | null; comment: string | null;
  data: Record<string, unknown> | null; scope: "request" | "work-order";
};

const entryOf = (e: { id: bigint; at: Date; actorName: string; action: string; fromStatus: string | null; toStatus: string | null; comment: string | null; data: unknown; requestId: number | null }): TimelineEntry => ({
  id: e.id.toString(), at: e.at.toISOString(), actorName: e.actorName, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment,
  data: e.data && typeof e.data === "object" ? (e.data as Record<string, unknown>) : null, scope: e.requestId ? "request" : "work-order",
});

/** A request's steps, then (when it became a work order) the order's: callers check visibility first. */
export async function timelineOf(db: Db, ids: { requestId?: number | null; workOrderId?: number | null }): Promise<TimelineEntry[]> {
  const order = [{ at: "asc" as const }, { id: "asc" as const }];
  const [request, work] = await Promise.all([
    ids.requestId ? db.ticketEvent.findMany({ where: { requestId: ids.requestId }, orderBy: order }) : [],
    ids.workOrderId ? db.ticketEvent.findMany({ where: { workOrderId: ids.workOrderId }, orderBy: order }) : [],
  ]);
  return [...request, ...work].map(entryOf);
}
