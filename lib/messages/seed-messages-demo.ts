import type { Db } from "../db";
import { emitEvent, type EventPayloads, type EventType, type WorkOrderRef } from "../events/emit-event";
import { dispatchEvents } from "./dispatch-events";
import { ensureMessageDefaults } from "./message-defaults";

const MINUTE = 60_000;

/**
 * Demo notifications from the demo's own data, so that every link opens something: SLA warnings and a breach of
 * the open work orders, unacknowledged firing alarms, the bills of the last closed month, quarantined CDR files.
 * Each event is dispatched at its own time over the last hours. Does nothing once any notification exists.
 */
export async function seedMessagesDemo(db: Db, now: Date): Promise<{ events: number; notifications: number }> {
  await ensureMessageDefaults(db);
  if (await db.notification.count()) return { events: 0, notifications: 0 };
  const [orders, alarms, closed, files] = await Promise.all([
    db.workOrder.findMany({ where: { status: { in: ["new", "assigned", "in-progress", "pending"] } }, orderBy: { openedAt: "desc" }, take: 4 }),
    db.alarm.findMany({ where: { status: "firing", ackedAt: null, suppressedByPolicyId: null }, orderBy: { firstAt: "desc" }, take: 2 }),
    db.billingMonth.findFirst({ orderBy: { month: "desc" } }),
    db.cdrFile.findMany({ where: { status: "quarantined" }, orderBy: { id: "desc" }, take: 2 }),
  ]);
  const bills = closed ? await db.bill.findMany({ where: { month: closed.month }, include: { department: { select: { name: true } } } }) : [];
  const events: { type: EventType; subject: string; payload: EventPayloads[EventType] }[] = [];
  const ref = (w: (typeof orders)[number]): WorkOrderRef => ({
    workOrderId: w.id, number: w.number, title: w.title, kind: w.kind, severity: w.severity, providerId: w.providerId, departmentId: w.departmentId, assigneeId: w.assigneeId, requesterId: w.requesterId,
  });
  orders.forEach((w, i) => {
    events.push({ type: "workorder.assigned", subject: `workorder:${w.id}:assigned`, payload: ref(w) });
    if (i === 0) events.push({ type: "workorder.breached", subject: `workorder:${w.id}:response`, payload: { ...ref(w), target: "response", dueAt: w.responseDueAt.toISOString() } });
    else events.push({ type: "workorder.warning", subject: `workorder:${w.id}:resolution`, payload: { ...ref(w), target: "resolution", dueAt: w.resolutionDueAt.toISOString() } });
  });
  for (const a of alarms) {
    events.push({ type: "alarm.unacked", subject: `alarm:${a.id}:1`, payload: { alarmId: a.id, name: a.name, severity: a.severity, resource: a.resource, source: a.source, providerId: a.providerId, departmentId: a.departmentId, minutes: 30, level: 1 } });
  }
  for (const b of bills) events.push({ type: "bill.ready", subject: `bill:${b.month}:${b.departmentId}`, payload: { month: b.month, departmentId: b.departmentId, departmentName: b.department.name, net: b.net.toFixed(2) } });
  for (const f of files) events.push({ type: "file.quarantined", subject: `file:${f.id}`, payload: { fileId: f.id, path: f.path, reason: f.reason ?? "" } });

  let notifications = 0;
  for (const [i, e] of events.entries()) {
    const at = new Date(now.getTime() - (events.length - i) * 17 * MINUTE);
    await emitEvent(db, e.type, e.subject, e.payload, at);
    notifications += (await dispatchEvents(db, at)).notifications;
  }
  return { events: events.length, notifications };
}
