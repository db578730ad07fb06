"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { createUser, resetPassword, signOutEverywhere, updateUser, type NewUser, type UserPatch } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

const userId = z.number().int().positive();

export async function createUserAction(input: NewUser): Promise<ActionResult<{ username: string }>> {
  const actor = await requireActor("system.users");
  return runAction(async () => {
    const created = await createUser(getDb().db, input, actor);
    revalidatePath("/admin/users");
    return { username: created.username };
  });
}

/** Changes a user's fields, or (with only `enabled`) enables or disables them. */
export async function updateUserAction(id: number, patch: UserPatch): Promise<ActionResult<null>> {
  const actor = await requireActor("system.users");
  return runAction(async () => {
    await updateUser(getDb().db, actor, userId.parse(id), patch);
    revalidatePath("/admin/users");
    return null;
  });
}

export async function resetPasswordAction(id: number, password: string): Promise<ActionResult<null>> {
  const actor = await requireActor("system.users");
  return runAction(async () => {
    await resetPassword(getDb().db, actor, userId.parse(id), password);
    revalidatePath("/admin/users");
    return null;
  });
}

export async function signOutEverywhereAction(id: number): Promise<ActionResult<null>> {
  const actor = await requireActor("system.users");
  return runAction(async () => {
    await signOutEverywhere(getDb().db, actor, userId.parse(id));
    return null;
  });
}
