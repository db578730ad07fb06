// The alarm side of the work orders: opening a work order from an alarm and closing the loop when the alarm
// clears. Called by lib/alarms; implemented with the work orders.
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { AppError } from "../errors";
import { emitEvent } from "../events/emit-event";
import { loadWorkingCalendar } from "../sla/calendar";
import { policyFor } from "../sla/policies";
import { SEVERITIES, WORK_ORDER_KINDS, type Severity, type WorkOrderKind } from "./codes";
import { computeDues, usedSeconds } from "./sla-times";
import { addTicketEvent, stepActorOf, type StepActor } from "./timeline";
import { lockedOrder } from "./work-order-actions";
import { openWorkOrder, workOrderNotFound, workOrderRef } from "./work-orders";

export type AlarmWorkOrderInput = {
  alarmId: number; title: string; description: string; severity: Severity; providerId: number; departmentId: number | null; kind?: WorkOrderKind;
};

const alarmInputSchema = z.object({
  alarmId: z.number().int().positive(),
  title: z.string().trim().min(1, "请填写标题").max(200, "标题最多 200 个字符"),
  description: z.string().trim().max(5000, "描述最多 5000 个字符").transform((d) => d || "（告警未附说明）"),
  severity: z.enum(SEVERITIES),
  providerId: z.number().int().positive(),
  departmentId: z.number().int().positive().nullable(),
  kind: z.enum(WORK_ORDER_KINDS).default("fault"),
});

const ALARM_RULE: StepActor = { userId: null, name: "告警规则" };
const ALARM_SOURCE: StepActor = { userId: null, name: "告警源" };

/** Opens a work order for an alarm, assigned to its provider at once (no review); actor null = opened by an alarm rule. */
export async function openWorkOrderForAlarm(db: Db, actor: Actor | null, input: AlarmWorkOrderInput, now = new Date()): Promise<{ workOrderId: number; number: string }> {
  const a = alarmInputSchema.parse(input);
  if (actor) {
    if (!can(actor, "alarm.handle") && !can(actor, "itsm.workorder.manage")) throw new AppError("workorder.forbidden", "您没有将告警转为工单的权限", undefined, 403);
    if (actor.scope.kind === "providers" && !actor.scope.providerIds.includes(a.providerId)) throw new AppError("workorder.forbidden", "只能为本服务商的告警开工单", undefined, 403);
    if (actor.scope.kind === "departments") throw new AppError("workorder.forbidden", "您没有将告警转为工单的权限", undefined, 403);
  }
  if (!(await db.provider.findUnique({ where: { id: a.providerId } }))) throw new AppError("workorder.invalid", "服务商不存在");
  const [cal, policy] = await Promise.all([loadWorkingCalendar(db), policyFor(db, a.kind, a.severity)]);
  return db.$transaction(async (tx) => {
    const order = await openWorkOrder(tx, cal, policy, {
      kind: a.kind, templateCode: null, title: a.title, description: a.description, fields: {}, severity: a.severity, providerId: a.providerId,
      departmentId: a.departmentId, alarmId: a.alarmId, createdById: actor?.userId ?? null, comment: `由告警 #${a.alarmId} 创建`,
    }, actor ? stepActorOf(actor) : ALARM_RULE, now);
    return { workOrderId: order.id, number: order.number };
  });
}

/** The alarm cleared: its open work order is resolved (the clock stops), with the clear on its timeline. */
export async function workOrderAlarmCleared(db: Db, workOrderId: number, now = new Date()): Promise<void> {
  const id = z.number().int().positive().parse(workOrderId);
  const cal = await loadWorkingCalendar(db);
  await db.$transaction(async (tx) => {
    const o = await lockedOrder(tx, id);
    if (!o) throw workOrderNotFound();
    if (!["new", "assigned", "in-progress", "pending"].includes(o.status)) {
      await addTicketEvent(tx, { workOrderId: o.id, actor: ALARM_SOURCE, action: "alarm-cleared", comment: "告警已清除", at: now });
      return;
    }
    const live = o.stops.find((s) => s.status === "active");
    if (live) await tx.workOrderStop.update({ where: { id: live.id }, data: { status: "ended", endedAt: now } });
    for (const s of o.stops.filter((x) => x.status === "requested")) await tx.workOrderStop.update({ where: { id: s.id }, data: { status: "rejected" } });
    const stops = o.stops.map((s) => (s.id === live?.id ? { ...s, status: "ended", endedAt: now } : s));
    const late = !o.resolutionBreachedAt && now > o.resolutionDueAt;
    const updated = await tx.workOrder.update({
      where: { id: o.id },
      data: {
        status: "resolved", resolvedAt: now, resolutionSeconds: usedSeconds(cal, o, stops, now, now), resolution: o.resolution ?? "告警已清除，业务恢复",
        ...(o.respondedAt ? {} : { respondedAt: now, responseSeconds: usedSeconds(cal, o, stops, now, now) }),
        ...(late ? { resolutionBreachedAt: now, escalationLevel: { increment: 1 }, reviewRequired: true } : {}),
        ...computeDues(cal, o, stops, now), updatedAt: now,
      },
    });
    await addTicketEvent(tx, { workOrderId: o.id, actor: ALARM_SOURCE, action: "alarm-cleared", from: o.status, to: "resolved", comment: "告警已清除", at: now });
    await emitEvent(tx, "workorder.resolved", `workorder:${o.id}:resolved:${now.getTime()}`, workOrderRef(updated), now);
  });
}

/** The supervisor confirmed the clear: the resolved work order closes (alarm work orders have no requester to confirm). */
export async function workOrderAlarmClearConfirmed(db: Db, workOrderId: number, actor: Actor, now = new Date()): Promise<void> {
  const id = z.number().int().positive().parse(workOrderId);
  if (!can(actor, "alarm.handle") && !can(actor, "itsm.workorder.manage")) throw new AppError("workorder.forbidden", "您没有确认告警清除的权限", undefined, 403);
  const o = await db.workOrder.findUnique({ where: { id }, select: { status: true, providerId: true } });
  if (!o || (actor.scope.kind === "providers" && !actor.scope.providerIds.includes(o.providerId)) || actor.scope.kind === "departments") throw workOrderNotFound();
  // an alarm confirmed before its clear reached the order: resolve it first, then close
  if (["new", "assigned", "in-progress", "pending"].includes(o.status)) await workOrderAlarmCleared(db, id, now);
  await db.$transaction(async (tx) => {
    const locked = await lockedOrder(tx, id);
    if (!locked || locked.status !== "resolved") return;
    await tx.workOrder.update({ where: { id }, data: { status: "closed", closedAt: now, updatedAt: now } });
    await addTicketEvent(tx, { workOrderId: id, actor: stepActorOf(actor), action: "alarm-clear-confirmed", from: "resolved", to: "closed", comment: "确认告警已清除", at: now });
  });
}
