import type { Db } from "../db";
import { rolePermissions, type Permission } from "./permissions";
import { resolveScope, SCOPE_KINDS, type DataScope, type ScopeKind } from "./scope";

/** Who is acting, as every portal page, API route and CLI query sees it: the signed-in user or a token's user. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  permissions: Permission[];
  scope: DataScope;
  departmentId: number | null;
  providerId: number | null;
  sessionVersion: number;
};

const asScopeKind = (k: string | null | undefined): ScopeKind | null => ((SCOPE_KINDS as readonly string[]).includes(k ?? "") ? (k as ScopeKind) : null);

type UserWithRole = {
  id: number; username: string; displayName: string; role: string; departmentId: number | null; providerId: number | null;
  scopeKind: string | null; scopeDepartmentIds: number[]; sessionVersion: number;
  roleRef: { code: string; name: string; permissions: string[]; scopeKind: string };
};

/** Permissions come from the role; the scope from the user's own setting, else the role's. */
export function actorOf(u: UserWithRole): Actor {
  const kind = asScopeKind(u.scopeKind) ?? asScopeKind(u.roleRef.scopeKind) ?? "org";
  return {
    userId: u.id, username: u.username, displayName: u.displayName, role: u.role, roleName: u.roleRef.name,
    permissions: rolePermissions(u.roleRef), departmentId: u.departmentId, providerId: u.providerId, sessionVersion: u.sessionVersion,
    scope: resolveScope({ kind, departmentId: u.departmentId, providerId: u.providerId, customDepartmentIds: u.scopeDepartmentIds }),
  };
}

/**
 * The actor as the database has it now: a session only names the user (and the session version it was issued
 * under), so that disabling a user, changing their role or scope, or signing them out everywhere takes effect
 * on their next request, not when the session expires.
 */
export async function loadActor(db: Db, userId: number, sessionVersion?: number): Promise<Actor | null> {
  const u = await db.user.findFirst({ where: { id: userId, enabled: true }, include: { roleRef: true } });
  if (!u) return null;
  if (sessionVersion !== undefined && sessionVersion !== u.sessionVersion) return null;
  return actorOf(u);
}

/** A user's actor by username (the CLI's `--as`). */
export async function loadActorByUsername(db: Db, username: string): Promise<Actor | null> {
  const u = await db.user.findFirst({ where: { username, enabled: true }, include: { roleRef: true } });
  return u ? actorOf(u) : null;
}
