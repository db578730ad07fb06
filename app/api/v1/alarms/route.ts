import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { apiFailure, jsonBody } from "@/lib/alarms/api-response";
import { ingestAlarms } from "@/lib/alarms/intake";
import { alarmQueryFromParams, listAlarms } from "@/lib/alarms/list-alarms";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** GET /api/v1/alarms?tab=active|cleared|all&severity=&source=&provider=<id>&acked=yes|no&q=&showSuppressed=true&sort=&order=&page=&pageSize=: the token user's alarms. */
export async function GET(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  if (!can(actor, "alarm.read")) return jsonError(403, "forbidden", "the token's user may not read alarms (permission alarm.read)");
  const sp = new URL(request.url).searchParams;
  const query = alarmQueryFromParams((k) => sp.getAll(k));
  if (!query.success) return apiFailure(query.error);
  return Response.json(await listAlarms(db, actor.scope, query.data));
}

/** POST /api/v1/alarms: one generic alarm or a list of up to 1000 (see lib/alarms/alarm-input.ts); nothing is written when any item is wrong. */
export async function POST(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  try {
    return Response.json(await ingestAlarms(db, actor, await jsonBody(request)));
  } catch (e) {
    return apiFailure(e);
  }
}
