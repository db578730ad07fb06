import { getActor } from "@/app/_server/actor";
import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { xlsxResponse } from "@/app/_server/xlsx-response";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { workOrdersToXlsx } from "@/lib/itsm/export-work-orders";
import { searchParamsObject } from "@/lib/itsm/query-params";
import { workOrderQuerySchema } from "@/lib/itsm/work-orders";

export const dynamic = "force-dynamic";

/** The work order list with the page's tab, filters and sort, as xlsx, within the user's scope. */
export async function GET(request: Request) {
  const { db } = getDb();
  const actor = (await actorFromBearer(db, request)) ?? (await getActor());
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "itsm.workorder.read")) return jsonError(403, "forbidden", "您没有查看工单的权限");
  const query = workOrderQuerySchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", `筛选条件无效：${query.error.issues[0].message}`);
  const month = query.data.month ? `-${query.data.month}` : "";
  return xlsxResponse(await workOrdersToXlsx(db, actor, query.data), `work-orders${month}.xlsx`, `工单${month}.xlsx`);
}
