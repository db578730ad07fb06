import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { orgWhere, type DataScope } from "../auth/scope";
import type { Db } from "../db";
import { AppError } from "../errors";
import { ALARM_SEVERITIES, type AlarmSeverity } from "../itsm/codes";
import { toAlarmRows, type AlarmRow } from "./alarm-rows";

// The alarm console's queries, always within the reader's scope: providers see their provider's alarms only.

export const ALARM_TABS = ["active", "cleared", "all"] as const;
export type AlarmTab = (typeof ALARM_TABS)[number];

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const flag = z.preprocess((v) => v === true || v === "true" || v === "1", z.boolean());

export const alarmQuerySchema = z.object({
  tab: z.enum(ALARM_TABS).default("active"),
  severity: list(z.enum(ALARM_SEVERITIES)).default([]),
  source: list(z.string().trim().min(1).max(100)).default([]),
  provider: list(z.coerce.number().int().positive()).default([]),
  acked: z.enum(["yes", "no"]).optional(),
  q: z.string().trim().max(100).optional(),
  showSuppressed: flag.default(false),
  sort: z.enum(["lastAt", "firstAt", "count"]).default("lastAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type AlarmQuery = z.output<typeof alarmQuerySchema>;
export type AlarmQueryInput = z.input<typeof alarmQuerySchema>;

/**
 * The query from URL parameters (a page's searchParams or a request's): `values(key)` gives every value of a key;
 * severity, source and provider take repeated keys or comma lists, the others their last value.
 */
export function alarmQueryFromParams(values: (key: string) => string[]) {
  const last = (k: string) => values(k).at(-1);
  const many = (k: string) => values(k).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return alarmQuerySchema.safeParse({
    tab: last("tab"), severity: many("severity"), source: many("source"), provider: many("provider"), acked: last("acked"), q: last("q"),
    showSuppressed: last("showSuppressed"), sort: last("sort"), order: last("order"), page: last("page"), pageSize: last("pageSize"),
  });
}

export function alarmWhere(scope: DataScope, q: AlarmQuery): Prisma.AlarmWhereInput {
  return {
    AND: [
      orgWhere(scope),
      q.tab === "active" ? { status: "firing" } : q.tab === "cleared" ? { status: "cleared" } : {},
      q.showSuppressed ? {} : { suppressedByPolicyId: null },
      q.severity.length ? { severity: { in: q.severity } } : {},
      q.source.length ? { source: { in: q.source } } : {},
      q.provider.length ? { providerId: { in: q.provider } } : {},
      q.acked === "yes" ? { ackedAt: { not: null } } : q.acked === "no" ? { ackedAt: null } : {},
      q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { resource: { contains: q.q, mode: "insensitive" } }] } : {},
    ],
  };
}

export const alarmOrderBy = (q: AlarmQuery): Prisma.AlarmOrderByWithRelationInput[] => [{ [q.sort]: q.order }, { id: q.order }];

export async function listAlarms(db: Db, scope: DataScope, raw: AlarmQueryInput): Promise<{ rows: AlarmRow[]; total: number }> {
  const q = alarmQuerySchema.parse(raw);
  const where = alarmWhere(scope, q);
  const [alarms, total] = await Promise.all([
    db.alarm.findMany({ where, orderBy: alarmOrderBy(q), skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.alarm.count({ where }),
  ]);
  return { rows: await toAlarmRows(db, alarms), total };
}

export type AlarmCounts = { firing: Record<AlarmSeverity, number>; unacked: number; suppressed: number };

/** The live picture at the top of the console: firing alarms per severity (visible ones), unacknowledged, and how many filters hide. */
export async function countLiveAlarms(db: Db, scope: DataScope): Promise<AlarmCounts> {
  const rows = await db.alarm.groupBy({ by: ["severity", "suppressedByPolicyId", "ackedAt"], where: { status: "firing", ...orgWhere(scope) }, _count: { _all: true } });
  const firing = Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, 0])) as Record<AlarmSeverity, number>;
  let unacked = 0;
  let suppressed = 0;
  for (const r of rows) {
    if (r.suppressedByPolicyId !== null) { suppressed += r._count._all; continue; }
    if (r.severity in firing) firing[r.severity as AlarmSeverity] += r._count._all;
    if (r.ackedAt === null) unacked += r._count._all;
  }
  return { firing, unacked, suppressed };
}

/** The sources and providers that occur in the reader's alarms, for the filters. */
export async function alarmFilterOptions(db: Db, scope: DataScope): Promise<{ sources: string[]; providers: { id: number; code: string; name: string }[] }> {
  const [sources, providerIds] = await Promise.all([
    db.alarm.findMany({ where: orgWhere(scope), distinct: ["source"], select: { source: true }, orderBy: { source: "asc" } }),
    db.alarm.findMany({ where: { AND: [orgWhere(scope), { providerId: { not: null } }] }, distinct: ["providerId"], select: { providerId: true } }),
  ]);
  const providers = await db.provider.findMany({ where: { id: { in: providerIds.map((p) => p.providerId!) } }, select: { id: true, code: true, name: true }, orderBy: { id: "asc" } });
  return { sources: sources.map((s) => s.source), providers };
}

export type AlarmEventRow = { id: string; at: string; actorName: string; action: string; comment: string | null };
export type AlarmDetail = {
  alarm: AlarmRow; events: AlarmEventRow[]; ackedByName: string | null; clearConfirmedByName: string | null;
  workOrder: { id: number; number: string; status: string } | null;
};

/** One alarm with its timeline and its work order, if the reader's scope covers it. */
export async function getAlarmDetail(db: Db, scope: DataScope, id: number): Promise<AlarmDetail> {
  const alarm = await db.alarm.findFirst({ where: { id: z.number().int().positive().parse(id), ...orgWhere(scope) } });
  if (!alarm) throw new AppError("alarm.not-found", "告警不存在", undefined, 404);
  const userIds = [alarm.ackedById, alarm.clearConfirmedById].filter((x): x is number => x !== null);
  const [[row], events, users, workOrder] = await Promise.all([
    toAlarmRows(db, [alarm]),
    db.alarmEvent.findMany({ where: { alarmId: alarm.id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    alarm.workOrderId ? db.workOrder.findUnique({ where: { id: alarm.workOrderId }, select: { id: true, number: true, status: true } }) : null,
  ]);
  const nameOf = (uid: number | null) => users.find((u) => u.id === uid)?.displayName ?? null;
  return {
    alarm: row, ackedByName: nameOf(alarm.ackedById), clearConfirmedByName: nameOf(alarm.clearConfirmedById), workOrder,
    events: events.map((e) => ({ id: String(e.id), at: e.at.toISOString(), actorName: e.actorName, action: e.action, comment: e.comment })),
  };
}
