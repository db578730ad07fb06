import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { nextAuthOptions } from "@/lib/auth/next-auth-options";
import { can, type Permission } from "@/lib/auth/permissions";

/** The signed-in actor of this request, or null. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(nextAuthOptions);
  return (session as { actor?: Actor } | null)?.actor ?? null;
}

/** The signed-in actor; otherwise the request ends in a redirect to the login page (or the home page when a permission is missing). */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (permission && !can(actor.role, permission)) redirect("/billing");
  return actor;
}
