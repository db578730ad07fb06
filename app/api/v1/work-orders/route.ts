import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listWorkOrders, workOrderQuerySchema } from "@/lib/itsm/work-orders";
import { searchParamsObject } from "@/lib/itsm/query-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/work-orders?tab=&kind=&severity=&status=&provider=&month=&breached=1&delayReason=&q=&sort=&order=&page=&pageSize=:
 * the token user's work orders (their scope), as the portal's list shows them.
 */
export async function GET(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  if (!can(actor, "itsm.workorder.read")) return jsonError(403, "forbidden", "the token's user may not read work orders (permission itsm.workorder.read)");
  const query = workOrderQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", `${query.error.issues[0].path.join(".")}: ${query.error.issues[0].message}`);
  return Response.json(await listWorkOrders(db, actor, query.data));
}
