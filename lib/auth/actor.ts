import type { DataScope } from "./scope";
import type { Db } from "../db";
import type { Role } from "./users";

/** Who is acting, as every portal page and API route sees it: the signed-in user or a token's user. */
export type Actor = { userId: number; username: string; displayName: string; role: Role; departmentId: number | null; providerId: number | null };

/** What an actor may see: global roles see everything, a tenant user their department, a provider user their provider. */
export function scopeForActor(actor: Pick<Actor, "role" | "departmentId" | "providerId">): DataScope {
  switch (actor.role) {
    case "supervisor":
    case "admin":
    case "leader":
      return { kind: "all" };
    case "tenant":
      return { kind: "departments", departmentIds: actor.departmentId ? [actor.departmentId] : [] };
    case "provider":
      return { kind: "providers", providerIds: actor.providerId ? [actor.providerId] : [] };
  }
}

/**
 * The actor as the database has it now: a session only names the user, so that disabling a user or changing
 * their role or organisation takes effect on their next request, not when the session expires.
 */
export async function loadActor(db: Db, userId: number): Promise<Actor | null> {
  const u = await db.user.findFirst({ where: { id: userId, enabled: true } });
  if (!u) return null;
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, departmentId: u.departmentId, providerId: u.providerId };
}
