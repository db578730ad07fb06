import { getActor } from "@/app/_server/actor";
import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_ATTACHMENT_BYTES, saveAttachment } from "@/lib/itsm/attachments";

export const dynamic = "force-dynamic";

const id = (v: FormDataEntryValue | null) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** POST multipart `file` (and `requestId` or `workOrderId` to attach it there; neither: a draft for a form). */
export async function POST(request: Request) {
  const { db } = getDb();
  const actor = (await actorFromBearer(db, request)) ?? (await getActor());
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  // refuse an oversized body before reading it when the client says how big it is
  if (Number(request.headers.get("content-length") ?? 0) > MAX_ATTACHMENT_BYTES + 64 * 1024) return jsonError(413, "too_large", "文件不能超过 20 MB");
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return jsonError(400, "bad_request", "请选择要上传的文件");
  try {
    const row = await saveAttachment(db, actor, { fileName: file.name, data: Buffer.from(await file.arrayBuffer()), target: { requestId: id(form!.get("requestId")), workOrderId: id(form!.get("workOrderId")) } });
    return Response.json(row, { status: 201 });
  } catch (e) {
    if (e instanceof AppError) return jsonError(e.status, e.code, e.message);
    throw e;
  }
}
