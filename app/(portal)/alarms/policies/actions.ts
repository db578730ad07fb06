"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import type { AlarmRow } from "@/lib/alarms/alarm-rows";
import { deleteAlarmRule, saveAlarmRule, type AlarmRuleInput, type AlarmRuleRow } from "@/lib/alarms/alarm-rules";
import { saveEscalationSettings, type EscalationSettings } from "@/lib/alarms/escalation-settings";
import { createFilterPolicy, endFilterPolicy, previewPolicy, type FilterPolicyInput, type FilterPolicyRow } from "@/lib/alarms/filter-policies";
import type { Matcher } from "@/lib/alarms/matchers";
import { getDb } from "@/lib/db";

// a policy hides and shows alarms on the console
const refresh = () => { revalidatePath("/alarms/policies"); revalidatePath("/alarms"); };

export async function createPolicyAction(input: FilterPolicyInput): Promise<ActionResult<FilterPolicyRow>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { const p = await createFilterPolicy(getDb().db, actor, input); refresh(); return p; });
}

export async function endPolicyAction(id: number): Promise<ActionResult<FilterPolicyRow>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { const p = await endFilterPolicy(getDb().db, actor, id); refresh(); return p; });
}

/** The live alarms the conditions being typed would hide (an incomplete row previews nothing). */
export async function previewPolicyAction(matchers: Matcher[]): Promise<ActionResult<{ total: number; rows: AlarmRow[] }>> {
  const actor = await requireActor("alarm.policy");
  return runAction(() => previewPolicy(getDb().db, actor.scope, matchers, 20));
}

export async function saveRuleAction(input: AlarmRuleInput & { id?: number }): Promise<ActionResult<AlarmRuleRow>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { const r = await saveAlarmRule(getDb().db, actor, input); refresh(); return r; });
}

export async function deleteRuleAction(id: number): Promise<ActionResult<null>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { await deleteAlarmRule(getDb().db, actor, id); refresh(); return null; });
}

export async function saveEscalationAction(input: EscalationSettings): Promise<ActionResult<EscalationSettings>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { const s = await saveEscalationSettings(getDb().db, actor, input); refresh(); return s; });
}
