import { z } from "zod";
import type { Db } from "../db";
import { shanghaiDayStart } from "../time/shanghai";

export const auditQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  action: z.string().trim().max(60).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(20),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export type AuditEventRow = { id: string; at: string; actorName: string; action: string; entity: string; entityId: string | null; summary: string; before: unknown; after: unknown };

/** Audit events newest first, filtered by text (actor, summary, entity id), action prefix and Shanghai dates (to inclusive). */
export async function listAuditEvents(db: Db, raw: AuditQuery): Promise<{ rows: AuditEventRow[]; total: number }> {
  const q = auditQuerySchema.parse(raw);
  const where = {
    ...(q.q ? { OR: [{ actorName: { contains: q.q, mode: "insensitive" as const } }, { summary: { contains: q.q, mode: "insensitive" as const } }, { entityId: q.q }] } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: new Date(shanghaiDayStart(q.from)) } : {}), ...(q.to ? { lt: new Date(shanghaiDayStart(q.to) + 86_400_000) } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.auditEvent.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({ id: r.id.toString(), at: r.at.toISOString(), actorName: r.actorName, action: r.action, entity: r.entity, entityId: r.entityId, summary: r.summary, before: r.before, after: r.after })),
  };
}
