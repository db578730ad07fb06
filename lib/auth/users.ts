import bcrypt from "bcryptjs";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit, SYSTEM_ACTOR } from "../audit/record-audit";
import { actorOf, type Actor } from "./actor";
import { can, rolePermissions } from "./permissions";
import { coversUser, resolveScope, SCOPE_KINDS, type DataScope, type ScopeKind } from "./scope";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const password = z.string().min(8, "密码至少 8 位").max(200, "密码最多 200 位");

export const userFieldsSchema = z.object({
  displayName: z.string().trim().min(1, "请填写姓名").max(64, "最多 64 个字符"),
  role: z.string().trim().min(1, "请选择角色"),
  departmentId: z.number().int().positive().nullish(),
  providerId: z.number().int().positive().nullish(),
  scopeKind: z.enum(SCOPE_KINDS).nullish(),
  scopeDepartmentIds: z.array(z.number().int().positive()).max(500).optional(),
  phone: z.string().trim().max(32).regex(/^[0-9+\- ]*$/, "手机号只能包含数字、+、-").nullish(),
  email: z.union([z.literal(""), z.email("邮箱格式不正确")]).nullish(),
});

export const newUserSchema = userFieldsSchema.extend({
  username: z.string().trim().min(2, "用户名至少 2 个字符").max(64, "最多 64 个字符").regex(/^[A-Za-z0-9_.@-]+$/, "用户名只能包含字母、数字和 _ . @ -"),
  password,
});
export type NewUser = z.input<typeof newUserSchema>;
export type UserPatch = Partial<z.input<typeof userFieldsSchema>> & { enabled?: boolean };

/** The user as sessions need it; never carries the password hash. */
export type AuthUser = { id: number; username: string; displayName: string; role: string; departmentId: number | null; providerId: number | null; sessionVersion: number };

const toAuthUser = (u: AuthUser & Record<string, unknown>): AuthUser => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId, providerId: u.providerId, sessionVersion: u.sessionVersion,
});

type Assignment = { role: string; departmentId: number | null; providerId: number | null; scopeKind: ScopeKind | null; scopeDepartmentIds: number[] };

const fieldError = (field: string, message: string) => new AppError("user.invalid", message, { fieldErrors: { [field]: [message] } });

/**
 * Checks a role and scope assignment: the organisation the scope needs is there, and (for an operator) the
 * role grants nothing the operator lacks and the scope shows nothing the operator cannot see.
 */
async function checkAssignment(db: Db, a: Assignment, operator: Actor | null): Promise<{ scope: DataScope; permissions: string[] }> {
  const role = await db.role.findUnique({ where: { code: a.role } });
  if (!role) throw fieldError("role", `角色 ${a.role} 不存在`);
  if (a.departmentId && !(await db.department.findUnique({ where: { id: a.departmentId } }))) throw fieldError("departmentId", "单位不存在");
  if (a.providerId && !(await db.provider.findUnique({ where: { id: a.providerId } }))) throw fieldError("providerId", "服务商不存在");
  const kind = a.scopeKind ?? (role.scopeKind as ScopeKind);
  // A tenant or provider user without their organisation would see nothing, or be mistaken for a wider scope.
  if (kind === "org" && !a.departmentId) throw fieldError("departmentId", "数据范围为“本单位”时须选择所属单位");
  if (kind === "provider" && !a.providerId) throw fieldError("providerId", "数据范围为“本服务商”时须选择服务商");
  if (kind === "custom" && !a.scopeDepartmentIds.length) throw fieldError("scopeDepartmentIds", "自定义数据范围须至少选择一个单位");
  const scope = resolveScope({ kind, departmentId: a.departmentId, providerId: a.providerId, customDepartmentIds: a.scopeDepartmentIds });
  const permissions = rolePermissions(role);
  if (operator) {
    const extra = permissions.filter((p) => !operator.permissions.includes(p));
    if (extra.length) throw new AppError("user.escalation", `不能授予超出自身的权限：${extra.join("、")}`, { fieldErrors: { role: ["该角色的权限超出了您自己的权限"] } }, 403);
    if (!coversUser(operator.scope, { ...a, scope })) throw new AppError("user.escalation", "不能授予超出自身数据范围的数据范围或单位", { fieldErrors: { scopeKind: ["超出了您自己的数据范围"] } }, 403);
  }
  return { scope, permissions };
}

function requireUserAdmin(operator: Actor | null) {
  if (operator && !can(operator, "system.users")) throw new AppError("auth.forbidden", "您没有管理用户的权限", undefined, 403);
}

