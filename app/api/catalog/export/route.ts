import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { xlsxResponse } from "@/app/_server/xlsx-response";
import { can } from "@/lib/auth/permissions";
import { catalogToXlsx } from "@/lib/catalog/import-catalog";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** The whole catalog as xlsx in the import columns (edit it and import it again). */
export async function GET() {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "catalog.manage")) return jsonError(403, "forbidden", "您没有导出服务目录的权限");
  const body = await catalogToXlsx(getDb().db);
  return xlsxResponse(body, "catalog.xlsx", "服务目录.xlsx");
}
