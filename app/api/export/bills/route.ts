import { z } from "zod";
import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { can } from "@/lib/auth/permissions";
import { billsQuerySchema } from "@/lib/billing/bills-query";
import { billsToCsv, billsToXlsx } from "@/lib/billing/export-bills";
import { listBills } from "@/lib/billing/list-bills";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

const exportQuery = billsQuerySchema.extend({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

/** A month's bills as a download for the signed-in user, within their scope. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "billing.read")) return jsonError(403, "forbidden", "您没有查看账单的权限");
  const params = new URL(request.url).searchParams;
  const query = exportQuery.safeParse({ month: params.get("month") ?? undefined, format: params.get("format") ?? undefined });
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  const { month, format } = query.data;
  const bills = await listBills(getDb().db, { month, scope: actor.scope });
  const filename = `bills-${month}.${format}`;
  const disposition = `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`账单-${month}.${format}`)}`;
  if (format === "csv") return new Response(billsToCsv(bills), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition } });
  return new Response(new Uint8Array(await billsToXlsx(bills)), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": disposition },
  });
}
