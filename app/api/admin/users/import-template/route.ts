import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { userImportTemplate } from "@/lib/auth/import-users";
import { can } from "@/lib/auth/permissions";
import { xlsxResponse } from "@/app/_server/xlsx-response";

export const dynamic = "force-dynamic";

export async function GET() {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "system.users")) return jsonError(403, "forbidden", "您没有管理用户的权限");
  return xlsxResponse(await userImportTemplate(), "user-import-template.xlsx", "用户导入模板.xlsx");
}
