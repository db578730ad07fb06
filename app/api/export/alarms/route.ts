import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { xlsxResponse } from "@/app/_server/xlsx-response";
import { alarmsToXlsx } from "@/lib/alarms/export-alarms";
import { alarmQueryFromParams } from "@/lib/alarms/list-alarms";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** The alarm list with the page's tab, filters and sort, as xlsx, within the user's scope. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "alarm.read")) return jsonError(403, "forbidden", "您没有查看告警的权限");
  const sp = new URL(request.url).searchParams;
  const query = alarmQueryFromParams((k) => (k === "page" || k === "pageSize" ? [] : sp.getAll(k)));
  if (!query.success) return jsonError(400, "bad_request", `筛选条件无效：${query.error.issues[0].message}`);
  return xlsxResponse(await alarmsToXlsx(getDb().db, actor.scope, query.data), "alarms.xlsx", "告警.xlsx");
}
