import type { Actor } from "../auth/actor";
import type { UserRow } from "../auth/list-users";
import type { RoleRow } from "../auth/roles";
import { coversUser, resolveScope, SCOPE_KINDS, type ScopeKind } from "../auth/scope";

const asKind = (k: string | null): ScopeKind | null => ((SCOPE_KINDS as readonly string[]).includes(k ?? "") ? (k as ScopeKind) : null);

/**
 * Whether the operator may change this user: the same rule updateUser enforces (the user's permissions and scope
 * are within the operator's), computed for a listed row so that the page can say so instead of failing later.
 */
export function canManageUser(operator: Actor, user: Pick<UserRow, "scopeKind" | "departmentId" | "providerId" | "scopeDepartmentIds">, role: Pick<RoleRow, "permissions" | "scopeKind"> | undefined): boolean {
  if (!role || role.permissions.some((p) => !operator.permissions.includes(p))) return false;
  const kind = asKind(user.scopeKind) ?? asKind(role.scopeKind) ?? "org";
  return coversUser(operator.scope, { ...user, scope: resolveScope({ kind, departmentId: user.departmentId, providerId: user.providerId, customDepartmentIds: user.scopeDepartmentIds }) });
}
