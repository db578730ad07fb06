import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/list-audit-events";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AUDIT_EXPORT_LIMIT, auditEventsToXlsx } from "@/lib/system/export-audit";
import { xlsxResponse } from "@/app/_server/xlsx-response";

export const dynamic = "force-dynamic";

const exportQuery = auditQuerySchema.omit({ page: true, pageSize: true });

/** The audit events the page's filters select, newest first, at most AUDIT_EXPORT_LIMIT of them. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "system.audit")) return jsonError(403, "forbidden", "您没有查看审计日志的权限");
  const query = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  const { rows } = await listAuditEvents(getDb().db, { ...query.data, page: 1, pageSize: AUDIT_EXPORT_LIMIT });
  return xlsxResponse(await auditEventsToXlsx(rows), "audit-events.xlsx", "审计日志.xlsx");
}
