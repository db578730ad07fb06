import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { shanghaiDayStart } from "../time/shanghai";

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An instant, or Shanghai wall-clock text ("2026-01-05 09:00") as forms send it whatever the browser's time zone. */
const instant = z.union([
  z.date(),
  z.string().regex(WALL_CLOCK, "时间格式应为 YYYY-MM-DD HH:mm").transform((s) => {
    const [, day, h, m, sec] = WALL_CLOCK.exec(s)!;
    return new Date(shanghaiDayStart(day) + ((Number(h) * 60 + Number(m)) * 60 + Number(sec ?? 0)) * 1000);
  }),
]);

export const announcementSchema = z.object({
  title: z.string().trim().min(1, "请填写标题").max(100, "标题最多 100 个字符"),
  body: z.string().trim().min(1, "请填写正文").max(5000, "正文最多 5000 个字符"),
  important: z.boolean().default(false),
  publishedAt: instant,
  expiresAt: instant.nullish(),
}).refine((a) => !a.expiresAt || a.expiresAt > a.publishedAt, { path: ["expiresAt"], message: "截止时间须晚于发布时间" });
export type AnnouncementInput = z.input<typeof announcementSchema>;

export const ANNOUNCEMENT_STATUSES = ["active", "scheduled", "expired"] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];
export const ANNOUNCEMENT_STATUS_NAMES: Record<AnnouncementStatus, string> = { active: "生效中", scheduled: "待发布", expired: "已过期" };

export type AnnouncementRow = { id: number; title: string; body: string; important: boolean; publishedAt: string; expiresAt: string | null; authorName: string; createdAt: string; status: AnnouncementStatus };

type AnnouncementRecord = { id: number; title: string; body: string; important: boolean; publishedAt: Date; expiresAt: Date | null; authorName: string; createdAt: Date };

function statusAt(a: { publishedAt: Date; expiresAt: Date | null }, now: Date): AnnouncementStatus {
  if (a.publishedAt > now) return "scheduled";
  return a.expiresAt && a.expiresAt <= now ? "expired" : "active";
}

const toRow = (a: AnnouncementRecord, now: Date): AnnouncementRow => ({
  id: a.id, title: a.title, body: a.body, important: a.important, publishedAt: a.publishedAt.toISOString(), expiresAt: a.expiresAt?.toISOString() ?? null,
  authorName: a.authorName, createdAt: a.createdAt.toISOString(), status: statusAt(a, now),
});

function statusWhere(status: AnnouncementStatus, now: Date): Prisma.AnnouncementWhereInput {
  if (status === "scheduled") return { publishedAt: { gt: now } };
  if (status === "expired") return { expiresAt: { lte: now } };
  return { publishedAt: { lte: now }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** What the home page shows now: in force (published, not expired), important first, newest first. */
export async function listActiveAnnouncements(db: Db, now = new Date(), limit = 20): Promise<AnnouncementRow[]> {
  const rows = await db.announcement.findMany({ where: statusWhere("active", now), orderBy: [{ important: "desc" }, { publishedAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((r) => toRow(r, now));
}

export const announcementQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(ANNOUNCEMENT_STATUSES).optional(),
  sort: z.enum(["publishedAt", "expiresAt", "createdAt"]).default("publishedAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AnnouncementQuery = z.input<typeof announcementQuerySchema>;

/** Every announcement for the admins, in force or not. */
export async function listAnnouncements(db: Db, raw: AnnouncementQuery, now = new Date()): Promise<{ rows: AnnouncementRow[]; total: number }> {
  const q = announcementQuerySchema.parse(raw);
  const where: Prisma.AnnouncementWhereInput = {
    AND: [
      q.q ? { OR: [{ title: { contains: q.q, mode: "insensitive" } }, { body: { contains: q.q, mode: "insensitive" } }] } : {},
      q.status ? statusWhere(q.status, now) : {},
    ],
  };
  const orderBy: Prisma.AnnouncementOrderByWithRelationInput[] = [q.sort === "expiresAt" ? { expiresAt: { sort: q.order, nulls: "last" } } : { [q.sort]: q.order }, { id: q.order }];
  const [rows, total] = await Promise.all([
    db.announcement.findMany({ where, orderBy, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.announcement.count({ where }),
  ]);
  return { total, rows: rows.map((r) => toRow(r, now)) };
}

function requireAnnouncementAdmin(actor: Actor) {
  if (!can(actor, "system.announcements")) throw new AppError("auth.forbidden", "您没有发布公告的权限", undefined, 403);
}

async function loadAnnouncement(db: Db, id: number) {
  const row = await db.announcement.findUnique({ where: { id: z.number().int().positive().parse(id) } });
  if (!row) throw new AppError("announcement.not-found", "公告不存在", undefined, 404);
  return row;
}

export async function createAnnouncement(db: Db, actor: Actor, input: AnnouncementInput, now = new Date()): Promise<AnnouncementRow> {
  requireAnnouncementAdmin(actor);
  const a = announcementSchema.parse(input);
  return db.$transaction(async (tx) => {
    const row = await tx.announcement.create({ data: { title: a.title, body: a.body, important: a.important, publishedAt: a.publishedAt, expiresAt: a.expiresAt ?? null, authorName: actor.displayName } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "announcement.create", entity: "announcement", entityId: row.id, summary: `发布公告《${row.title}》`, after: row });
    return toRow(row, now);
  });
}

export async function updateAnnouncement(db: Db, actor: Actor, id: number, input: AnnouncementInput, now = new Date()): Promise<AnnouncementRow> {
  requireAnnouncementAdmin(actor);
  const before = await loadAnnouncement(db, id);
  const a = announcementSchema.parse(input);
  return db.$transaction(async (tx) => {
    const after = await tx.announcement.update({ where: { id: before.id }, data: { title: a.title, body: a.body, important: a.important, publishedAt: a.publishedAt, expiresAt: a.expiresAt ?? null } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "announcement.update", entity: "announcement", entityId: after.id, summary: `修改公告《${after.title}》`, before, after });
    return toRow(after, now);
  });
}

export async function deleteAnnouncement(db: Db, actor: Actor, id: number): Promise<void> {
  requireAnnouncementAdmin(actor);
  const before = await loadAnnouncement(db, id);
  await db.$transaction(async (tx) => {
    await tx.announcement.delete({ where: { id: before.id } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "announcement.delete", entity: "announcement", entityId: before.id, summary: `删除公告《${before.title}》`, before });
  });
}
