import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { importUsers } from "@/lib/auth/import-users";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

const MAX_BYTES = 5 * 1024 * 1024;
const tooLarge = () => jsonError(413, "too_large", "文件不能超过 5 MB");

/** Multipart upload of a user workbook (field "file"); all rows are created or, on any problem, none. */
export async function POST(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "system.users")) return jsonError(403, "forbidden", "您没有管理用户的权限");
  // refuse an oversized body before reading it; the form's own boundaries add a little to the file's size
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES + 16_384) return tooLarge();
  const file = (await request.formData().catch(() => null))?.get("file");
  if (!(file instanceof File) || file.size === 0) return jsonError(400, "bad_request", "请选择要上传的 .xlsx 文件");
  if (file.size > MAX_BYTES) return tooLarge();
  return Response.json(await importUsers(getDb().db, actor, Buffer.from(await file.arrayBuffer())));
}
