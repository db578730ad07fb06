"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { createRule, deleteRule, setRuleEnabled, updateRule, updateTemplate, type RuleInput, type TemplateInput } from "@/lib/messages/manage-messages";

const ruleId = z.number().int().positive();
// the messages page shows which channels the rules use
const refresh = () => { revalidatePath("/admin/messages"); revalidatePath("/messages"); };

export async function updateTemplateAction(code: string, input: TemplateInput): Promise<ActionResult<{ name: string }>> {
  const actor = await requireActor("messages.manage");
  return runAction(async () => {
    const t = await updateTemplate(getDb().db, actor, z.string().parse(code), input);
    refresh();
    return { name: t.name };
  });
}

export async function createRuleAction(input: RuleInput): Promise<ActionResult<null>> {
  const actor = await requireActor("messages.manage");
  return runAction(async () => {
    await createRule(getDb().db, actor, input);
    refresh();
    return null;
  });
}

export async function updateRuleAction(id: number, input: RuleInput): Promise<ActionResult<null>> {
  const actor = await requireActor("messages.manage");
  return runAction(async () => {
    await updateRule(getDb().db, actor, ruleId.parse(id), input);
    refresh();
    return null;
  });
}

export async function setRuleEnabledAction(id: number, enabled: boolean): Promise<ActionResult<null>> {
  const actor = await requireActor("messages.manage");
  return runAction(async () => {
    await setRuleEnabled(getDb().db, actor, ruleId.parse(id), z.boolean().parse(enabled));
    refresh();
    return null;
  });
}

export async function deleteRuleAction(id: number): Promise<ActionResult<null>> {
  const actor = await requireActor("messages.manage");
  return runAction(async () => {
    await deleteRule(getDb().db, actor, ruleId.parse(id));
    refresh();
    return null;
  });
}
