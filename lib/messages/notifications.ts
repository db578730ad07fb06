// A user's own notifications: every query names the user in its WHERE clause, so nobody reads or marks another's.
import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { EVENT_TYPES } from "./event-catalog";

export type NotificationRow = { id: string; eventType: string; title: string; body: string; link: string | null; createdAt: string; readAt: string | null };
type Me = { userId: number };

const toRow = (n: { id: bigint; eventType: string; title: string; body: string; link: string | null; createdAt: Date; readAt: Date | null }): NotificationRow => ({
  id: n.id.toString(), eventType: n.eventType, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
});

export const notificationQuerySchema = z.object({
  status: z.enum(["unread", "all"]).default("all"),
  type: z.enum(EVENT_TYPES).optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.input<typeof notificationQuerySchema>;

/** My notifications, newest first, with the filters of the messages page. */
export async function listNotifications(db: Db, me: Me, raw: NotificationQuery): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const q = notificationQuerySchema.parse(raw);
  const where: Prisma.NotificationWhereInput = { userId: me.userId, ...(q.status === "unread" ? { readAt: null } : {}), ...(q.type ? { eventType: q.type } : {}) };
  const [rows, total, unread] = await Promise.all([
    db.notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.notification.count({ where }),
    db.notification.count({ where: { userId: me.userId, readAt: null } }),
  ]);
  return { rows: rows.map(toRow), total, unread };
}

export type BellSummary = { unread: number; latest: NotificationRow[] };

/** What the bell shows: my unread count and my latest five. */
export async function bellSummary(db: Db, me: Me, limit = 5): Promise<BellSummary> {
  const [unread, latest] = await Promise.all([
    db.notification.count({ where: { userId: me.userId, readAt: null } }),
    db.notification.findMany({ where: { userId: me.userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit }),
  ]);
  return { unread, latest: latest.map(toRow) };
}

const notificationId = z.union([z.string().regex(/^\d{1,19}$/), z.number().int().positive()]).transform((v) => BigInt(v));

/** Marks one of my notifications read; another user's id matches nothing. Returns whether it was unread. */
export async function markNotificationRead(db: Db, me: Me, id: string | number, now = new Date()): Promise<boolean> {
  const { count } = await db.notification.updateMany({ where: { id: notificationId.parse(id), userId: me.userId, readAt: null }, data: { readAt: now } });
  return count > 0;
}

/** Marks all my notifications read (of one event type when given). */
export async function markAllNotificationsRead(db: Db, me: Me, now = new Date(), type?: string): Promise<number> {
  const eventType = type === undefined ? undefined : z.enum(EVENT_TYPES).parse(type);
  const { count } = await db.notification.updateMany({ where: { userId: me.userId, readAt: null, ...(eventType ? { eventType } : {}) }, data: { readAt: now } });
  return count;
}
