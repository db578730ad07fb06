import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getWorkOrderDetail } from "@/lib/itsm/work-order-detail";

export const dynamic = "force-dynamic";

/** GET /api/v1/work-orders/:id: one work order with its SLA state, stops, attachments, the steps open to the token user and the timeline. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  if (!can(actor, "itsm.workorder.read")) return jsonError(403, "forbidden", "the token's user may not read work orders (permission itsm.workorder.read)");
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return jsonError(404, "workorder.not-found", "工单不存在或您无权查看");
  try {
    return Response.json(await getWorkOrderDetail(db, actor, Number(id)));
  } catch (e) {
    if (e instanceof AppError) return jsonError(e.status, e.code, e.message);
    throw e;
  }
}
