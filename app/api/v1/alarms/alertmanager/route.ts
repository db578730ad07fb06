import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { apiFailure, jsonBody } from "@/lib/alarms/api-response";
import { ingestAlertmanager } from "@/lib/alarms/intake";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** POST /api/v1/alarms/alertmanager: a Prometheus Alertmanager webhook (payload version 4), configured with `http_config.authorization.credentials: <token>`. */
export async function POST(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  try {
    return Response.json(await ingestAlertmanager(db, actor, await jsonBody(request)));
  } catch (e) {
    return apiFailure(e);
  }
}
