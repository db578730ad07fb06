import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { can } from "@/lib/auth/permissions";
import { billsQuerySchema } from "@/lib/billing/bills-query";
import { listBills } from "@/lib/billing/list-bills";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** GET /api/v1/bills?month=YYYY-MM: the month's bills within the token user's scope, as `npm run cli -- bills --json` prints them. */
export async function GET(request: Request) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  if (!can(actor, "billing.read")) return jsonError(403, "forbidden", "the token's user may not read bills (permission billing.read)");
  const query = billsQuerySchema.safeParse({ month: new URL(request.url).searchParams.get("month") ?? undefined });
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  return Response.json(await listBills(db, { month: query.data.month, scope: actor.scope }));
}
