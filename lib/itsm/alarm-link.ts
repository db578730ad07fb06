// The alarm side of the work orders: opening a work order from an alarm and closing the loop when the alarm
// clears. Called by lib/alarms; implemented with the work orders.
import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import type { Severity, WorkOrderKind } from "./codes";

export type AlarmWorkOrderInput = {
  alarmId: number; title: string; description: string; severity: Severity; providerId: number; departmentId: number | null; kind?: WorkOrderKind;
};

/** Opens a work order for an alarm, assigned to its provider at once (no review); actor null = opened by an alarm rule. */
export async function openWorkOrderForAlarm(_db: Db, _actor: Actor | null, _input: AlarmWorkOrderInput, _now = new Date()): Promise<{ workOrderId: number; number: string }> {
  throw new Error("not implemented yet");
}

/** The alarm cleared: its open work order is resolved (the clock stops), with the clear on its timeline. */
export async function workOrderAlarmCleared(_db: Db, _workOrderId: number, _now = new Date()): Promise<void> {
  throw new Error("not implemented yet");
}

/** The supervisor confirmed the clear: the resolved work order closes (alarm work orders have no requester to confirm). */
export async function workOrderAlarmClearConfirmed(_db: Db, _workOrderId: number, _actor: Actor, _now = new Date()): Promise<void> {
  throw new Error("not implemented yet");
}
