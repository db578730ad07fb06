import Decimal from "decimal.js";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { orgWhere, type DataScope } from "../auth/scope";
import { tableToXlsx } from "../export/table-xlsx";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import { isMonth, monthStart, nextMonth, parseMonth } from "../time/shanghai";
import { OPEN_WORK_ORDER_STATUSES } from "./codes";

// The timeliness figures per provider (服务及时率), the ones the assessment uses. A month's figures count the work
// orders OPENED in that Asia/Shanghai month, whatever happened to them later; cancelled orders are not counted.
// A target counts as due (the denominator of its on-time rate) once it was met or its due time has passed, so an
// order still inside its target is neither on time nor late yet. Breaches are the marks the work-order module
// sets (responseBreachedAt / resolutionBreachedAt), the same ones the work order list filters on.

export type ReasonCount = { reason: string | null; count: number };

export type TimelinessRow = {
  providerId: number;
  providerName: string;
  opened: number;
  responseDue: number;
  responded: number;
  respondedOnTime: number;
  /** respondedOnTime / responseDue, 4 decimal places ("0.6667"); null when nothing is due yet */
  responseOnTimeRate: string | null;
  resolutionDue: number;
  resolved: number;
  resolvedOnTime: number;
  resolutionOnTimeRate: string | null;
  /** average clock minutes used to respond / resolve (working or calendar time by each order's clock), 1 decimal place */
  avgResponseMinutes: string | null;
  avgResolutionMinutes: string | null;
  responseBreaches: number;
  resolutionBreaches: number;
  /** orders with either target breached */
  breaches: number;
  /** breached orders by delay reason (null: not classified yet), most first */
  breachesByReason: ReasonCount[];
  stillOpen: number;
};

export type TimelinessReport = { month: string; from: string; to: string; rows: TimelinessRow[]; totals: Omit<TimelinessRow, "providerId" | "providerName"> };

type CountsRecord = {
  providerId: number; providerName: string; opened: number; responseDue: number; responded: number; respondedOnTime: number;
  resolutionDue: number; resolved: number; resolvedOnTime: number; responseTimed: number; responseSeconds: string; resolutionTimed: number; resolutionSeconds: string;
  responseBreaches: number; resolutionBreaches: number; breaches: number; stillOpen: number;
};

const monthSchema = z.string().refine(isMonth, "月份格式应为 YYYY-MM");

/** The scope as SQL over the work_order alias w: the same rule as orgWhere (departments for tenants, the provider for providers). */
function scopeSql(scope: DataScope): Prisma.Sql {
  const where = orgWhere(scope);
  const parts: Prisma.Sql[] = [];
  if (where.departmentId) parts.push(Prisma.sql`w.department_id = ANY(${where.departmentId.in}::int[])`);
  if (where.providerId) parts.push(Prisma.sql`w.provider_id = ANY(${where.providerId.in}::int[])`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

const openStatuses = Prisma.join([...OPEN_WORK_ORDER_STATUSES]);
const breached = Prisma.sql`(w.response_breached_at IS NOT NULL OR w.resolution_breached_at IS NOT NULL)`;

function counted(scope: DataScope, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`w.opened_at >= ${from} AND w.opened_at < ${to} AND w.status <> 'cancelled' AND ${scopeSql(scope)}`;
}

export function rate(part: number, whole: number): string | null {
  return whole > 0 ? new Decimal(part).div(whole).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4) : null;
}

function averageMinutes(seconds: string, count: number): string | null {
  return count > 0 ? new Decimal(seconds).div(count).div(60).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1) : null;
}

function rowOf(c: Omit<CountsRecord, "providerId" | "providerName">, breachesByReason: ReasonCount[]): Omit<TimelinessRow, "providerId" | "providerName"> {
  return {
    opened: c.opened, responseDue: c.responseDue, responded: c.responded, respondedOnTime: c.respondedOnTime, responseOnTimeRate: rate(c.respondedOnTime, c.responseDue),
    resolutionDue: c.resolutionDue, resolved: c.resolved, resolvedOnTime: c.resolvedOnTime, resolutionOnTimeRate: rate(c.resolvedOnTime, c.resolutionDue),
    avgResponseMinutes: averageMinutes(c.responseSeconds, c.responseTimed), avgResolutionMinutes: averageMinutes(c.resolutionSeconds, c.resolutionTimed),
    responseBreaches: c.responseBreaches, resolutionBreaches: c.resolutionBreaches, breaches: c.breaches, breachesByReason, stillOpen: c.stillOpen,
  };
}

/** In Chinese order (pinyin), not the database's collation. */
const byProviderName = (a: { providerName: string; providerId: number }, b: { providerName: string; providerId: number }) =>
  a.providerName.localeCompare(b.providerName, "zh-CN") || a.providerId - b.providerId;
/** Most first; the unclassified (null) last among equals. */
const byCountThenReason = (a: ReasonCount, b: ReasonCount) =>
  b.count - a.count || (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) || (a.reason ?? "").localeCompare(b.reason ?? "");

