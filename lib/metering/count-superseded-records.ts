import type pg from "pg";
import { effectiveUsageSql } from "./effective-usage";

/**
 * How many of a file's valid records do not count: the same record again (a repeated 20), a record replaced by
 * a correction, or every record of a version that was itself replaced. They are kept, and counted here.
 */
export async function countSupersededRecords(pool: pg.Pool, fileId: number): Promise<number> {
  const { rows } = await pool.query<{ superseded: number }>(
    `WITH counting AS (${effectiveUsageSql("r.record_key IN (SELECT record_key FROM usage_record WHERE file_id = $1)")})
     SELECT count(DISTINCT m.line_no)::int AS superseded FROM usage_record m
      WHERE m.file_id = $1 AND NOT EXISTS (SELECT 1 FROM counting c WHERE c.file_id = m.file_id AND c.line_no = m.line_no)`,
    [fileId],
  );
  return rows[0].superseded;
}
