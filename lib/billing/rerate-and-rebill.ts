import type pg from "pg";
import type { Db } from "../db";
import { rerateUsage, type RerateSelection } from "../metering/rerate-usage";
import { refreshBills } from "./refresh-bills";

/** After a price or a project mapping changed: rates the stored usage again and rebuilds the bills of the months that changed. */
export async function rerateAndRebill(
  ctx: { db: Db; pool: pg.Pool },
  options: { only?: RerateSelection; month?: string; onProgress?: (done: number) => void } = {},
): Promise<{ changed: number; months: string[] }> {
  const result = await rerateUsage(ctx, options);
  for (const month of result.months) await refreshBills(ctx, month);
  return result;
}
