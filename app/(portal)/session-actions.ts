"use server";

import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { signOutEverywhere } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

/** Ends every session of the signed-in user, this one included, and revokes their API tokens. */
export async function signOutEverywhereSelfAction(): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await signOutEverywhere(getDb().db, actor, actor.userId);
    return null;
  });
}
