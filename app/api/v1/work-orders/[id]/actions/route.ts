import { ZodError } from "zod";
import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { performWorkOrderAction } from "@/lib/itsm/work-order-actions";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/work-orders/:id/actions {action, ...}: one step, as in the portal (accept, assign, delegate, note,
 * request-pause, approve-pause, reject-pause, pause, resume, return, resolve, confirm, reopen, change-severity, cancel, review).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { db } = getDb();
  const actor = await actorFromBearer(db, request);
  if (!actor) return jsonError(401, "unauthorized", "a valid API token is required: Authorization: Bearer <token>");
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return jsonError(404, "workorder.not-found", "工单不存在或您无权查看");
  const body = await request.json().catch(() => undefined);
  if (!body || typeof body !== "object") return jsonError(400, "bad_request", "请求体须为 JSON 对象，如 {\"action\":\"accept\"}");
  try {
    return Response.json(await performWorkOrderAction(db, actor, Number(id), body));
  } catch (e) {
    if (e instanceof ZodError) return jsonError(400, "bad_request", e.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    if (e instanceof AppError) {
      const fields = (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
      return jsonError(e.status, e.code, fields ? `${e.message}（${Object.entries(fields).map(([k, v]) => `${k}: ${v.join("，")}`).join("；")}）` : e.message);
    }
    throw e;
  }
}
