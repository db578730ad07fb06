import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "./actor";
import { can, isBuiltinRole, PERMISSION_CODES, rolePermissions, type Permission } from "./permissions";
import { coversUser, resolveScope, SCOPE_KINDS, type ScopeKind } from "./scope";

export const roleSchema = z.object({
  code: z.string().trim().min(2, "编码至少 2 个字符").max(32, "最多 32 个字符").regex(/^[a-z][a-z0-9-]*$/, "编码以小写字母开头，只含小写字母、数字和 -"),
  name: z.string().trim().min(1, "请填写名称").max(32, "最多 32 个字符"),
  description: z.string().trim().max(200, "最多 200 个字符").optional(),
  permissions: z.array(z.enum(PERMISSION_CODES as [Permission, ...Permission[]])).max(PERMISSION_CODES.length),
  scopeKind: z.enum(SCOPE_KINDS),
});
export type RoleInput = z.input<typeof roleSchema>;

export type RoleRow = { code: string; name: string; description: string | null; permissions: Permission[]; scopeKind: string; builtin: boolean; users: number };

export async function listRoles(db: Db): Promise<RoleRow[]> {
  const rows = await db.role.findMany({ orderBy: [{ builtin: "desc" }, { code: "asc" }], include: { _count: { select: { users: true } } } });
  return rows.map((r) => ({ code: r.code, name: r.name, description: r.description, permissions: rolePermissions(r), scopeKind: r.scopeKind, builtin: r.builtin, users: r._count.users }));
}

function guard(operator: Actor, permissions: Permission[], scopeKind: string) {
  if (!can(operator, "system.roles")) throw new AppError("auth.forbidden", "您没有管理角色的权限", undefined, 403);
  const extra = permissions.filter((p) => !operator.permissions.includes(p));
  if (extra.length) throw new AppError("role.escalation", `不能授予超出自身的权限：${extra.join("、")}`, { fieldErrors: { permissions: ["包含您自己没有的权限"] } }, 403);
  if (scopeKind === "all" && operator.scope.kind !== "all") throw new AppError("role.escalation", "不能授予“全部数据”范围", { fieldErrors: { scopeKind: ["超出了您自己的数据范围"] } }, 403);
}

/**
 * A role's scope kind is its holders' scope: the operator must cover every holder under the kind before and after
 * the change, or editing a role would be a way to change users they may not manage.
 */
async function guardHolders(db: Db, operator: Actor, code: string, kinds: string[]) {
  const holders = await db.user.findMany({ where: { role: code } });
  for (const u of holders) {
    for (const roleKind of kinds) {
      const kind = (SCOPE_KINDS as readonly string[]).includes(u.scopeKind ?? "") ? (u.scopeKind as ScopeKind) : (roleKind as ScopeKind);
      const scope = resolveScope({ kind, departmentId: u.departmentId, providerId: u.providerId, customDepartmentIds: u.scopeDepartmentIds });
      if (!coversUser(operator.scope, { ...u, scope })) {
        throw new AppError("role.escalation", `该角色的用户 ${u.username} 超出了您的数据范围，您不能修改该角色`, { fieldErrors: { scopeKind: ["该角色有您无权管理的用户"] } }, 403);
      }
    }
  }
}

/**
 * Creates or changes a custom role; built-in roles are fixed. The operator can grant only what they hold.
 * `create` refuses a code already taken, so that a new role never silently overwrites an existing one.
 */
export async function saveRole(db: Db, operator: Actor, input: RoleInput, options: { create?: boolean } = {}): Promise<RoleRow> {
  const r = roleSchema.parse(input);
  if (isBuiltinRole(r.code)) throw new AppError("role.builtin", "内置角色不能修改", { fieldErrors: { code: ["内置角色不能修改"] } });
  const before = await db.role.findUnique({ where: { code: r.code } });
  if (options.create && before) throw new AppError("role.exists", `角色编码 ${r.code} 已存在`, { fieldErrors: { code: ["该编码已被使用"] } });
  guard(operator, [...r.permissions, ...(before ? rolePermissions(before) : [])], r.scopeKind);
  if (before) await guardHolders(db, operator, r.code, [before.scopeKind, r.scopeKind]);
  return db.$transaction(async (tx) => {
    const data = { name: r.name, description: r.description || null, permissions: r.permissions, scopeKind: r.scopeKind };
    const after = await tx.role.upsert({ where: { code: r.code }, create: { code: r.code, ...data }, update: data, include: { _count: { select: { users: true } } } });
    await recordAudit(tx, { actor: auditActorOf(operator), action: before ? "role.update" : "role.create", entity: "role", entityId: r.code, summary: `${before ? "修改" : "新建"}角色 ${r.name}`, before: before ? { name: before.name, description: before.description, permissions: before.permissions, scopeKind: before.scopeKind } : undefined, after: data });
    return { code: after.code, name: after.name, description: after.description, permissions: rolePermissions(after), scopeKind: after.scopeKind, builtin: after.builtin, users: after._count.users };
  });
}

/** Deletes a custom role nobody holds. */
export async function deleteRole(db: Db, operator: Actor, code: string): Promise<void> {
  const role = await db.role.findUnique({ where: { code }, include: { _count: { select: { users: true } } } });
  if (!role) throw new AppError("role.not-found", "角色不存在", undefined, 404);
  if (role.builtin) throw new AppError("role.builtin", "内置角色不能删除");
  guard(operator, rolePermissions(role), role.scopeKind);
  if (role._count.users) throw new AppError("role.in-use", `还有 ${role._count.users} 个用户使用该角色，请先为他们更换角色`);
  await db.$transaction(async (tx) => {
    await tx.role.delete({ where: { code } });
    await recordAudit(tx, { actor: auditActorOf(operator), action: "role.delete", entity: "role", entityId: code, summary: `删除角色 ${role.name}`, before: role });
  });
}
