import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { xlsxResponse } from "@/app/_server/xlsx-response";
import { listParam, oneParam } from "@/app/_server/search-params";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { cdrFilesToXlsx } from "@/lib/metering/export-cdr-files";
import { listCdrFilesInput } from "@/lib/metering/list-cdr-files";

export const dynamic = "force-dynamic";

/** The CDR file list with the page's filters and sort, as xlsx, within the user's scope. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "metering.files.read")) return jsonError(403, "forbidden", "您没有查看计量文件的权限");
  const sp = new URL(request.url).searchParams;
  const query = listCdrFilesInput.safeParse({ sort: sp.get("sort") ?? undefined, order: sp.get("order") ?? undefined, status: listParam(sp.getAll("status")), folder: listParam(sp.getAll("folder")), q: oneParam(sp.getAll("q")) });
  if (!query.success) return jsonError(400, "bad_request", `筛选条件无效：${query.error.issues[0].message}`);
  const body = await cdrFilesToXlsx(getDb().db, query.data, actor.scope);
  return xlsxResponse(body, "cdr-files.xlsx", "计量文件.xlsx");
}
