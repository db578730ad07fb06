"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { deleteDraft, publishPriceItem, retirePriceItem, saveDraft } from "@/lib/catalog/price-lifecycle";
import type { PriceItemInput } from "@/lib/catalog/price-item-schema";
import { getDb } from "@/lib/db";
import { getQueues } from "@/lib/jobs/portal-queues";
import { requestRerate } from "@/lib/jobs/queues";

export type CatalogOutcome = { what: string; rerateJobId?: string };

export async function saveDraftAction(input: PriceItemInput & { id?: number }): Promise<ActionResult<CatalogOutcome>> {
  const actor = await requireActor("catalog.manage");
  return runAction(async () => {
    const { id, ...values } = input;
    const saved = await saveDraft(getDb().db, actor, values, id);
    revalidatePath("/catalog");
    return { what: `已保存草稿 ${saved.itemCode}` };
  });
}

export async function deleteDraftAction(id: number): Promise<ActionResult<CatalogOutcome>> {
  const actor = await requireActor("catalog.manage");
  return runAction(async () => {
    await deleteDraft(getDb().db, actor, id);
    revalidatePath("/catalog");
    return { what: "已删除草稿" };
  });
}

/** Publishing or retiring changes what open months' usage rates at: the workers re-rate and rebuild those bills. */
export async function publishAction(id: number): Promise<ActionResult<CatalogOutcome>> {
  const actor = await requireActor("catalog.publish");
  return runAction(async () => {
    const p = await publishPriceItem(getDb().db, actor, id);
    const rerateJobId = await requestRerate(getQueues(), { only: "all", reason: `price ${p.itemCode} published` });
    revalidatePath("/", "layout");
    return { what: `已发布 ${p.itemCode}，${p.fromMonth} 起的用量按新价格计费${p.predecessor ? `（${p.predecessor} 同时停用）` : ""}`, rerateJobId };
  });
}

export async function retireAction(input: { id: number; retireFrom: string }): Promise<ActionResult<CatalogOutcome>> {
  const actor = await requireActor("catalog.publish");
  return runAction(async () => {
    const r = await retirePriceItem(getDb().db, actor, input.id, input.retireFrom);
    const rerateJobId = await requestRerate(getQueues(), { only: "all", reason: `price ${r.itemCode} retired` });
    revalidatePath("/", "layout");
    return { what: `已下架 ${r.itemCode}：${input.retireFrom} 起不再按它计费`, rerateJobId };
  });
}
