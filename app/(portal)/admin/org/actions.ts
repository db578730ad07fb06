"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { getQueues } from "@/lib/jobs/portal-queues";
import { requestBillRefresh, requestRerate } from "@/lib/jobs/queues";
import { saveDepartment, saveProject, saveVdc, type departmentSchema, type projectSchema, type vdcSchema } from "@/lib/org/manage-org";
import type { z } from "zod";

export type OrgOutcome = { what: string; rerateJobId?: string };

export async function saveDepartmentAction(input: z.input<typeof departmentSchema>): Promise<ActionResult<OrgOutcome>> {
  const actor = await requireActor("system.org");
  return runAction(async () => {
    const r = await saveDepartment(getDb().db, actor, input);
    if (r.rebuild.length) await requestBillRefresh(getQueues(), r.rebuild);
    revalidatePath("/", "layout");
    return { what: `已保存单位 ${input.name}${r.rebuild.length ? `，折扣变更：正在重建 ${r.rebuild.join("、")} 的账单` : ""}` };
  });
}

/** A VDC or project that moves changes whose bill its usage is on: the workers re-rate the open months. */
export async function saveVdcAction(input: z.input<typeof vdcSchema>): Promise<ActionResult<OrgOutcome>> {
  const actor = await requireActor("system.org");
  return runAction(async () => {
    const r = await saveVdc(getDb().db, actor, input);
    const rerateJobId = r.rerate ? await requestRerate(getQueues(), { only: "all", reason: `VDC ${input.code} moved` }) : undefined;
    revalidatePath("/", "layout");
    return { what: `已保存 VDC ${input.name}`, rerateJobId };
  });
}

export async function saveProjectAction(input: z.input<typeof projectSchema>): Promise<ActionResult<OrgOutcome>> {
  const actor = await requireActor("system.org");
  return runAction(async () => {
    const r = await saveProject(getDb().db, actor, input);
    const rerateJobId = r.rerate ? await requestRerate(getQueues(), { only: "all", reason: `project ${input.projectId} saved` }) : undefined;
    revalidatePath("/", "layout");
    return { what: `已保存项目 ${input.projectId}`, rerateJobId };
  });
}