/** The figures of the work orders opened in a Shanghai month, per provider (providers without orders are not listed), within the scope. */
export async function timelinessByProvider(db: Db, scope: DataScope, month: string, now = new Date()): Promise<TimelinessReport> {
  const m = monthSchema.parse(month);
  const from = new Date(monthStart(m));
  const to = new Date(monthStart(nextMonth(m)));
  const where = counted(scope, from, to);
  const [counts, reasons] = await Promise.all([
    db.$queryRaw<CountsRecord[]>`
      SELECT w.provider_id AS "providerId", p.name AS "providerName",
        count(*)::int AS opened,
        count(*) FILTER (WHERE w.responded_at IS NOT NULL OR w.response_due_at <= ${now})::int AS "responseDue",
        count(*) FILTER (WHERE w.responded_at IS NOT NULL)::int AS responded,
        count(*) FILTER (WHERE w.responded_at <= w.response_due_at)::int AS "respondedOnTime",
        count(*) FILTER (WHERE w.resolved_at IS NOT NULL OR w.resolution_due_at <= ${now})::int AS "resolutionDue",
        count(*) FILTER (WHERE w.resolved_at IS NOT NULL)::int AS resolved,
        count(*) FILTER (WHERE w.resolved_at <= w.resolution_due_at)::int AS "resolvedOnTime",
        count(w.response_seconds) FILTER (WHERE w.responded_at IS NOT NULL)::int AS "responseTimed",
        coalesce(sum(w.response_seconds) FILTER (WHERE w.responded_at IS NOT NULL), 0)::text AS "responseSeconds",
        count(w.resolution_seconds) FILTER (WHERE w.resolved_at IS NOT NULL)::int AS "resolutionTimed",
        coalesce(sum(w.resolution_seconds) FILTER (WHERE w.resolved_at IS NOT NULL), 0)::text AS "resolutionSeconds",
        count(*) FILTER (WHERE w.response_breached_at IS NOT NULL)::int AS "responseBreaches",
        count(*) FILTER (WHERE w.resolution_breached_at IS NOT NULL)::int AS "resolutionBreaches",
        count(*) FILTER (WHERE ${breached})::int AS breaches,
        count(*) FILTER (WHERE w.status IN (${openStatuses}))::int AS "stillOpen"
      FROM work_order w JOIN provider p ON p.id = w.provider_id
      WHERE ${where}
      GROUP BY w.provider_id, p.name`,
    db.$queryRaw<{ providerId: number; reason: string | null; count: number }[]>`
      SELECT w.provider_id AS "providerId", w.delay_reason AS reason, count(*)::int AS count
      FROM work_order w
      WHERE ${where} AND ${breached}
      GROUP BY w.provider_id, w.delay_reason`,
  ]);
  const reasonsOf = (providerId: number) => reasons.filter((r) => r.providerId === providerId).map(({ reason, count }) => ({ reason, count })).sort(byCountThenReason);
  const rows = counts.map((c) => ({ providerId: c.providerId, providerName: c.providerName, ...rowOf(c, reasonsOf(c.providerId)) })).sort(byProviderName);
  const sum = (k: keyof CountsRecord) => counts.reduce((n, c) => n + Number(c[k]), 0);
  const sumText = (k: "responseSeconds" | "resolutionSeconds") => counts.reduce((n, c) => n.add(c[k]), new Decimal(0)).toString();
  const totalReasons = new Map<string | null, number>();
  for (const r of reasons) totalReasons.set(r.reason, (totalReasons.get(r.reason) ?? 0) + r.count);
  const totals = rowOf({
    opened: sum("opened"), responseDue: sum("responseDue"), responded: sum("responded"), respondedOnTime: sum("respondedOnTime"),
    resolutionDue: sum("resolutionDue"), resolved: sum("resolved"), resolvedOnTime: sum("resolvedOnTime"),
    responseTimed: sum("responseTimed"), responseSeconds: sumText("responseSeconds"), resolutionTimed: sum("resolutionTimed"), resolutionSeconds: sumText("resolutionSeconds"),
    responseBreaches: sum("responseBreaches"), resolutionBreaches: sum("resolutionBreaches"), breaches: sum("breaches"), stillOpen: sum("stillOpen"),
  }, [...totalReasons].map(([reason, count]) => ({ reason, count })).sort(byCountThenReason));
  return { month: m, from: from.toISOString(), to: to.toISOString(), rows, totals };
}

export type TrendPoint = { month: string; providerId: number; opened: number; resolutionDue: number; resolvedOnTime: number; resolutionOnTimeRate: string | null; breaches: number };
export type TimelinessTrend = { months: string[]; providers: { id: number; name: string }[]; points: TrendPoint[] };

