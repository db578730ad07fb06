"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { deleteDictionaryEntry, saveDictionaryEntry, setDictionaryEntryEnabled, type DictionaryEntryInput } from "@/lib/system/dictionaries";

const entryId = z.number().int().positive();

export async function saveDictionaryEntryAction(input: DictionaryEntryInput): Promise<ActionResult<{ label: string }>> {
  const actor = await requireActor("system.dictionaries");
  return runAction(async () => {
    const entry = await saveDictionaryEntry(getDb().db, actor, input);
    revalidatePath("/admin/dictionaries");
    return { label: entry.label };
  });
}

export async function setDictionaryEntryEnabledAction(id: number, enabled: boolean): Promise<ActionResult<null>> {
  const actor = await requireActor("system.dictionaries");
  return runAction(async () => {
    await setDictionaryEntryEnabled(getDb().db, actor, entryId.parse(id), z.boolean().parse(enabled));
    revalidatePath("/admin/dictionaries");
    return null;
  });
}

export async function deleteDictionaryEntryAction(id: number): Promise<ActionResult<null>> {
  const actor = await requireActor("system.dictionaries");
  return runAction(async () => {
    await deleteDictionaryEntry(getDb().db, actor, entryId.parse(id));
    revalidatePath("/admin/dictionaries");
    return null;
  });
}
