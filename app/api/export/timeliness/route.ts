import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { getLocale } from "@/app/_server/locale";
import { xlsxResponse } from "@/app/_server/xlsx-response";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { timelinessToXlsx } from "@/lib/itsm/timeliness";
import { isMonth } from "@/lib/time/shanghai";

export const dynamic = "force-dynamic";

/** A month's timeliness figures per provider as xlsx, within the user's scope. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "itsm.workorder.read")) return jsonError(403, "forbidden", "您没有查看工单的权限");
  const month = new URL(request.url).searchParams.get("month") ?? "";
  if (!isMonth(month)) return jsonError(400, "bad_request", "月份格式应为 YYYY-MM");
  const body = await timelinessToXlsx(getDb().db, actor.scope, month, await getLocale());
  return xlsxResponse(body, `timeliness-${month}.xlsx`, `时效统计-${month}.xlsx`);
}
