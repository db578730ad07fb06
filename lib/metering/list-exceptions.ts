import type pg from "pg";
import { usageScopeSql, type DataScope } from "../auth/scope";
import { effectiveUsageSql } from "./effective-usage";

export type Exceptions = {
  unassigned: { projectId: string; regionCode: string; records: number; months: string[] }[];
  unrated: { regionCode: string; serviceTypeCode: string; resourceTypeCode: string; resourceSpecCode: string; factor: string; records: number; months: string[] }[];
};

/** Usage that counts but cannot be billed: no department for its project (unassigned), no price (unrated). */
export async function listExceptions(pool: pg.Pool, scope: DataScope): Promise<Exceptions> {
  const params: unknown[] = [];
  // The choice of the record that counts runs over every record key that has an unbillable row; what is then
  // unbillable is decided on the winners (a correction may have fixed what its original lacked).
  const usage = `SELECT * FROM (${effectiveUsageSql(
    "r.record_key IN (SELECT record_key FROM usage_record WHERE department_id IS NULL OR price_item_id IS NULL)",
  )}) e WHERE (e.department_id IS NULL OR e.price_item_id IS NULL) AND ${usageScopeSql(scope, "e", params)}`;
  const [unassigned, unrated] = await Promise.all([
    pool.query(
      `SELECT user_id AS "projectId", min(region_code) AS "regionCode", count(DISTINCT (file_id, line_no))::int AS records, array_agg(DISTINCT month ORDER BY month) AS months
         FROM (${usage}) u WHERE department_id IS NULL GROUP BY user_id ORDER BY user_id`, params),
    pool.query(
      `SELECT region_code AS "regionCode", service_type_code AS "serviceTypeCode", resource_type_code AS "resourceTypeCode",
              resource_spec_code AS "resourceSpecCode", lower(factor_name) AS factor, count(DISTINCT (file_id, line_no))::int AS records,
              array_agg(DISTINCT month ORDER BY month) AS months
         FROM (${usage}) u WHERE price_item_id IS NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`, params),
  ]);
  return { unassigned: unassigned.rows, unrated: unrated.rows };
}
