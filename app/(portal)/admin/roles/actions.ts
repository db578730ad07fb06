"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { deleteRole, saveRole, type RoleInput } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/** Creates a custom role (`create`, refusing a taken code) or changes one. */
export async function saveRoleAction(input: RoleInput, create: boolean): Promise<ActionResult<{ name: string }>> {
  const actor = await requireActor("system.roles");
  return runAction(async () => {
    const role = await saveRole(getDb().db, actor, input, { create: z.boolean().parse(create) });
    revalidatePath("/admin/roles");
    return { name: role.name };
  });
}

export async function deleteRoleAction(code: string): Promise<ActionResult<null>> {
  const actor = await requireActor("system.roles");
  return runAction(async () => {
    await deleteRole(getDb().db, actor, z.string().min(1).max(32).parse(code));
    revalidatePath("/admin/roles");
    return null;
  });
}
