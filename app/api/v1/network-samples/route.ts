import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { apiFailure, jsonBody } from "@/lib/alarms/api-response";
import { getDb } from "@/lib/db";
import { ingestNetworkSamples } from "@/lib/network/ingest-samples";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/network-samples: [{ target, metric: latency-ms | loss-pct | availability-pct, value, at, provider? }], up to
 * 5000 per call; nothing is stored when any sample is wrong. Not idempotent: a re-sent call counts its samples again.
 */
export async function POST(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  try {
    return Response.json(await ingestNetworkSamples(db, actor, await jsonBody(request)));
  } catch (e) {
    return apiFailure(e);
  }
}
