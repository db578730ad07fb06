import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";

/** A work order as events carry it: enough to pick recipients and fill a template without another query. */
export type WorkOrderRef = {
  workOrderId: number; number: string; title: string; kind: string; severity: string;
  providerId: number; departmentId: number | null; assigneeId: number | null; requesterId: number | null;
};
export type RequestRef = { requestId: number; number: string; title: string; departmentId: number; providerId: number; requesterId: number };
export type AlarmRef = { alarmId: number; name: string; severity: string; resource: string | null; source: string; providerId: number | null; departmentId: number | null };

/** Every event type and its payload: the message rules pick events by type, the templates use payload fields as variables. */
export type EventPayloads = {
  "request.submitted": RequestRef;
  "request.reviewed": RequestRef & { decision: "approved" | "returned" | "rejected"; comment: string | null };
  "workorder.assigned": WorkOrderRef;
  "workorder.resolved": WorkOrderRef;
  "workorder.reopened": WorkOrderRef & { reason: string };
  "workorder.warning": WorkOrderRef & { target: "response" | "resolution"; dueAt: string };
  "workorder.breached": WorkOrderRef & { target: "response" | "resolution"; dueAt: string };
  "workorder.pause-requested": WorkOrderRef & { reason: string };
  "alarm.unacked": AlarmRef & { minutes: number; level: number };
  "bill.ready": { month: string; departmentId: number; departmentName: string; net: string };
  "file.quarantined": { fileId: number; path: string; reason: string };
};
export type EventType = keyof EventPayloads;
export const EVENT_TYPES = [
  "request.submitted", "request.reviewed", "workorder.assigned", "workorder.resolved", "workorder.reopened", "workorder.warning", "workorder.breached",
  "workorder.pause-requested", "alarm.unacked", "bill.ready", "file.quarantined",
] as const satisfies readonly EventType[];

type Tx = Pick<Db, "domainEvent">;

/**
 * Records that something happened, in the caller's transaction (an outbox): the message dispatcher turns it into
 * notifications later, once, so a rolled-back change never notifies anyone and a sent message never blocks a change.
 * subject names what the event is about (workorder:12:response); with the type it is the notifications' dedup key.
 */
export async function emitEvent<T extends EventType>(tx: Tx, type: T, subject: string, payload: EventPayloads[T], at = new Date()): Promise<void> {
  await tx.domainEvent.create({ data: { type, subject, payload: payload as unknown as Prisma.InputJsonValue, at } });
}

/** emitEvent for code that holds its transaction on a pg client (the CDR pipeline): the same row, through the same contract. */
export async function emitEventSql<T extends EventType>(client: { query: (text: string, values: unknown[]) => Promise<unknown> }, type: T, subject: string, payload: EventPayloads[T]): Promise<void> {
  await client.query("INSERT INTO domain_event (type, subject, payload, at) VALUES ($1, $2, $3::jsonb, clock_timestamp())", [type, subject, JSON.stringify(payload)]);
}
