import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";

// The org tree as the CDRs reach it: city -> department (first-level VDC, the billed unit) -> VDC -> project
// (the CDR's UserID); providers are orgs of their own. Changes that move usage between bills (a project to
// another VDC, a VDC to another department) or change a bill's net (a discount) report the months to redo.

export type OrgTree = {
  departments: { id: number; code: string; name: string; discountRate: string | null; users: number; vdcs: { id: number; code: string; name: string; projects: { id: number; projectId: string; name: string }[] }[] }[];
  providers: { id: number; code: string; name: string; regionCodes: string[]; users: number }[];
};

/** The tree within the actor's scope: a department-scoped admin sees their departments, a provider-scoped one their provider. */
export async function getOrgTree(db: Db, actor: Actor): Promise<OrgTree> {
  const scope = actor.scope;
  const [departments, providers] = await Promise.all([
    db.department.findMany({
      where: scope.kind === "providers" ? { id: { in: [] } } : scope.kind === "all" ? {} : { id: { in: scope.departmentIds } },
      orderBy: { code: "asc" },
      include: { _count: { select: { users: true } }, vdcs: { orderBy: { code: "asc" }, include: { projects: { orderBy: { projectId: "asc" } } } } },
    }),
    db.provider.findMany({ where: scope.kind === "all" ? {} : { id: { in: scope.kind === "providers" ? scope.providerIds : [] } }, orderBy: { code: "asc" }, include: { _count: { select: { users: true } } } }),
  ]);
  return {
    departments: departments.map((d) => ({
      id: d.id, code: d.code, name: d.name, discountRate: d.discountRate?.toString() ?? null, users: d._count.users,
      vdcs: d.vdcs.map((v) => ({ id: v.id, code: v.code, name: v.name, projects: v.projects.map((p) => ({ id: p.id, projectId: p.projectId, name: p.name })) })),
    })),
    providers: providers.map((p) => ({ id: p.id, code: p.code, name: p.name, regionCodes: p.regionCodes, users: p._count.users })),
  };
}

const code = z.string().trim().min(1, "请填写编码").max(64, "最多 64 个字符").regex(/^[A-Za-z0-9_.-]+$/, "编码只能包含字母、数字和 _ . -");
const name = z.string().trim().min(1, "请填写名称").max(100, "最多 100 个字符");

export const departmentSchema = z.object({
  id: z.number().int().positive().optional(),
  code,
  name,
  // the same rule as tenants.csv: empty, or a rate in (0, 1] with at most 4 decimals
  discountRate: z.string().trim().refine((s) => s === "" || (/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(s) && !/^0(\.0*)?$/.test(s)), "折扣率为空，或 0 到 1 之间（不含 0）最多 4 位小数，如 0.90").optional(),
});
export const vdcSchema = z.object({ id: z.number().int().positive().optional(), code, name, departmentId: z.number({ error: "请选择所属单位" }).int().positive() });
export const projectSchema = z.object({ id: z.number().int().positive().optional(), projectId: z.string().trim().min(1, "请填写 ProjectID").max(64), name, vdcId: z.number({ error: "请选择 VDC" }).int().positive() });

function need(actor: Actor) {
  if (!can(actor, "system.org")) throw new AppError("auth.forbidden", "您没有管理组织机构的权限", undefined, 403);
}

/** The months whose usage is not closed: the ones a change of the tree may still reach. */
async function openUsageMonths(db: Db, departmentIds?: number[]): Promise<string[]> {
  const [months, closed] = await Promise.all([
    db.bill.findMany({ where: departmentIds ? { departmentId: { in: departmentIds } } : {}, distinct: ["month"], select: { month: true } }),
    db.billingMonth.findMany(),
  ]);
  const shut = new Set(closed.map((m) => m.month));
  return months.map((m) => m.month).filter((m) => !shut.has(m)).sort();
}

const inScope = (actor: Actor, departmentId: number) => actor.scope.kind === "all" || (actor.scope.kind === "departments" && actor.scope.departmentIds.includes(departmentId));

function clash(e: unknown, field: string): never {
  if ((e as { code?: string }).code === "P2002") throw new AppError("org.duplicate", "编码已存在", { fieldErrors: { [field]: ["编码已存在"] } });
  throw e;
}

