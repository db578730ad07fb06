import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { apiFailure } from "@/lib/alarms/api-response";
import { getAlarmDetail } from "@/lib/alarms/list-alarms";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** GET /api/v1/alarms/:id: one alarm with its timeline and work order, within the token user's scope (404 outside it). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  if (!can(actor, "alarm.read")) return jsonError(403, "forbidden", "the token's user may not read alarms (permission alarm.read)");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return jsonError(404, "alarm.not-found", "告警不存在");
  try {
    return Response.json(await getAlarmDetail(db, actor.scope, id));
  } catch (e) {
    return apiFailure(e);
  }
}
