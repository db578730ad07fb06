"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { rerateAndRebill } from "@/lib/billing/rerate-and-rebill";
import { addPriceItem, type NewPriceItem } from "@/lib/catalog/add-price-item";
import { getDb } from "@/lib/db";
import { mapProject, type ProjectMapping } from "@/lib/metering/map-project";

export type ResolveOutcome = { what: string; changed: number; months: string[] };

/** Maps an unassigned ProjectID to a VDC, then re-rates the usage and rebuilds the affected months' bills. */
export async function mapProjectAction(input: ProjectMapping): Promise<ActionResult<ResolveOutcome>> {
  await requireActor("metering.exceptions.resolve");
  return runAction(async () => {
    const ctx = getDb();
    const mapped = await mapProject(ctx.db, input);
    const rerated = await rerateAndRebill(ctx, { only: "exceptions" });
    revalidatePath("/", "layout");
    return { what: `已将 ${mapped.projectId} 归属到 ${mapped.vdcCode}（${mapped.departmentCode}）`, ...rerated };
  });
}

/** Adds a price item for unrated usage, then re-rates the usage and rebuilds the affected months' bills. */
export async function addPriceItemAction(input: NewPriceItem): Promise<ActionResult<ResolveOutcome>> {
  await requireActor("metering.exceptions.resolve");
  return runAction(async () => {
    const ctx = getDb();
    const item = await addPriceItem(ctx.db, input);
    const rerated = await rerateAndRebill(ctx, { only: "exceptions" });
    revalidatePath("/", "layout");
    return { what: `已新增计费项 ${item.itemCode}`, ...rerated };
  });
}
