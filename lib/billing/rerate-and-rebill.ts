import type pg from "pg";
import type { Db } from "../db";
import { rerateUsage, type RerateSelection } from "../metering/rerate-usage";
import { refreshBills } from "./refresh-bills";

/**
 * After a price or a project mapping changed: rates the stored usage again and rebuilds bills. Re-rating "all"
 * (a catalog or org change) rebuilds every open month that has usage, since a new unit price changes amounts
 * without changing which price item a record has; re-rating the exceptions rebuilds the months whose usage moved.
 * Returns the records whose rating changed and the months rebuilt.
 */
export async function rerateAndRebill(
  ctx: { db: Db; pool: pg.Pool },
  options: { only?: RerateSelection; month?: string; onProgress?: (done: number) => void } = {},
): Promise<{ changed: number; months: string[] }> {
  const result = await rerateUsage(ctx, options);
  const months = new Set(result.months);
  if ((options.only ?? "all") === "all") {
    const { rows } = await ctx.pool.query<{ month: string }>(
      `SELECT DISTINCT m AS month FROM cdr_file, unnest(months) AS m WHERE m NOT IN (SELECT month FROM billing_month)${options.month ? " AND m = $1" : ""}`,
      options.month ? [options.month] : [],
    );
    for (const r of rows) months.add(r.month);
  }
  const sorted = [...months].sort();
  for (const month of sorted) await refreshBills(ctx, month);
  return { changed: result.changed, months: sorted };
}
