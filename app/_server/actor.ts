import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { nextAuthOptions, type SessionUser } from "@/lib/auth/next-auth-options";
import { can, type Permission } from "@/lib/auth/permissions";

/** The signed-in actor of this request as the database has it now, or null (signed out, disabled, or signed out everywhere). */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(nextAuthOptions);
  const signedIn = (session as { sessionUser?: SessionUser } | null)?.sessionUser;
  return signedIn ? loadActor(getDb().db, signedIn.userId, signedIn.sessionVersion) : null;
}

/** The signed-in actor; otherwise the request ends in a redirect to the login page (or the home page when a permission is missing). */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  if (permission && !can(actor, permission)) redirect("/forbidden");
  return actor;
}
