import type { Actor } from "../auth/actor";
import { orgWhere } from "../auth/scope";
import type { Db } from "../db";
import { AppError } from "../errors";
import { ALARM_TO_WORK_ORDER_SEVERITY, SEVERITY_NAMES, type AlarmSeverity, type WorkOrderKind } from "../itsm/codes";
import { openWorkOrderForAlarm, workOrderAlarmCleared, workOrderAlarmClearConfirmed } from "../itsm/alarm-link";
import { formatShanghai } from "../time/shanghai";
import { addAlarmEvent, eventActorOf, SYSTEM_ALARM_ACTOR } from "./alarm-events";
import { ALARM_SEVERITY_NAMES } from "./alarm-codes";

// The alarm's side of "from the alarm to the recovery": a work order opened from an alarm (by hand or by a rule),
// resolved when the alarm clears and closed when the clear is confirmed. The work order functions run their own
// transactions, so they are called after the alarm's change commits; each link is recorded on the alarm.

export type AlarmWorkOrder = { workOrderId: number; number: string; created: boolean };

const fieldError = (field: string, message: string, status = 400) => new AppError("alarm.work-order-invalid", message, { fieldErrors: { [field]: [message] } }, status);

/**
 * Opens the alarm's work order, once: the alarm row stays locked while the work order is opened, so a concurrent
 * or repeated request returns the same work order; a work order already carrying the alarm's id (a crash between
 * opening it and linking it) is linked instead of opening a second. actor null = an alarm rule opens it.
 */
export async function openWorkOrderFromAlarm(
  db: Db, actor: Actor | null, alarmId: number, options: { providerId?: number | null; kind?: WorkOrderKind; ruleName?: string }, now = new Date(),
): Promise<AlarmWorkOrder> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM alarm WHERE id = ${alarmId} FOR UPDATE`;
    const alarm = locked.length ? await tx.alarm.findFirst({ where: { id: alarmId, ...(actor ? orgWhere(actor.scope) : {}) } }) : null;
    if (!alarm) throw new AppError("alarm.not-found", "告警不存在", undefined, 404);
    if (alarm.workOrderId) {
      const existing = await tx.workOrder.findUnique({ where: { id: alarm.workOrderId }, select: { number: true } });
      return { workOrderId: alarm.workOrderId, number: existing?.number ?? "", created: false };
    }
    if (alarm.status !== "firing") throw new AppError("alarm.cleared", "告警已清除，无需转工单", undefined, 409);
    if (alarm.suppressedByPolicyId) throw new AppError("alarm.suppressed", "告警已被过滤策略隐藏，不转工单", undefined, 409);
    const chosen = options.providerId ?? null;
    if (alarm.providerId && chosen && chosen !== alarm.providerId) throw fieldError("providerId", "该告警属于另一个服务商，工单只能派给告警所属的服务商");
    if (!alarm.providerId && chosen && actor && actor.scope.kind !== "all") throw fieldError("providerId", "只有监管人员可以为告警指定服务商", 403);
    const providerId = alarm.providerId ?? chosen;
    if (!providerId) throw fieldError("providerId", "该告警没有所属服务商，请选择服务商");
    if (!alarm.providerId && !(await tx.provider.findUnique({ where: { id: providerId } }))) throw fieldError("providerId", "服务商不存在");

    const orphan = await tx.workOrder.findFirst({ where: { alarmId, status: { not: "cancelled" } }, orderBy: { id: "desc" }, select: { id: true, number: true } });
    const severity = alarm.severity as AlarmSeverity;
    const opened = orphan
      ? { workOrderId: orphan.id, number: orphan.number }
      : await openWorkOrderForAlarm(db, actor, {
        alarmId, providerId, departmentId: alarm.departmentId, kind: options.kind ?? "fault", severity: ALARM_TO_WORK_ORDER_SEVERITY[severity],
        title: `【${ALARM_SEVERITY_NAMES[severity]}告警】${alarm.name}${alarm.resource ? ` · ${alarm.resource}` : ""}`.slice(0, 200),
        description: [
          `告警 #${alarm.id}：${alarm.name}`, `来源：${alarm.source}`, alarm.resource ? `资源：${alarm.resource}` : null,
          `级别：${ALARM_SEVERITY_NAMES[severity]}（工单级别 ${SEVERITY_NAMES[ALARM_TO_WORK_ORDER_SEVERITY[severity]]}）`,
          `首次发生：${formatShanghai(alarm.firstAt)}，共 ${alarm.count} 次`, alarm.summary ? `摘要：${alarm.summary}` : null,
        ].filter(Boolean).join("\n"),
      }, now);
    await tx.alarm.update({ where: { id: alarmId }, data: { workOrderId: opened.workOrderId, providerId } });
    await addAlarmEvent(tx, {
      alarmId, actor: actor ? eventActorOf(actor) : SYSTEM_ALARM_ACTOR, action: "work-order-opened", at: now,
      comment: options.ruleName ? `${opened.number}（告警规则：${options.ruleName}）` : opened.number,
    });
    return { ...opened, created: !orphan };
  }, { maxWait: 10_000, timeout: 60_000 });
}

/** A work order step that failed after the alarm's change committed stays on the alarm's timeline, where someone will see it. */
async function recordFailure(db: Db, alarmId: number, what: string, e: unknown, now: Date) {
  await addAlarmEvent(db, { alarmId, actor: SYSTEM_ALARM_ACTOR, action: "work-order-failed", comment: `${what}：${e instanceof Error ? e.message : String(e)}`.slice(0, 500), at: now });
}

/** The alarm cleared (by its source or by hand): its work order is resolved. Returns whether that worked. */
export async function resolveWorkOrderOnClear(db: Db, alarmId: number, workOrderId: number, now: Date): Promise<boolean> {
  try {
    await workOrderAlarmCleared(db, workOrderId, now);
    await addAlarmEvent(db, { alarmId, actor: SYSTEM_ALARM_ACTOR, action: "work-order-resolved", at: now });
    return true;
  } catch (e) {
    await recordFailure(db, alarmId, "告警清除后解决工单失败", e, now);
    return false;
  }
}

/** The clear was confirmed: the work order closes. Returns the failure's message, if any. */
export async function closeWorkOrderOnConfirm(db: Db, alarmId: number, workOrderId: number, actor: Actor, now: Date): Promise<string | null> {
  try {
    await workOrderAlarmClearConfirmed(db, workOrderId, actor, now);
    await addAlarmEvent(db, { alarmId, actor: eventActorOf(actor), action: "work-order-closed", at: now });
    return null;
  } catch (e) {
    await recordFailure(db, alarmId, "确认清除后关闭工单失败", e, now);
    return e instanceof Error ? e.message : String(e);
  }
}