/** Creates or changes a department; a new discount rate rebuilds the open months' bills (`rebuild`). New departments need the all scope. */
export async function saveDepartment(db: Db, actor: Actor, input: z.input<typeof departmentSchema>): Promise<{ id: number; rebuild: string[] }> {
  need(actor);
  const v = departmentSchema.parse(input);
  if (v.id ? !inScope(actor, v.id) : actor.scope.kind !== "all") throw new AppError("org.scope", v.id ? "单位不存在" : "只有全部数据范围的管理员可以新增单位", undefined, v.id ? 404 : 403);
  const discountRate = v.discountRate ? v.discountRate : null;
  return db.$transaction(async (tx) => {
    const before = v.id ? await tx.department.findUnique({ where: { id: v.id } }) : null;
    if (v.id && !before) throw new AppError("org.not-found", "单位不存在", undefined, 404);
    const after = await (v.id
      ? tx.department.update({ where: { id: v.id }, data: { code: v.code, name: v.name, discountRate } })
      : tx.department.create({ data: { code: v.code, name: v.name, discountRate } })).catch((e) => clash(e, "code"));
    await recordAudit(tx, { actor: auditActorOf(actor), action: v.id ? "org.department-update" : "org.department-create", entity: "department", entityId: after.code, summary: `${v.id ? "修改" : "新增"}单位 ${after.name}`, before, after });
    const discountChanged = (before?.discountRate?.toString() ?? null) !== (after.discountRate?.toString() ?? null);
    return { id: after.id, rebuild: before && discountChanged ? await openUsageMonths(tx as unknown as Db, [after.id]) : [] };
  });
}

/** Creates or moves a VDC; moving it to another department re-rates its usage (the caller queues a re-rating when `rerate`). */
export async function saveVdc(db: Db, actor: Actor, input: z.input<typeof vdcSchema>): Promise<{ id: number; rerate: boolean }> {
  need(actor);
  const v = vdcSchema.parse(input);
  if (!inScope(actor, v.departmentId)) throw new AppError("org.scope", "不能把 VDC 放到您数据范围以外的单位", { fieldErrors: { departmentId: ["超出了您的数据范围"] } }, 403);
  return db.$transaction(async (tx) => {
    const before = v.id ? await tx.vdc.findUnique({ where: { id: v.id } }) : null;
    if (v.id && (!before || !inScope(actor, before.departmentId))) throw new AppError("org.not-found", "VDC 不存在", undefined, 404);
    const after = await (v.id ? tx.vdc.update({ where: { id: v.id }, data: { code: v.code, name: v.name, departmentId: v.departmentId } }) : tx.vdc.create({ data: { code: v.code, name: v.name, departmentId: v.departmentId } })).catch((e) => clash(e, "code"));
    await recordAudit(tx, { actor: auditActorOf(actor), action: v.id ? "org.vdc-update" : "org.vdc-create", entity: "vdc", entityId: after.code, summary: `${v.id ? "修改" : "新增"} VDC ${after.name}`, before, after });
    return { id: after.id, rerate: !!before && before.departmentId !== after.departmentId };
  });
}

/** Creates or moves a project (a CDR UserID); a new or moved project changes whose bill its usage is on (`rerate`). */
export async function saveProject(db: Db, actor: Actor, input: z.input<typeof projectSchema>): Promise<{ id: number; rerate: boolean }> {
  need(actor);
  const v = projectSchema.parse(input);
  return db.$transaction(async (tx) => {
    const vdc = await tx.vdc.findUnique({ where: { id: v.vdcId } });
    if (!vdc || !inScope(actor, vdc.departmentId)) throw new AppError("org.scope", "VDC 不存在或超出了您的数据范围", { fieldErrors: { vdcId: ["VDC 不存在或超出了您的数据范围"] } }, 403);
    const before = v.id ? await tx.project.findUnique({ where: { id: v.id }, include: { vdc: true } }) : null;
    if (v.id && (!before || !inScope(actor, before.vdc.departmentId))) throw new AppError("org.not-found", "项目不存在", undefined, 404);
    const data = { projectId: v.projectId, name: v.name, vdcId: v.vdcId };
    const after = await (v.id ? tx.project.update({ where: { id: v.id }, data }) : tx.project.create({ data })).catch((e) => clash(e, "projectId"));
    await recordAudit(tx, { actor: auditActorOf(actor), action: v.id ? "org.project-update" : "org.project-create", entity: "project", entityId: after.projectId, summary: `${v.id ? "修改" : "新增"}项目 ${after.projectId}（${vdc.code}）`, before: before ? { projectId: before.projectId, name: before.name, vdcId: before.vdcId } : undefined, after });
    return { id: after.id, rerate: !before || before.vdcId !== after.vdcId || before.projectId !== after.projectId };
  });
}
