import fs from "node:fs";
import { Readable } from "node:stream";
import { getActor } from "@/app/_server/actor";
import { actorFromBearer, jsonError } from "@/app/_server/api-auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { attachmentForDownload } from "@/lib/itsm/attachments";

export const dynamic = "force-dynamic";

// shown in the browser: images and PDFs; everything else downloads
const INLINE = /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/;

/** GET a file, if the user may see the request or work order it belongs to (otherwise 404, as if absent). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { db } = getDb();
  const actor = (await actorFromBearer(db, request)) ?? (await getActor());
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return jsonError(404, "not_found", "附件不存在");
  try {
    const a = await attachmentForDownload(db, actor, Number(id));
    if (!fs.existsSync(a.path)) return jsonError(404, "not_found", "附件文件已丢失");
    const ascii = a.fileName.replace(/[^\x20-\x7e]/g, "_").replaceAll('"', "_");
    return new Response(Readable.toWeb(fs.createReadStream(a.path)) as ReadableStream, {
      headers: {
        "Content-Type": a.mimeType,
        "Content-Length": String(a.size),
        "Content-Disposition": `${INLINE.test(a.mimeType) ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof AppError) return jsonError(e.status, e.code, e.message);
    throw e;
  }
}
