"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

const newTokenSchema = z.object({ name: z.string().trim().min(1, "请填写名称").max(64, "最多 64 个字符") });

/** Creates a token for the signed-in user; the token is returned once and never stored. */
export async function createTokenAction(input: { name: string }): Promise<ActionResult<{ name: string; token: string }>> {
  const actor = await requireActor();
  return runAction(async () => {
    const { name } = newTokenSchema.parse(input);
    const created = await createApiToken(getDb().db, { userId: actor.userId, name });
    revalidatePath("/settings/tokens");
    return { name: created.name, token: created.token };
  });
}

export async function revokeTokenAction(tokenId: number): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    const id = z.number().int().positive().parse(tokenId);
    if (!(await revokeApiToken(getDb().db, { userId: actor.userId, tokenId: id }))) throw new AppError("token.not-found", "令牌不存在或已吊销");
    revalidatePath("/settings/tokens");
    return null;
  });
}