/** Loads a user the operator may manage: one whose whole scope and permissions the operator holds; else 404. */
async function manageableUser(db: Db, operator: Actor | null, userId: number) {
  const u = await db.user.findUnique({ where: { id: userId }, include: { roleRef: true } });
  if (!u) throw new AppError("user.not-found", "用户不存在", undefined, 404);
  if (operator) {
    const target = actorOf(u);
    if (!coversUser(operator.scope, { ...u, scope: target.scope }) || target.permissions.some((p) => !operator.permissions.includes(p))) throw new AppError("user.not-found", "用户不存在", undefined, 404);
  }
  return u;
}

const publicUser = (u: { id: number; username: string; displayName: string; role: string; departmentId: number | null; providerId: number | null; scopeKind: string | null; scopeDepartmentIds: number[]; phone: string | null; email: string | null; enabled: boolean }) => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId, providerId: u.providerId,
  scopeKind: u.scopeKind, scopeDepartmentIds: u.scopeDepartmentIds, phone: u.phone, email: u.email, enabled: u.enabled,
});

/** Creates a user; `operator` null means the system (seeds, CLI), otherwise the operator's own grants bound the new user's. */
export async function createUser(db: Db, input: NewUser, operator: Actor | null = null): Promise<AuthUser> {
  requireUserAdmin(operator);
  const u = newUserSchema.parse(input);
  const assignment: Assignment = { role: u.role, departmentId: u.departmentId ?? null, providerId: u.providerId ?? null, scopeKind: u.scopeKind ?? null, scopeDepartmentIds: u.scopeDepartmentIds ?? [] };
  await checkAssignment(db, assignment, operator);
  if (await db.user.findUnique({ where: { username: u.username } })) throw fieldError("username", "用户名已存在");
  const passwordHash = await bcrypt.hash(u.password, 10);
  return db.$transaction(async (tx) => {
    const row = await tx.user.create({ data: { username: u.username, displayName: u.displayName, passwordHash, phone: u.phone || null, email: u.email || null, ...assignment } });
    await recordAudit(tx, { actor: operator ? auditActorOf(operator) : SYSTEM_ACTOR, action: "user.create", entity: "user", entityId: row.id, summary: `新建用户 ${row.username}`, after: publicUser(row) });
    return toAuthUser(row);
  });
}

/** Creates the user when the username is free, else returns the existing one unchanged (seeds run more than once). */
export async function ensureUser(db: Db, input: NewUser): Promise<AuthUser> {
  const existing = await db.user.findUnique({ where: { username: input.username } });
  if (existing) return toAuthUser(existing);
  try {
    return await createUser(db, input);
  } catch (e) {
    // Two seeds racing: the other one created it.
    const raced = await db.user.findUnique({ where: { username: input.username } });
    if (raced) return toAuthUser(raced);
    throw e;
  }
}

/** Changes a user's name, role, organisation, scope, contact or enabled flag; audited with before and after. */
export async function updateUser(db: Db, operator: Actor | null, userId: number, patch: UserPatch) {
  requireUserAdmin(operator);
  const before = await manageableUser(db, operator, userId);
  const p = userFieldsSchema.partial().parse(patch);
  const enabled = z.boolean().optional().parse(patch.enabled);
  if (operator && operator.userId === userId && (enabled === false || (p.role && p.role !== before.role))) throw new AppError("user.self", "不能停用自己或更改自己的角色", undefined, 403);
  const assignment: Assignment = {
    role: p.role ?? before.role,
    departmentId: p.departmentId === undefined ? before.departmentId : p.departmentId ?? null,
    providerId: p.providerId === undefined ? before.providerId : p.providerId ?? null,
    scopeKind: p.scopeKind === undefined ? (before.scopeKind as ScopeKind | null) : p.scopeKind ?? null,
    scopeDepartmentIds: p.scopeDepartmentIds ?? before.scopeDepartmentIds,
  };
  await checkAssignment(db, assignment, operator);
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: userId },
      data: { ...assignment, ...(p.displayName ? { displayName: p.displayName } : {}), ...(p.phone !== undefined ? { phone: p.phone || null } : {}), ...(p.email !== undefined ? { email: p.email || null } : {}), ...(enabled !== undefined ? { enabled } : {}) },
    });
    const what = enabled === false && before.enabled ? "停用" : enabled === true && !before.enabled ? "启用" : "修改";
    await recordAudit(tx, { actor: operator ? auditActorOf(operator) : SYSTEM_ACTOR, action: "user.update", entity: "user", entityId: userId, summary: `${what}用户 ${after.username}`, before: publicUser(before), after: publicUser(after) });
    return publicUser(after);
  });
}

