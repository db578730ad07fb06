"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { addPriceItem } from "@/lib/catalog/price-lifecycle";
import type { PriceItemInput } from "@/lib/catalog/price-item-schema";
import { getDb } from "@/lib/db";
import { getQueues } from "@/lib/jobs/portal-queues";
import { requestRerate } from "@/lib/jobs/queues";
import { mapProject, type ProjectMapping } from "@/lib/metering/map-project";

export type ResolveOutcome = { what: string; rerateJobId: string };

/** Maps an unassigned ProjectID to a VDC; the workers then re-rate the exceptions and rebuild the affected bills. */
export async function mapProjectAction(input: ProjectMapping): Promise<ActionResult<ResolveOutcome>> {
  const actor = await requireActor("metering.exceptions.resolve");
  return runAction(async () => {
    const mapped = await mapProject(getDb().db, actor, input);
    const rerateJobId = await requestRerate(getQueues(), { only: "exceptions", reason: `project ${mapped.projectId} mapped` });
    revalidatePath("/", "layout");
    return { what: `已将 ${mapped.projectId} 归属到 ${mapped.vdcCode}（${mapped.departmentCode}）`, rerateJobId };
  });
}

/** Adds and publishes a price item for unrated usage; the workers then re-rate the exceptions and rebuild the affected bills. */
export async function addPriceItemAction(input: PriceItemInput): Promise<ActionResult<ResolveOutcome>> {
  const actor = await requireActor("metering.exceptions.resolve");
  return runAction(async () => {
    const item = await addPriceItem(getDb().db, actor, input);
    const rerateJobId = await requestRerate(getQueues(), { only: "exceptions", reason: `price ${item.itemCode} added` });
    revalidatePath("/", "layout");
    return { what: `已新增并发布计费项 ${item.itemCode}`, rerateJobId };
  });
}
