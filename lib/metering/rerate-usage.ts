import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "../db";
import { Dec } from "../money";
import { copyRow } from "./persist/copy-text";
import { rateRecord } from "./rate/rate-record";
import { isMonth } from "../time/shanghai";
import { loadRatingReference } from "./rate/rating-reference";
import { RATING_EXCLUSIVE_LOCK, RATING_EXCLUSIVE_UNLOCK } from "./rate/rating-lock";

type Row = {
  file_id: number; line_no: number; part: number; user_id: string; region_code: string; service_type_code: string; resource_type_code: string;
  resource_spec_code: string; begin_time: Date; end_time: Date; factor_name: string; factor_value: string;
  provider_id: number | null; department_id: number | null; price_item_id: number | null; numerator: string | null; denominator: string | null;
};

/**
 * "all" after any change to the reference; "exceptions" (only unassigned or unrated usage) after a project was
 * mapped or a price added for a key that had none, which cannot change anything already rated.
 */
export type RerateSelection = "all" | "exceptions";

// closed months are final: their usage keeps the rating their bills were built from
const rerateFilter = (only: RerateSelection, month?: string) => {
  if (month !== undefined && !isMonth(month)) throw new Error(`not a month: ${month}`);
  return `month NOT IN (SELECT month FROM billing_month)${only === "exceptions" ? " AND (department_id IS NULL OR price_item_id IS NULL)" : ""}${month ? ` AND month = '${month}'` : ""}`;
};

/** How many usage rows a re-rating would read (for progress). */
export async function countRerateCandidates(pool: pg.Pool, only: RerateSelection): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM usage_record WHERE ${rerateFilter(only)}`);
  return Number(rows[0].n);
}

/**
 * Rates stored usage again with the current catalog and project mappings (after a price or a mapping changed),
 * through the same pure rateRecord as ingestion. Rows are read in keyset batches and updated only where the
 * rating changed. Returns the months whose bills must be rebuilt.
 */
export async function rerateUsage(
  ctx: { db: Db; pool: pg.Pool },
  options: { only?: RerateSelection; month?: string; onProgress?: (done: number) => void } = {},
): Promise<{ changed: number; months: string[] }> {
  const filter = `AND ${rerateFilter(options.only ?? "all", options.month)}`;
  // after every file rated with an older catalog has committed, and before any newer one starts (rating-lock.ts)
  const lock = await ctx.pool.connect();
  try {
    await lock.query(`SELECT ${RATING_EXCLUSIVE_LOCK}`);
    return await rerateLocked(ctx, filter, options.onProgress);
  } finally {
    await lock.query(`SELECT ${RATING_EXCLUSIVE_UNLOCK}`).catch(() => {});
    lock.release();
  }
}

async function rerateLocked(ctx: { db: Db; pool: pg.Pool }, filter: string, onProgress?: (done: number) => void): Promise<{ changed: number; months: string[] }> {
  const ref = await loadRatingReference(ctx.db);
  const months = new Set<string>();
  let changed = 0;
  let done = 0;
  let after = [0, 0, -1];
  while (true) {
    const { rows } = await ctx.pool.query<Row & { month: string }>(
      `SELECT file_id, line_no, part, month, user_id, region_code, service_type_code, resource_type_code, resource_spec_code, begin_time, end_time,
              factor_name, factor_value::text, provider_id, department_id, price_item_id, numerator::text, denominator::text
         FROM usage_record WHERE (file_id, line_no, part) > ($1, $2, $3) ${filter} ORDER BY file_id, line_no, part LIMIT 20000`,
      after,
    );
    if (!rows.length) break;
    const updates: string[] = [];
    for (const r of rows) {
      const parts = rateRecord({
        userId: r.user_id, regionCode: r.region_code, serviceTypeCode: r.service_type_code, resourceTypeCode: r.resource_type_code,
        resourceSpecCode: r.resource_spec_code, beginTime: r.begin_time.getTime(), endTime: r.end_time.getTime(), factor: r.factor_name.toLowerCase(), factorValue: r.factor_value,
      }, ref);
      const p = parts[r.part];
      const same = p.providerId === r.provider_id && p.departmentId === r.department_id && p.priceItemId === r.price_item_id &&
        sameNumber(p.numerator, r.numerator) && sameNumber(p.denominator, r.denominator);
      if (!same) {
        updates.push(copyRow([r.file_id, r.line_no, r.part, p.providerId, p.departmentId, p.priceItemId, p.numerator, p.denominator]));
        months.add(r.month);
      }
    }
    if (updates.length) {
      const client = await ctx.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("CREATE TEMP TABLE rerate (file_id int, line_no int, part smallint, provider_id int, department_id int, price_item_id int, numerator numeric, denominator numeric) ON COMMIT DROP");
        await pipeline(Readable.from([updates.join("")]), client.query(copyFrom("COPY rerate FROM STDIN")));
        await client.query(`UPDATE usage_record u SET provider_id = t.provider_id, department_id = t.department_id, price_item_id = t.price_item_id,
            numerator = t.numerator, denominator = t.denominator FROM rerate t WHERE u.file_id = t.file_id AND u.line_no = t.line_no AND u.part = t.part`);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
      changed += updates.length;
    }
    done += rows.length;
    onProgress?.(done);
    const last = rows[rows.length - 1];
    after = [last.file_id, last.line_no, last.part];
  }
  return { changed, months: [...months].sort() };
}

function sameNumber(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Dec(a).eq(b);
}
