import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";

export const projectMappingSchema = z.object({
  projectId: z.string().trim().min(1, "必填").max(64, "最多 64 个字符"),
  vdcId: z.coerce.number().int().positive("请选择 VDC"),
  name: z.string().trim().max(100, "最多 100 个字符").optional(),
});
export type ProjectMapping = z.input<typeof projectMappingSchema>;

/** Maps a ProjectID seen in CDRs to an existing VDC (and so to its department) by creating the project; audited, since it moves usage onto a bill. */
export async function mapProject(db: Db, actor: Actor, rawInput: ProjectMapping): Promise<{ projectId: string; vdcCode: string; departmentCode: string }> {
  if (!can(actor, "metering.exceptions.resolve")) throw new AppError("auth.forbidden", "您没有处理计量异常的权限", undefined, 403);
  const v = projectMappingSchema.parse(rawInput);
  const vdc = await db.vdc.findUnique({ where: { id: v.vdcId }, include: { department: true } });
  // a resolver scoped to departments maps projects into their departments only
  const inScope = actor.scope.kind === "all" || (actor.scope.kind === "departments" && !!vdc && actor.scope.departmentIds.includes(vdc.departmentId));
  if (!vdc || !inScope) throw new AppError("project.vdc", "VDC 不存在或超出了您的数据范围", { fieldErrors: { vdcId: ["VDC 不存在或超出了您的数据范围"] } });
  if (await db.project.findUnique({ where: { projectId: v.projectId } })) {
    throw new AppError("project.exists", "该 ProjectID 已有归属", { fieldErrors: { projectId: ["该 ProjectID 已有归属"] } });
  }
  await db.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { projectId: v.projectId, name: v.name || v.projectId, vdcId: vdc.id } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "project.map", entity: "project", entityId: v.projectId, summary: `将 ProjectID ${v.projectId} 归属到 ${vdc.code}（${vdc.department.code}）`, after: project });
  });
  return { projectId: v.projectId, vdcCode: vdc.code, departmentCode: vdc.department.code };
}
