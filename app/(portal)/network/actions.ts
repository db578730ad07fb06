"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { deleteThreshold, saveThreshold, type ThresholdInput, type ThresholdRow } from "@/lib/network/thresholds";

export async function saveThresholdAction(input: ThresholdInput): Promise<ActionResult<ThresholdRow>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { const r = await saveThreshold(getDb().db, actor, input); revalidatePath("/network"); return r; });
}

export async function deleteThresholdAction(id: number): Promise<ActionResult<null>> {
  const actor = await requireActor("alarm.policy");
  return runAction(async () => { await deleteThreshold(getDb().db, actor, id); revalidatePath("/network"); return null; });
}
