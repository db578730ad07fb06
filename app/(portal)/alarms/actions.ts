"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import type { AlarmRow } from "@/lib/alarms/alarm-rows";
import type { AlarmWorkOrder } from "@/lib/alarms/alarm-work-orders";
import { ackAlarm, clearAlarm, confirmAlarmClear, openAlarmWorkOrder, unackAlarm, type AckInput, type AlarmWorkOrderInput, type ClearInput } from "@/lib/alarms/handle-alarms";
import { getDb } from "@/lib/db";

// the home page's alarm tips follow the console
const refresh = () => { revalidatePath("/alarms"); revalidatePath("/dashboard"); };

export async function ackAlarmAction(id: number, input: AckInput): Promise<ActionResult<AlarmRow>> {
  const actor = await requireActor("alarm.handle");
  return runAction(async () => { const a = await ackAlarm(getDb().db, actor, id, input); refresh(); return a; });
}

export async function unackAlarmAction(id: number, input: AckInput): Promise<ActionResult<AlarmRow>> {
  const actor = await requireActor("alarm.handle");
  return runAction(async () => { const a = await unackAlarm(getDb().db, actor, id, input); refresh(); return a; });
}

export async function clearAlarmAction(id: number, input: ClearInput): Promise<ActionResult<{ alarm: AlarmRow; workOrderResolved: boolean | null }>> {
  const actor = await requireActor("alarm.handle");
  return runAction(async () => { const r = await clearAlarm(getDb().db, actor, id, input); refresh(); return r; });
}

export async function confirmClearAction(id: number, input: AckInput): Promise<ActionResult<{ alarm: AlarmRow; workOrderError: string | null }>> {
  const actor = await requireActor("alarm.handle");
  return runAction(async () => { const r = await confirmAlarmClear(getDb().db, actor, id, input); refresh(); return r; });
}

export async function openWorkOrderAction(id: number, input: AlarmWorkOrderInput): Promise<ActionResult<AlarmWorkOrder>> {
  const actor = await requireActor("alarm.handle");
  return runAction(async () => { const r = await openAlarmWorkOrder(getDb().db, actor, id, input); refresh(); revalidatePath("/service/work-orders"); return r; });
}
