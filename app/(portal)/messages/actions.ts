"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/messages/notifications";
import { setPreference, type PreferenceInput } from "@/lib/messages/preferences";

// Every signed-in user's own notifications and preferences: the lib functions put the user in their WHERE clauses.

export async function markNotificationReadAction(id: string): Promise<ActionResult<boolean>> {
  const actor = await requireActor();
  return runAction(async () => {
    const changed = await markNotificationRead(getDb().db, actor, id);
    if (changed) revalidatePath("/messages");
    return changed;
  });
}

export async function markAllNotificationsReadAction(type?: string): Promise<ActionResult<number>> {
  const actor = await requireActor();
  return runAction(async () => {
    const n = await markAllNotificationsRead(getDb().db, actor, new Date(), type || undefined);
    revalidatePath("/messages");
    return n;
  });
}

export async function setPreferenceAction(input: PreferenceInput): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await setPreference(getDb().db, actor, input);
    revalidatePath("/messages");
    return null;
  });
}
