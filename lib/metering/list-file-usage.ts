import type pg from "pg";
import { usageScopeSql, type DataScope } from "../auth/scope";
import { toUsageRow, USAGE_ROW_COLUMNS, USAGE_ROW_JOINS, type UsageRow } from "./usage-row";

/** One page of the usage records a file contributed (every month part), within the actor's scope. */
export async function listFileUsage(pool: pg.Pool, input: { fileId: number; page: number; pageSize: number }, scope: DataScope): Promise<{ rows: UsageRow[]; total: number }> {
  const params: unknown[] = [input.fileId];
  const where = `u.file_id = $1 AND ${usageScopeSql(scope, "u", params)}`;
  const paging = [input.pageSize, (input.page - 1) * input.pageSize];
  const [rows, count] = await Promise.all([
    pool.query(`SELECT ${USAGE_ROW_COLUMNS} FROM usage_record u ${USAGE_ROW_JOINS} WHERE ${where}
      ORDER BY u.line_no, u.part LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, ...paging]),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM usage_record u WHERE ${where}`, params),
  ]);
  return { rows: rows.rows.map(toUsageRow), total: count.rows[0].total };
}
