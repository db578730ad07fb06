import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere } from "../auth/scope";
import type { Db } from "../db";
import { AppError } from "../errors";
import { WORK_ORDER_KINDS } from "../itsm/codes";
import { addAlarmEvent, eventActorOf, type AlarmEventAction } from "./alarm-events";
import { toAlarmRows, type AlarmRow } from "./alarm-rows";
import { closeWorkOrderOnConfirm, openWorkOrderFromAlarm, resolveWorkOrderOnClear, type AlarmWorkOrder } from "./alarm-work-orders";

// Handling an alarm: acknowledge (with a comment), unacknowledge, clear by hand, confirm the clear, open a work
// order. Providers handle their provider's alarms only (the scope is in every WHERE clause); each step is a
// conditional update on the state it starts from (a concurrent second click gets a 409, not a double step) and
// an event on the alarm's timeline.

const alarmId = z.number({ message: "告警编号无效" }).int().positive();
const comment = z.string({ message: "说明应为文字" }).trim().max(500, "说明最多 500 个字符").optional().transform((c) => c || null);
export const ackInputSchema = z.object({ comment });
export const clearInputSchema = z.object({ comment: z.string({ message: "请填写清除说明" }).trim().min(1, "请填写清除说明").max(500, "说明最多 500 个字符") });
export const workOrderInputSchema = z.object({
  providerId: z.number().int().positive().nullish(),
  kind: z.enum(WORK_ORDER_KINDS, { message: "工单类型无效" }).optional(),
});
export type AckInput = z.input<typeof ackInputSchema>;
export type ClearInput = z.input<typeof clearInputSchema>;
export type AlarmWorkOrderInput = z.input<typeof workOrderInputSchema>;

function requireHandler(actor: Actor) {
  if (!can(actor, "alarm.handle")) throw new AppError("auth.forbidden", "您没有处理告警的权限（alarm.handle）", undefined, 403);
}

/** Who may confirm a clear: an alarm handler on the supervising side (scope all) — a provider does not confirm its own clear. */
export function mayConfirmClears(actor: Actor): boolean {
  return can(actor, "alarm.handle") && actor.scope.kind === "all";
}

async function visibleAlarm(db: Db, actor: Actor, id: number) {
  const alarm = await db.alarm.findFirst({ where: { id: alarmId.parse(id), ...orgWhere(actor.scope) } });
  if (!alarm) throw new AppError("alarm.not-found", "告警不存在", undefined, 404);
  return alarm;
}

/** One step: the update applies only from the expected state; 409 with `refusal` otherwise. */
async function step(
  db: Db, actor: Actor, id: number, from: Prisma.AlarmWhereInput, data: Prisma.AlarmUpdateManyMutationInput, action: AlarmEventAction, note: string | null, refusal: string, now: Date,
): Promise<AlarmRow> {
  const alarm = await visibleAlarm(db, actor, id);
  await db.$transaction(async (tx) => {
    const { count } = await tx.alarm.updateMany({ where: { id: alarm.id, ...orgWhere(actor.scope), ...from }, data });
    if (!count) throw new AppError("alarm.state", refusal, undefined, 409);
    await addAlarmEvent(tx, { alarmId: alarm.id, actor: eventActorOf(actor), action, comment: note, at: now });
  });
  return (await toAlarmRows(db, [await db.alarm.findUniqueOrThrow({ where: { id: alarm.id } })]))[0];
}

export async function ackAlarm(db: Db, actor: Actor, id: number, input: AckInput = {}, now = new Date()): Promise<AlarmRow> {
  requireHandler(actor);
  const { comment: note } = ackInputSchema.parse(input);
  return step(db, actor, id, { status: "firing", ackedAt: null }, { ackedAt: now, ackedById: actor.userId, ackComment: note }, "acked", note, "告警已确认或已清除", now);
}

export async function unackAlarm(db: Db, actor: Actor, id: number, input: AckInput = {}, now = new Date()): Promise<AlarmRow> {
  requireHandler(actor);
  const { comment: note } = ackInputSchema.parse(input);
  return step(db, actor, id, { status: "firing", ackedAt: { not: null } }, { ackedAt: null, ackedById: null, ackComment: null }, "unacked", note, "告警未确认或已清除", now);
}

/** Clears a firing alarm by hand; its work order, if any, is then resolved. */
export async function clearAlarm(db: Db, actor: Actor, id: number, input: ClearInput, now = new Date()): Promise<{ alarm: AlarmRow; workOrderResolved: boolean | null }> {
  requireHandler(actor);
  const { comment: note } = clearInputSchema.parse(input);
  const alarm = await step(db, actor, id, { status: "firing" }, { status: "cleared", clearedAt: now, clearedBy: "manual" }, "cleared", note, "告警已清除", now);
  const workOrderResolved = alarm.workOrderId ? await resolveWorkOrderOnClear(db, alarm.id, alarm.workOrderId, now) : null;
  return { alarm, workOrderResolved };
}

/** The supervisor confirms a clear; the alarm's work order then closes. */
export async function confirmAlarmClear(db: Db, actor: Actor, id: number, input: AckInput = {}, now = new Date()): Promise<{ alarm: AlarmRow; workOrderError: string | null }> {
  requireHandler(actor);
  if (!mayConfirmClears(actor)) throw new AppError("auth.forbidden", "只有监管人员可以确认清除", undefined, 403);
  const { comment: note } = ackInputSchema.parse(input);
  const alarm = await step(db, actor, id, { status: "cleared", clearConfirmedAt: null }, { clearConfirmedAt: now, clearConfirmedById: actor.userId }, "clear-confirmed", note, "告警未清除或已确认清除", now);
  const workOrderError = alarm.workOrderId ? await closeWorkOrderOnConfirm(db, alarm.id, alarm.workOrderId, actor, now) : null;
  return { alarm, workOrderError };
}

/** Opens the alarm's work order (or returns the one it has): for the alarm's provider, or the one a supervisor picks for an alarm without one. */
export async function openAlarmWorkOrder(db: Db, actor: Actor, id: number, input: AlarmWorkOrderInput = {}, now = new Date()): Promise<AlarmWorkOrder> {
  requireHandler(actor);
  const w = workOrderInputSchema.parse(input);
  const alarm = await visibleAlarm(db, actor, id);
  return openWorkOrderFromAlarm(db, actor, alarm.id, { providerId: w.providerId, kind: w.kind }, now);
}
