import type pg from "pg";
import type { DataScope } from "../auth/scope";
import { Dec } from "../money";
import { isMonth, monthStart, nextMonth, parseMonth } from "../time/shanghai";

// The home page's figures, all read from the built bills and bill lines (already aggregated per resource and
// price), never from usage records: a page load stays a handful of indexed queries whatever the month's volume.

export type CostRow = { code: string; name: string; net: string; previousNet: string };
export type TrendPoint = { month: string; net: string; byProvider: Record<string, string> };
export type TopResource = { resourceId: string; itemCode: string; itemName: string; department: string; departmentName: string; providerCode: string; net: string };
export type FileHour = { hour: string; received: number; expected: number };
export type HomeOverview = {
  month: string | null;
  previousMonth: string | null;
  months: string[];
  net: string;
  previousNet: string;
  byDepartment: CostRow[];
  byProvider: CostRow[];
  trend: TrendPoint[];
  topResources: TopResource[];
};

export function previousMonthOf(month: string): string {
  const [y, m] = parseMonth(month);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The 12 months ending with `month`, oldest first. */
export function twelveMonthsTo(month: string): string[] {
  const out = [month];
  while (out.length < 12) out.unshift(previousMonthOf(out[0]));
  return out;
}

/** A scope as a condition on bill b and price item p: a tenant sees their departments' lines, a provider the lines it priced. */
function lineScopeSql(scope: DataScope, params: unknown[]): string {
  if (scope.kind === "all") return "TRUE";
  params.push(scope.kind === "departments" ? scope.departmentIds : scope.providerIds);
  return `${scope.kind === "departments" ? "b.department_id" : "p.provider_id"} = ANY($${params.length}::int[])`;
}

const LINES = "bill_line l JOIN bill b ON b.id = l.bill_id JOIN price_item p ON p.id = l.price_item_id";

/**
 * This month's and last month's cost by department and by provider, a 12-month trend by provider, and the
 * resources that cost most, within the actor's scope. `month` defaults to the latest month with bills.
 */
export async function getHomeOverview(pool: pg.Pool, scope: DataScope, input: { month?: string } = {}): Promise<HomeOverview> {
  const monthParams: unknown[] = [];
  const monthRows = await pool.query<{ month: string }>(`SELECT DISTINCT b.month FROM ${LINES} WHERE ${lineScopeSql(scope, monthParams)} ORDER BY b.month DESC`, monthParams);
  const months = monthRows.rows.map((r) => r.month);
  const month = input.month && isMonth(input.month) ? input.month : months[0] ?? null;
  if (!month) return { month: null, previousMonth: null, months, net: "0.00", previousNet: "0.00", byDepartment: [], byProvider: [], trend: [], topResources: [] };
  const previous = previousMonthOf(month);
  const trendMonths = twelveMonthsTo(month);

  const byKey = async (key: "department" | "provider"): Promise<CostRow[]> => {
    const params: unknown[] = [[month, previous], month, previous];
    const scopeSql = lineScopeSql(scope, params);
    const [code, name, join] = key === "department" ? ["d.code", "d.name", "JOIN department d ON d.id = b.department_id"] : ["v.code", "v.name", "JOIN provider v ON v.id = p.provider_id"];
    const { rows } = await pool.query<{ code: string; name: string; net: string; previous_net: string }>(
      `SELECT ${code} AS code, ${name} AS name,
              coalesce(sum(l.net) FILTER (WHERE b.month = $2), 0)::text AS net,
              coalesce(sum(l.net) FILTER (WHERE b.month = $3), 0)::text AS previous_net
         FROM ${LINES} ${join}
        WHERE b.month = ANY($1::text[]) AND ${scopeSql}
        GROUP BY 1, 2 ORDER BY coalesce(sum(l.net) FILTER (WHERE b.month = $2), 0) DESC, 1`,
      params,
    );
    return rows.map((r) => ({ code: r.code, name: r.name, net: new Dec(r.net).toFixed(2), previousNet: new Dec(r.previous_net).toFixed(2) }));
  };

  const trendParams: unknown[] = [trendMonths];
  const topParams: unknown[] = [month];
  const [byDepartment, byProvider, trendRows, topRows] = await Promise.all([
    byKey("department"),
    byKey("provider"),
    pool.query<{ month: string; provider: string; net: string }>(
      `SELECT b.month, v.code AS provider, sum(l.net)::text AS net FROM ${LINES} JOIN provider v ON v.id = p.provider_id
        WHERE b.month = ANY($1::text[]) AND ${lineScopeSql(scope, trendParams)} GROUP BY 1, 2`,
      trendParams,
    ),
    pool.query<{ resource_id: string; item_code: string; item_name: string; department: string; department_name: string; provider: string; net: string }>(
      `SELECT l.resource_id, p.item_code, p.name AS item_name, d.code AS department, d.name AS department_name, v.code AS provider, l.net::text AS net
         FROM ${LINES} JOIN department d ON d.id = b.department_id JOIN provider v ON v.id = p.provider_id
        WHERE b.month = $1 AND ${lineScopeSql(scope, topParams)} ORDER BY l.net DESC, l.resource_id LIMIT 10`,
      topParams,
    ),
  ]);
  const trend = trendMonths.map((m) => {
    const rows = trendRows.rows.filter((r) => r.month === m);
    return { month: m, net: rows.reduce((a, r) => a.add(r.net), new Dec(0)).toFixed(2), byProvider: Object.fromEntries(rows.map((r) => [r.provider, new Dec(r.net).toFixed(2)])) };
  });
  const total = (rows: CostRow[], pick: (r: CostRow) => string) => rows.reduce((a, r) => a.add(pick(r)), new Dec(0)).toFixed(2);
  return {
    month, previousMonth: previous, months, byDepartment, byProvider, trend,
    net: total(byDepartment, (r) => r.net), previousNet: total(byDepartment, (r) => r.previousNet),
    topResources: topRows.rows.map((r) => ({ resourceId: r.resource_id, itemCode: r.item_code, itemName: r.item_name, department: r.department, departmentName: r.department_name, providerCode: r.provider, net: new Dec(r.net).toFixed(2) })),
  };
}

/**
 * CDR files received per Shanghai hour of a month against the files expected: every stream (region and folder)
 * that delivered in the month sends one file an hour, an empty one when it has no usage, so an hour with fewer
 * files than streams is a gap. A file covers the hour before the creation time in its name (the 00:00 hour's file is
 * written at 01:01), or the period that begins at the time in a period-form name (files whose name carries no time are
 * left out: their hour is not known here). A name's odd date (day 31 of February) rolls over rather than failing the page.
 */
export async function listFileHours(pool: pg.Pool, input: { month: string; regionCodes?: string[] }): Promise<{ hours: FileHour[]; streams: number; missing: number }> {
  const from = new Date(monthStart(input.month));
  const to = new Date(monthStart(nextMonth(input.month)));
  const params: unknown[] = [from, to];
  const regionSql = input.regionCodes ? (params.push(input.regionCodes), `AND region_code = ANY($${params.length}::text[])`) : "";
  const { rows } = await pool.query<{ hour: string; region_code: string; folder: string; files: number }>(
    `WITH named AS (
       SELECT region_code, folder, (make_timestamp(substr(t, 1, 4)::int, substr(t, 5, 2)::int, 1, 0, 0, 0)
                                    + make_interval(days => substr(t, 7, 2)::int - 1, hours => substr(t, 9, 2)::int, mins => substr(t, 11, 2)::int, secs => substr(t, 13, 2)::int)) AT TIME ZONE 'UTC' AS created,
              file_name ~ '_\\d{14}_\\d{14}_' AS period
         FROM (SELECT *, substring(file_name from '_(\\d{4}(?:0[1-9]|1[0-2])\\d{8})') AS t FROM cdr_file) f
        WHERE current AND status IN ('ok', 'incomplete', 'duplicate') AND region_code IS NOT NULL AND t IS NOT NULL ${regionSql})
     SELECT to_char(date_trunc('hour', covers AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD HH24:00') AS hour, region_code, folder, count(*)::int AS files
       FROM (SELECT *, CASE WHEN period THEN created ELSE created - interval '1 hour' END AS covers FROM named) n
      WHERE covers >= $1 AND covers < $2 GROUP BY 1, 2, 3`,
    params,
  );
  const streams = new Set(rows.map((r) => `${r.region_code}/${r.folder}`));
  const perHour = new Map<string, Set<string>>();
  for (const r of rows) {
    const s = perHour.get(r.hour) ?? new Set<string>();
    s.add(`${r.region_code}/${r.folder}`);
    perHour.set(r.hour, s);
  }
  const hours: FileHour[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += 3600_000) {
    const label = new Date(t + 8 * 3600_000).toISOString().slice(0, 13).replace("T", " ") + ":00";
    hours.push({ hour: label, received: perHour.get(label)?.size ?? 0, expected: streams.size });
  }
  // only hours up to the last one that delivered anything: the future of an open month is not a gap
  const last = hours.findLastIndex((h) => h.received > 0);
  const seen = last < 0 ? [] : hours.slice(0, last + 1);
  return { hours: seen, streams: streams.size, missing: seen.reduce((a, h) => a + (h.expected - h.received), 0) };
}