/** Sets a new password, clears a lockout and ends the user's sessions everywhere. */
export async function resetPassword(db: Db, operator: Actor | null, userId: number, newPassword: string): Promise<void> {
  requireUserAdmin(operator);
  const u = await manageableUser(db, operator, userId);
  const passwordHash = await bcrypt.hash(password.parse(newPassword), 10);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, failedLogins: 0, lockedUntil: null, sessionVersion: { increment: 1 } } });
    // a reset answers a compromise: the user's API tokens end with their sessions
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor: operator ? auditActorOf(operator) : SYSTEM_ACTOR, action: "user.reset-password", entity: "user", entityId: userId, summary: `重置用户 ${u.username} 的密码` });
  });
}

/** Ends every session of a user (their own "sign out everywhere", or an admin's for them). */
export async function signOutEverywhere(db: Db, actor: Actor, userId: number): Promise<void> {
  const u = actor.userId === userId ? await db.user.findUniqueOrThrow({ where: { id: userId } }) : (requireUserAdmin(actor), await manageableUser(db, actor, userId));
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "auth.sign-out-everywhere", entity: "user", entityId: userId, summary: `${u.username} 的所有会话已退出，API 令牌已撤销` });
  });
}

export type SignInResult = { ok: true; user: AuthUser } | { ok: false; reason: "invalid" | "locked" | "disabled"; lockedUntil?: Date };

/**
 * Checks a username and password. After MAX_FAILED_LOGINS failures in a row the account locks for
 * LOCKOUT_MINUTES (a correct password does not open it meanwhile); every attempt on a known user is audited.
 */
export async function signIn(db: Db, input: { username: string; password: string }, now = new Date()): Promise<SignInResult> {
  const row = await db.user.findUnique({ where: { username: input.username.trim() } });
  // compare against a fixed hash when the user is unknown, so that timing does not reveal which usernames exist
  if (!row) { await bcrypt.compare(input.password, "$2b$10$f2K8t0j/jEQz1BFE0CSDc.54xiU2yBf0N00QDu0elgL3TjLlDsP6O"); return { ok: false, reason: "invalid" }; }
  const actor = { userId: row.id, name: `${row.displayName}（${row.username}）` };
  if (!row.enabled) {
    await recordAudit(db, { actor, action: "auth.sign-in-refused", entity: "user", entityId: row.id, summary: `已停用的用户 ${row.username} 尝试登录` });
    return { ok: false, reason: "disabled" };
  }
  if (row.lockedUntil && row.lockedUntil > now) {
    await recordAudit(db, { actor, action: "auth.sign-in-refused", entity: "user", entityId: row.id, summary: `锁定中的用户 ${row.username} 尝试登录` });
    return { ok: false, reason: "locked", lockedUntil: row.lockedUntil };
  }
  if (!(await bcrypt.compare(input.password, row.passwordHash))) {
    // counted under the row's lock: guesses sent in parallel each count (a read-then-write would let them overwrite one another)
    const { lockedUntil } = await db.$transaction(async (tx) => {
      const [u] = await tx.$queryRaw<{ failed_logins: number; locked_until: Date | null }[]>`
        SELECT failed_logins, locked_until FROM app_user WHERE id = ${row.id} FOR UPDATE`;
      // a lock still in force (set by a parallel guess) stays; an expired one starts the count again
      if (u.locked_until && u.locked_until > now) return { failures: MAX_FAILED_LOGINS, lockedUntil: u.locked_until };
      const failures = (u.locked_until ? 0 : u.failed_logins) + 1;
      const lockedUntil = failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
      await tx.user.update({ where: { id: row.id }, data: { failedLogins: lockedUntil ? 0 : failures, lockedUntil } });
      await recordAudit(tx, { actor, action: "auth.sign-in-failed", entity: "user", entityId: row.id, summary: lockedUntil ? `${row.username} 连续 ${failures} 次密码错误，锁定 ${LOCKOUT_MINUTES} 分钟` : `${row.username} 密码错误（第 ${failures} 次）` });
      return { failures, lockedUntil };
    });
    return lockedUntil ? { ok: false, reason: "locked", lockedUntil } : { ok: false, reason: "invalid" };
  }
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: row.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
    await recordAudit(tx, { actor, action: "auth.sign-in", entity: "user", entityId: row.id, summary: `${row.username} 登录` });
    return u;
  });
  return { ok: true, user: toAuthUser(user) };
}

/** The enabled, unlocked user with this username and password, or null. */
export async function verifyCredentials(db: Db, input: { username: string; password: string }): Promise<AuthUser | null> {
  const r = await signIn(db, input);
  return r.ok ? r.user : null;
}
