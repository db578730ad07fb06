import type { Prisma } from "../generated/prisma/client";
import type { DataScope } from "../auth/scope";
import type { Db } from "../db";
import { Dec } from "../money";
import { isMonth, monthStart, shanghaiMonth } from "../time/shanghai";
import { NETWORK_METRICS, type NetworkMetric, type ThresholdOp } from "./network-codes";
import { loadThresholds, thresholdFor } from "./thresholds";

// The network quality indicators of a month: per target and metric the samples, average, min, max, the
// threshold in force now, the samples that breached it when they arrived, the compliance rate (达标率 = share of
// samples within the threshold) and whether the month's average meets the threshold.

export type QualityRow = {
  target: string; metric: NetworkMetric; providerId: number | null; providerName: string | null;
  samples: number; average: string; min: string; max: string; breaches: number; compliance: string;
  threshold: { op: ThresholdOp; limit: string } | null; meets: boolean | null;
};
export type AvailabilityTrend = { months: string[]; targets: string[]; points: { month: string; values: Record<string, string | null> }[] };
export type NetworkQuality = { month: string; months: string[]; rows: QualityRow[]; trend: AvailabilityTrend };

/** Providers see their own links; everything for scope all; department scopes no link (links are the providers'). */
export function networkScopeWhere(scope: DataScope): Prisma.NetworkQualityMonthWhereInput {
  if (scope.kind === "all") return {};
  return { providerId: { in: scope.kind === "providers" ? scope.providerIds : [] } };
}

const fixed = (d: Dec, places: number) => d.toDecimalPlaces(places, Dec.ROUND_HALF_UP).toFixed(places);

/** The months that have figures in the scope, newest first. */
export async function listQualityMonths(db: Db, scope: DataScope): Promise<string[]> {
  const rows = await db.networkQualityMonth.findMany({ where: networkScopeWhere(scope), distinct: ["month"], select: { month: true }, orderBy: { month: "desc" } });
  return rows.map((r) => r.month);
}

function previousMonths(month: string, n: number): string[] {
  const out = [month];
  while (out.length < n) out.unshift(shanghaiMonth(monthStart(out[0]) - 1));
  return out;
}

/** A month's figures (the latest month with figures, else the current one, when none is asked) and the 12-month availability trend. */
export async function getNetworkQuality(db: Db, scope: DataScope, askedMonth?: string, now = new Date()): Promise<NetworkQuality> {
  const months = await listQualityMonths(db, scope);
  const month = askedMonth && isMonth(askedMonth) ? askedMonth : months[0] ?? shanghaiMonth(now.getTime());
  const trendMonths = previousMonths(month, 12);
  const [rows, trendRows, thresholds] = await Promise.all([
    db.networkQualityMonth.findMany({ where: { month, ...networkScopeWhere(scope) }, orderBy: [{ target: "asc" }, { metric: "asc" }] }),
    db.networkQualityMonth.findMany({ where: { month: { in: trendMonths }, metric: "availability-pct", ...networkScopeWhere(scope) }, select: { month: true, target: true, samples: true, sum: true } }),
    loadThresholds(db),
  ]);
  const providers = new Map((await db.provider.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.providerId).filter((p): p is number => p !== null))] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const rank = (m: string) => NETWORK_METRICS.indexOf(m as NetworkMetric);
  const quality = rows.map((r): QualityRow => {
    const metric = r.metric as NetworkMetric;
    const sum = new Dec(r.sum.toString());
    const average = r.samples ? sum.div(r.samples) : new Dec(0);
    const t = thresholdFor(thresholds, metric, r.target);
    return {
      target: r.target, metric, providerId: r.providerId, providerName: r.providerId ? providers.get(r.providerId) ?? null : null,
      samples: r.samples, average: fixed(average, 3), min: new Dec(r.min.toString()).toString(), max: new Dec(r.max.toString()).toString(), breaches: r.breaches,
      compliance: r.samples ? fixed(new Dec(r.samples - r.breaches).div(r.samples), 4) : "0.0000",
      threshold: t ? { op: t.op, limit: t.limit.toString() } : null,
      meets: t ? (t.op === "max" ? average.lte(t.limit) : average.gte(t.limit)) : null,
    };
  }).sort((a, b) => a.target.localeCompare(b.target) || rank(a.metric) - rank(b.metric));
  const targets = [...new Set(trendRows.map((r) => r.target))].sort();
  const points = trendMonths.map((m) => ({
    month: m,
    values: Object.fromEntries(targets.map((target) => {
      const r = trendRows.find((x) => x.month === m && x.target === target);
      return [target, r && r.samples ? fixed(new Dec(r.sum.toString()).div(r.samples), 3) : null];
    })),
  }));
  return { month, months: months.includes(month) ? months : [month, ...months].sort().reverse(), rows: quality, trend: { months: trendMonths, targets, points } };
}
