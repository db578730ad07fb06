import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { listUsers, userQuerySchema } from "@/lib/auth/list-users";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { usersToXlsx } from "@/lib/system/export-users";
import { xlsxResponse } from "@/app/_server/xlsx-response";

export const dynamic = "force-dynamic";

const exportQuery = userQuerySchema.omit({ page: true, pageSize: true });

/** The users list with the page's filters, within the operator's scope, as a workbook. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "system.users")) return jsonError(403, "forbidden", "您没有管理用户的权限");
  const query = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  const { rows } = await listUsers(getDb().db, { ...query.data, page: 1, pageSize: 10_000 }, actor.scope);
  return xlsxResponse(await usersToXlsx(rows), "users.xlsx", "用户列表.xlsx");
}
