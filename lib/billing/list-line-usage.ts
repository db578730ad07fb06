import type pg from "pg";
import { z } from "zod";
import { usageScopeSql, type DataScope } from "../auth/scope";
import { effectiveUsageSql } from "../metering/effective-usage";
import { toUsageRow, USAGE_ROW_COLUMNS, USAGE_ROW_JOINS, type UsageRow } from "../metering/usage-row";

export const lineUsageInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  department: z.string().min(1).max(64),
  resourceId: z.string().min(1).max(500),
  priceItemId: z.coerce.number().int().positive(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The CDR records behind one bill line: the usage that counts (corrections and duplicates resolved, as the bill
 * was built) for that department, month, resource and price item, with the file path and line number.
 */
export async function listLineUsage(pool: pg.Pool, rawInput: z.input<typeof lineUsageInput>, scope: DataScope): Promise<{ rows: UsageRow[]; total: number }> {
  const input = lineUsageInput.parse(rawInput);
  const params: unknown[] = [input.month, input.department, input.resourceId, input.priceItemId];
  // Inside the effective-usage choice only what is the same for every row of a record key (month, the project's
  // department, the resource); the price item and the provider can differ between a record and its correction.
  const usage = `SELECT * FROM (${effectiveUsageSql("r.month = $1 AND r.department_id = (SELECT id FROM department WHERE code = $2) AND r.resource_id = $3")}) e
    WHERE e.price_item_id = $4 AND ${usageScopeSql(scope, "e", params)}`;
  const paging = [input.pageSize, (input.page - 1) * input.pageSize];
  const [rows, count] = await Promise.all([
    pool.query(`SELECT ${USAGE_ROW_COLUMNS} FROM (${usage}) u ${USAGE_ROW_JOINS}
      ORDER BY u.part_begin, u.file_id, u.line_no, u.part LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, ...paging]),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${usage}) u`, params),
  ]);
  return { rows: rows.rows.map(toUsageRow), total: count.rows[0].total };
}
