import { loadActor, type Actor } from "@/lib/auth/actor";
import { userForApiToken } from "@/lib/auth/api-tokens";
import type { Db } from "@/lib/db";

/** The actor behind `Authorization: Bearer <token>`, or null when the header is missing or the token is not valid. */
export async function actorFromBearer(db: Db, request: Request): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return null;
  const user = await userForApiToken(db, match[1]);
  return user ? loadActor(db, user.id) : null;
}

/** The one JSON error shape of the machine API. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: status === 401 ? { "WWW-Authenticate": 'Bearer realm="api"' } : undefined });
}
