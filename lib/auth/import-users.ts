import bcrypt from "bcryptjs";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import { readXlsxRows, tableToXlsx } from "../export/table-xlsx";
import type { Actor } from "./actor";
import { can, rolePermissions } from "./permissions";
import { coversUser, resolveScope, type ScopeKind } from "./scope";
import { newUserSchema } from "./users";

export const USER_IMPORT_COLUMNS = ["用户名", "姓名", "角色编码", "单位编码", "服务商编码", "手机", "邮箱", "初始密码"] as const;

export type ImportProblem = { line: number; reason: string };

// a problem names the column the user typed into, not the field it lands in
const COLUMN_OF_FIELD: Record<string, string> = { username: "用户名", displayName: "姓名", role: "角色编码", password: "初始密码", phone: "手机", email: "邮箱" };

/** An empty workbook with the import columns and one example row. */
export function userImportTemplate(): Promise<Buffer> {
  return tableToXlsx("用户", USER_IMPORT_COLUMNS.map((header) => ({ header, width: 16 })), [["zhangsan", "张三", "tenant", "WJW", "", "13800000000", "", "ChangeMe-2026"]]);
}

/**
 * Creates users from the first sheet of an xlsx. Every row is checked first (fields, role, organisation, the
 * operator's own grants, usernames free and unique in the file); on any problem nothing is created and each
 * problem is returned with its row number.
 */
export async function importUsers(db: Db, operator: Actor, data: Buffer | ArrayBuffer): Promise<{ created: number; problems: ImportProblem[] }> {
  if (!can(operator, "system.users")) throw new AppError("auth.forbidden", "您没有管理用户的权限", undefined, 403);
  let sheet;
  try { sheet = await readXlsxRows(data); } catch { return { created: 0, problems: [{ line: 0, reason: "无法读取文件：请上传 .xlsx 格式的工作簿" }] }; }
  const missing = USER_IMPORT_COLUMNS.filter((c) => c !== "服务商编码" && c !== "手机" && c !== "邮箱" && !sheet.header.includes(c));
  if (missing.length) return { created: 0, problems: [{ line: 1, reason: `缺少列：${missing.join("、")}（请使用导入模板）` }] };
  if (!sheet.rows.length) return { created: 0, problems: [{ line: 2, reason: "没有数据行" }] };
  const [roles, departments, providers, existing] = await Promise.all([db.role.findMany(), db.department.findMany(), db.provider.findMany(), db.user.findMany({ select: { username: true } })]);
  const roleBy = new Map(roles.map((r) => [r.code, r]));
  const deptBy = new Map(departments.map((d) => [d.code, d.id]));
  const provBy = new Map(providers.map((p) => [p.code, p.id]));
  const taken = new Set(existing.map((u) => u.username));
  const problems: ImportProblem[] = [];
  const valid = [];
  for (const { line, values: v } of sheet.rows) {
    const rowProblems: string[] = [];
    const departmentId = v["单位编码"] ? deptBy.get(v["单位编码"]) : undefined;
    const providerId = v["服务商编码"] ? provBy.get(v["服务商编码"]) : undefined;
    if (v["单位编码"] && !departmentId) rowProblems.push(`单位编码 ${v["单位编码"]} 不存在`);
    if (v["服务商编码"] && !providerId) rowProblems.push(`服务商编码 ${v["服务商编码"]} 不存在`);
    const parsed = newUserSchema.safeParse({ username: v["用户名"], displayName: v["姓名"], role: v["角色编码"], password: v["初始密码"], phone: v["手机"] || null, email: v["邮箱"] || null, departmentId: departmentId ?? null, providerId: providerId ?? null });
    if (!parsed.success) for (const i of parsed.error.issues) rowProblems.push(`${COLUMN_OF_FIELD[String(i.path[0])] ?? String(i.path[0] ?? "")}：${i.message}`);
    const role = roleBy.get(v["角色编码"]);
    if (!role) rowProblems.push(`角色编码 ${v["角色编码"] || "（空）"} 不存在`);
    if (taken.has(v["用户名"])) rowProblems.push(`用户名 ${v["用户名"]} 已存在`);
    if (role && parsed.success) {
      const kind = role.scopeKind as ScopeKind;
      if (kind === "org" && !departmentId) rowProblems.push("该角色需要填写单位编码");
      if (kind === "provider" && !providerId) rowProblems.push("该角色需要填写服务商编码");
      // the sheet has no column for a custom list of departments: such a user would see nothing
      if (kind === "custom") rowProblems.push("该角色的数据范围为自定义单位，请在页面上逐个新建此类用户");
      const scope = resolveScope({ kind, departmentId: departmentId ?? null, providerId: providerId ?? null, customDepartmentIds: [] });
      if (rolePermissions(role).some((p) => !operator.permissions.includes(p)) || !coversUser(operator.scope, { departmentId: departmentId ?? null, providerId: providerId ?? null, scopeDepartmentIds: [], scope })) rowProblems.push("该角色或数据范围超出了您自己的权限");
    }
    if (rowProblems.length) { problems.push(...rowProblems.map((reason) => ({ line, reason }))); continue; }
    taken.add(v["用户名"]);
    valid.push(parsed.data!);
  }
  if (problems.length) return { created: 0, problems };
  const hashed = await Promise.all(valid.map(async (u) => ({ ...u, passwordHash: await bcrypt.hash(u.password, 10) })));
  await db.$transaction(async (tx) => {
    for (const u of hashed) {
      const row = await tx.user.create({ data: { username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId ?? null, providerId: u.providerId ?? null, phone: u.phone || null, email: u.email || null, passwordHash: u.passwordHash } });
      await recordAudit(tx, { actor: auditActorOf(operator), action: "user.create", entity: "user", entityId: row.id, summary: `导入用户 ${row.username}`, after: { username: row.username, displayName: row.displayName, role: row.role, departmentId: row.departmentId, providerId: row.providerId } });
    }
  }, { timeout: 60_000 });
  return { created: hashed.length, problems: [] };
}
