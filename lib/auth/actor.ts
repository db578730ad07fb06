import type { DataScope } from "./scope";
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
