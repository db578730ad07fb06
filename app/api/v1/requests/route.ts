import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listRequests, requestQuerySchema } from "@/lib/itsm/requests";
import { searchParamsObject } from "@/lib/itsm/query-params";

export const dynamic = "force-dynamic";

/** GET /api/v1/requests?status=&kind=&q=&sort=&order=&page=&pageSize=: the service requests within the token user's scope. */
export async function GET(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.request.review") && !can(actor, "itsm.workorder.read")) return jsonError(403, "forbidden", "the token's user may not read service requests");
  const query = requestQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", `${query.error.issues[0].path.join(".")}: ${query.error.issues[0].message}`);
  return Response.json(await listRequests(db, actor, query.data));
}
