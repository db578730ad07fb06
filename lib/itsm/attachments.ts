import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere } from "../auth/scope";
import type { Db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { addTicketEvent, stepActorOf } from "./timeline";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const ZIP = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
const OLE = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
const starts = (sig: number[]) => (b: Buffer) => b.subarray(0, sig.length).equals(Buffer.from(sig));
/** No NUL byte and valid UTF-8 (or GBK, which also has no NUL): plain text, not a renamed binary. */
const TEXT = (b: Buffer) => !b.subarray(0, 64 * 1024).includes(0);

/** The allow-list: extension -> the type we serve it as and how its content must start (a renamed executable is refused). */
const TYPES: Record<string, { mime: string; looksLike: (b: Buffer) => boolean }> = {
  png: { mime: "image/png", looksLike: starts([0x89, 0x50, 0x4e, 0x47]) },
  jpg: { mime: "image/jpeg", looksLike: starts([0xff, 0xd8, 0xff]) },
  jpeg: { mime: "image/jpeg", looksLike: starts([0xff, 0xd8, 0xff]) },
  gif: { mime: "image/gif", looksLike: starts([0x47, 0x49, 0x46, 0x38]) },
  webp: { mime: "image/webp", looksLike: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  pdf: { mime: "application/pdf", looksLike: starts([0x25, 0x50, 0x44, 0x46]) },
  doc: { mime: "application/msword", looksLike: OLE },
  xls: { mime: "application/vnd.ms-excel", looksLike: OLE },
  ppt: { mime: "application/vnd.ms-powerpoint", looksLike: OLE },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", looksLike: ZIP },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", looksLike: ZIP },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", looksLike: ZIP },
  txt: { mime: "text/plain; charset=utf-8", looksLike: TEXT },
  log: { mime: "text/plain; charset=utf-8", looksLike: TEXT },
  zip: { mime: "application/zip", looksLike: ZIP },
};
export const ATTACHMENT_EXTENSIONS = Object.keys(TYPES);
/** For a file input's accept attribute. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(",");

// turbopackIgnore: the directory is configuration (DATA_DIR), not a part of the build to trace
export const attachmentsDir = () => path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR, "attachments");

export type AttachmentRow = { id: number; fileName: string; mimeType: string; size: number; uploadedAt: string; uploaderName: string; scope: "request" | "work-order" | "draft" };

const invalid = (message: string) => new AppError("attachment.invalid", message, { fieldErrors: { file: [message] } });

const targetSchema = z.object({ requestId: z.number().int().positive().nullish(), workOrderId: z.number().int().positive().nullish() })
  .refine((t) => !(t.requestId && t.workOrderId), "附件只能属于一个申请或一个工单");
export type AttachmentTarget = z.input<typeof targetSchema>;

/** The file name as stored: no directories, no control characters, at most 200 characters (keeping the extension). */
function cleanName(name: string): string {
  const base = path.basename(name.replaceAll("\\", "/")).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (base.length <= 200) return base;
  const ext = path.extname(base);
  return base.slice(0, 200 - ext.length) + ext;
}

/**
 * Stores an uploaded file by its sha256 and records it: on a request or a work order the actor may see (a
 * step on its timeline), or as a draft of the form being filled in, linked when that form is submitted.
 */
export async function saveAttachment(db: Db, actor: Actor, input: { fileName: string; data: Buffer; target?: AttachmentTarget }, now = new Date(), dir = attachmentsDir()): Promise<AttachmentRow> {
  const target = targetSchema.parse(input.target ?? {});
  const fileName = cleanName(input.fileName);
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const type = TYPES[ext];
  if (!fileName || !type) throw invalid(`不支持的文件类型，允许：${ATTACHMENT_EXTENSIONS.join("、")}`);
  if (input.data.length === 0) throw invalid("文件为空");
  if (input.data.length > MAX_ATTACHMENT_BYTES) throw invalid("文件不能超过 20 MB");
  if (!type.looksLike(input.data)) throw invalid(`文件内容与扩展名 .${ext} 不符`);
  if (target.requestId) {
    if (!(await db.serviceRequest.findFirst({ where: { id: target.requestId, ...orgWhere(actor.scope) }, select: { id: true } }))) throw new AppError("request.not-found", "申请不存在或您无权查看", undefined, 404);
    if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.request.review")) throw new AppError("attachment.forbidden", "您不能为申请上传附件", undefined, 403);
  } else if (target.workOrderId) {
    const order = await db.workOrder.findFirst({ where: { id: target.workOrderId, ...orgWhere(actor.scope) }, select: { id: true, status: true } });
    if (!order) throw new AppError("workorder.not-found", "工单不存在或您无权查看", undefined, 404);
    if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.workorder.handle") && !can(actor, "itsm.workorder.manage")) throw new AppError("attachment.forbidden", "您不能为工单上传附件", undefined, 403);
    if (order.status === "cancelled") throw new AppError("workorder.state", "工单已取消，不能再上传附件", undefined, 409);
  } else if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.workorder.manage")) {
    throw new AppError("attachment.forbidden", "您不能上传附件", undefined, 403);
  }
  const sha256 = createHash("sha256").update(input.data).digest("hex");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, sha256);
  // same content, same file; written under a temporary name first so a reader never sees half a file
  if (!(await fs.stat(file).catch(() => null))) {
    const tmp = path.join(dir, `.${sha256}.${randomUUID()}`);
    await fs.writeFile(tmp, input.data);
    await fs.rename(tmp, file);
  }
  return db.$transaction(async (tx) => {
    const a = await tx.attachment.create({
      data: { requestId: target.requestId ?? null, workOrderId: target.workOrderId ?? null, fileName, mimeType: type.mime, size: input.data.length, sha256, uploadedById: actor.userId, uploadedAt: now },
    });
    if (target.requestId || target.workOrderId) {
      await addTicketEvent(tx, { requestId: target.requestId ?? undefined, workOrderId: target.workOrderId ?? undefined, actor: stepActorOf(actor), action: "attach", comment: fileName, data: { attachmentId: a.id }, at: now });
    }
    return { id: a.id, fileName, mimeType: a.mimeType, size: a.size, uploadedAt: a.uploadedAt.toISOString(), uploaderName: actor.displayName, scope: target.requestId ? "request" : target.workOrderId ? "work-order" : "draft" };
  });
}