/** The months ending with endMonth, oldest first. */
export function monthsEnding(endMonth: string, count: number): string[] {
  const [y, m] = parseMonth(endMonth);
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** Per provider per month (opened in that Shanghai month): the on-time resolution rate and the breaches, every provider × month filled. */
export async function timelinessTrend(db: Db, scope: DataScope, endMonth: string, months = 12, now = new Date()): Promise<TimelinessTrend> {
  const end = monthSchema.parse(endMonth);
  const count = z.number().int().min(1).max(36).parse(months);
  const list = monthsEnding(end, count);
  const from = new Date(monthStart(list[0]));
  const to = new Date(monthStart(nextMonth(end)));
  // Months as parameter ranges, not computed from the column in SQL: the instants stay compared the way Prisma
  // wrote them, and the Shanghai boundaries come from lib/time/shanghai.ts, whatever the session's TimeZone.
  const ranges = Prisma.join(list.map((m) => Prisma.sql`(${m}::text, ${new Date(monthStart(m))}::timestamptz, ${new Date(monthStart(nextMonth(m)))}::timestamptz)`));
  const rows = await db.$queryRaw<{ providerId: number; providerName: string; month: string; opened: number; resolutionDue: number; resolvedOnTime: number; breaches: number }[]>`
    SELECT w.provider_id AS "providerId", p.name AS "providerName", m.month,
      count(*)::int AS opened,
      count(*) FILTER (WHERE w.resolved_at IS NOT NULL OR w.resolution_due_at <= ${now})::int AS "resolutionDue",
      count(*) FILTER (WHERE w.resolved_at <= w.resolution_due_at)::int AS "resolvedOnTime",
      count(*) FILTER (WHERE ${breached})::int AS breaches
    FROM work_order w JOIN provider p ON p.id = w.provider_id
      JOIN (VALUES ${ranges}) AS m(month, starts, ends) ON w.opened_at >= m.starts AND w.opened_at < m.ends
    WHERE ${counted(scope, from, to)}
    GROUP BY 1, 2, 3`;
  const providers = [...new Map(rows.map((r) => [r.providerId, r.providerName])).entries()]
    .map(([id, name]) => ({ id, name })).sort((a, b) => byProviderName({ providerName: a.name, providerId: a.id }, { providerName: b.name, providerId: b.id }));
  const found = new Map(rows.map((r) => [`${r.providerId}/${r.month}`, r]));
  const points = providers.flatMap((p) => list.map((month): TrendPoint => {
    const r = found.get(`${p.id}/${month}`);
    return r
      ? { month, providerId: p.id, opened: r.opened, resolutionDue: r.resolutionDue, resolvedOnTime: r.resolvedOnTime, resolutionOnTimeRate: rate(r.resolvedOnTime, r.resolutionDue), breaches: r.breaches }
      : { month, providerId: p.id, opened: 0, resolutionDue: 0, resolvedOnTime: 0, resolutionOnTimeRate: null, breaches: 0 };
  }));
  return { months: list, providers, points };
}

const XLSX_COLUMNS: [MessageKey, number][] = [
  ["sla.timeliness.provider", 22], ["sla.timeliness.opened", 10], ["sla.timeliness.responded", 10], ["sla.timeliness.respondedOnTime", 10], ["sla.timeliness.responseRate", 12],
  ["sla.timeliness.resolved", 10], ["sla.timeliness.resolvedOnTime", 10], ["sla.timeliness.resolutionRate", 12], ["sla.timeliness.avgResponse", 14], ["sla.timeliness.avgResolution", 14],
  ["sla.timeliness.breaches", 10], ["sla.timeliness.reasons", 36], ["sla.timeliness.stillOpen", 10],
];

/** The month's per-provider figures (and the total) as a workbook in the reader's language, within the scope. */
export async function timelinessToXlsx(db: Db, scope: DataScope, month: string, locale: Locale, now = new Date()): Promise<Buffer> {
  const [report, reasons] = await Promise.all([timelinessByProvider(db, scope, month, now), db.dictionaryEntry.findMany({ where: { type: "delay-reason" } })]);
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const reasonName = new Map(reasons.map((r) => [r.code, locale === "en" ? r.labelEn : r.label]));
  const pct = (rate: string | null) => (rate === null ? null : `${new Decimal(rate).mul(100).toFixed(2)}%`);
  const num = (v: string | null) => (v === null ? null : Number(v));
  const line = (name: string, r: Omit<TimelinessRow, "providerId" | "providerName">) => [
    name, r.opened, r.responded, r.respondedOnTime, pct(r.responseOnTimeRate), r.resolved, r.resolvedOnTime, pct(r.resolutionOnTimeRate),
    num(r.avgResponseMinutes), num(r.avgResolutionMinutes), r.breaches,
    r.breachesByReason.map((b) => `${b.reason === null ? t("sla.timeliness.unclassified") : reasonName.get(b.reason) ?? b.reason} ${b.count}`).join(locale === "en" ? ", " : "、"),
    r.stillOpen,
  ];
  const rows = [...report.rows.map((r) => line(r.providerName, r)), ...(report.rows.length > 1 ? [line(t("sla.timeliness.total"), report.totals)] : [])];
  return tableToXlsx(t("sla.timeliness.sheet", { month: report.month }), XLSX_COLUMNS.map(([key, width]) => ({ header: t(key), width })), rows);
}
