import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { apiFailure } from "@/lib/alarms/api-response";
import { ackAlarm, clearAlarm, confirmAlarmClear, openAlarmWorkOrder, unackAlarm } from "@/lib/alarms/handle-alarms";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type Db } from "@/lib/db";

export const dynamic = "force-dynamic";

// Each action's body is optional JSON: { comment } (clear requires it), or { providerId?, kind? } for work-order.
const ACTIONS: Record<string, (db: Db, actor: Actor, id: number, body: never) => Promise<unknown>> = {
  ack: (db, actor, id, body) => ackAlarm(db, actor, id, body),
  unack: (db, actor, id, body) => unackAlarm(db, actor, id, body),
  clear: (db, actor, id, body) => clearAlarm(db, actor, id, body),
  "confirm-clear": (db, actor, id, body) => confirmAlarmClear(db, actor, id, body),
  "work-order": (db, actor, id, body) => openAlarmWorkOrder(db, actor, id, body),
};

/** POST /api/v1/alarms/:id/ack | unack | clear | confirm-clear | work-order, within the token user's scope. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; action: string }> }) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  const { id: rawId, action } = await params;
  const run = ACTIONS[action];
  const id = Number(rawId);
  if (!run || !Number.isInteger(id) || id <= 0) return jsonError(404, "not_found", "no such alarm action: use ack, unack, clear, confirm-clear or work-order");
  const text = await request.text();
  let body: unknown = {};
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    return jsonError(400, "bad_request", "请求体不是有效的 JSON");
  }
  try {
    return Response.json(await run(db, actor, id, (body ?? {}) as never));
  } catch (e) {
    return apiFailure(e);
  }
}
