import type { Db } from "../db";

// One step on an alarm's timeline. Actions: opened | suppressed | unsuppressed | acked | unacked | cleared |
// clear-confirmed | escalated | work-order-opened | work-order-resolved | work-order-closed | work-order-failed.
export const ALARM_EVENT_ACTIONS = [
  "opened", "suppressed", "unsuppressed", "acked", "unacked", "cleared", "clear-confirmed", "escalated",
  "work-order-opened", "work-order-resolved", "work-order-closed", "work-order-failed",
] as const;
export type AlarmEventAction = (typeof ALARM_EVENT_ACTIONS)[number];

/** Who did it: a user, or the platform itself (rules, the escalation tick). */
export type AlarmEventActor = { userId: number | null; name: string };
export const SYSTEM_ALARM_ACTOR: AlarmEventActor = { userId: null, name: "系统" };
export const eventActorOf = (a: { userId: number; displayName: string; username: string }): AlarmEventActor => ({ userId: a.userId, name: `${a.displayName}（${a.username}）` });

type Tx = Pick<Db, "alarmEvent">;

export async function addAlarmEvent(tx: Tx, e: { alarmId: number; actor: AlarmEventActor; action: AlarmEventAction; comment?: string | null; at: Date }): Promise<void> {
  await tx.alarmEvent.create({ data: { alarmId: e.alarmId, actorId: e.actor.userId, actorName: e.actor.name, action: e.action, comment: e.comment ?? null, at: e.at } });
}