/** A request's attachments and, for a work order, its request's too (the request's first). */
export async function listAttachments(db: Db, ids: { requestId?: number | null; workOrderId?: number | null }): Promise<AttachmentRow[]> {
  const or = [...(ids.requestId ? [{ requestId: ids.requestId }] : []), ...(ids.workOrderId ? [{ workOrderId: ids.workOrderId }] : [])];
  if (!or.length) return [];
  const rows = await db.attachment.findMany({ where: { OR: or }, orderBy: [{ uploadedAt: "asc" }, { id: "asc" }] });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.uploadedById))] } }, select: { id: true, displayName: true } });
  const rank = (r: (typeof rows)[number]) => (r.requestId ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b)).map((r) => ({
    id: r.id, fileName: r.fileName, mimeType: r.mimeType, size: r.size, uploadedAt: r.uploadedAt.toISOString(),
    uploaderName: users.find((u) => u.id === r.uploadedById)?.displayName ?? "", scope: r.requestId ? "request" : "work-order",
  }));
}

/**
 * A file to download, if the actor may see what it belongs to: the request's or work order's scope (a work order's
 * people also see its request's files); a draft only by whoever uploaded it. Otherwise not found.
 */
export async function attachmentForDownload(db: Db, actor: Actor, id: number, dir = attachmentsDir()): Promise<{ fileName: string; mimeType: string; size: number; path: string }> {
  const notFound = new AppError("attachment.not-found", "附件不存在或您无权查看", undefined, 404);
  const a = await db.attachment.findUnique({ where: { id: z.number().int().positive().parse(id) } });
  if (!a) throw notFound;
  let visible: boolean;
  if (a.requestId) {
    const scope = orgWhere(actor.scope);
    visible = Boolean(await db.serviceRequest.findFirst({ where: { id: a.requestId, ...scope }, select: { id: true } }))
      || Boolean(await db.workOrder.findFirst({ where: { requestId: a.requestId, ...scope }, select: { id: true } }));
  } else if (a.workOrderId) {
    visible = Boolean(await db.workOrder.findFirst({ where: { id: a.workOrderId, ...orgWhere(actor.scope) }, select: { id: true } }));
  } else {
    visible = a.uploadedById === actor.userId;
  }
  if (!visible || (!can(actor, "itsm.workorder.read") && !can(actor, "itsm.request.submit") && !can(actor, "itsm.request.review"))) throw notFound;
  return { fileName: a.fileName, mimeType: a.mimeType, size: a.size, path: path.join(dir, a.sha256) };
}
