import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { getDb } from "@/lib/db";
import { bellSummary } from "@/lib/messages/notifications";

export const dynamic = "force-dynamic";

/** The bell's refresh: the signed-in user's unread count and latest notifications. */
export async function GET() {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  return Response.json(await bellSummary(getDb().db, actor), { headers: { "Cache-Control": "no-store" } });
}
