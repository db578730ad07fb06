import type pg from "pg";
import type { Db } from "../db";
import { effectiveUsageSql } from "../metering/effective-usage";
import { Dec } from "../money";
import { lineAmount } from "./line-amount";
import { isMonth } from "../time/shanghai";

type LineAggregate = { department_id: number; resource_id: string; price_item_id: number; numerator: string; denominator: string; records: string };

/**
 * Rebuilds the bills of one month from the usage that counts: a line per (department, resource, price item)
 * whose amount is unit price x (sum of numerators) / denominator, rounded once to the fen, half up; its net is
 * the rounded amount x the department's discount rate, rounded once. Bill totals are sums of rounded lines.
 */
export async function refreshBills(ctx: { db: Db; pool: pg.Pool }, month: string): Promise<{ bills: number; lines: number; closed?: true }> {
  if (!isMonth(month)) throw new Error(`not a month: ${month}`);
  const { db, pool } = ctx;
  const [prices, departments] = await Promise.all([db.priceItem.findMany(), db.department.findMany()]);
  const priceById = new Map(prices.map((p) => [p.id, p]));
  const rateByDepartment = new Map(departments.map((d) => [d.id, d.discountRate ? new Dec(d.discountRate.toString()) : null]));
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('bills:' || $1))", [month]);
    // a closed month's bills are final: late files, re-rating and price changes never reach them (closing takes the same lock)
    if ((await client.query("SELECT 1 FROM billing_month WHERE month = $1", [month])).rowCount) {
      await client.query("ROLLBACK");
      return { bills: 0, lines: 0, closed: true };
    }
    const { rows } = await client.query<LineAggregate>(
      `SELECT department_id, resource_id, price_item_id, sum(numerator)::text AS numerator, min(denominator)::text AS denominator, count(*)::text AS records
         FROM (${effectiveUsageSql("r.month = $1")}) u
        WHERE department_id IS NOT NULL AND price_item_id IS NOT NULL
        GROUP BY department_id, resource_id, price_item_id`,
      [month],
    );
    const bills = new Map<number, { gross: Dec; net: Dec; records: number; lines: unknown[][] }>();
    for (const row of rows) {
      const price = priceById.get(row.price_item_id)!;
      const { quantity, amount, net } = lineAmount({ numerator: row.numerator, denominator: row.denominator, unitPrice: price.unitPrice.toString(), discountRate: rateByDepartment.get(row.department_id) ?? null });
      const bill = bills.get(row.department_id) ?? { gross: new Dec(0), net: new Dec(0), records: 0, lines: [] };
      bill.gross = bill.gross.add(amount);
      bill.net = bill.net.add(net);
      bill.records += Number(row.records);
      bill.lines.push([row.resource_id, row.price_item_id, quantity.toDecimalPlaces(12).toFixed(), amount.toFixed(2), net.toFixed(2), Number(row.records)]);
      bills.set(row.department_id, bill);
    }
    await client.query("DELETE FROM bill WHERE month = $1", [month]);
    let lineCount = 0;
    for (const [departmentId, b] of bills) {
      const inserted = await client.query<{ id: number }>(
        "INSERT INTO bill (month, department_id, gross, net, discount_rate, line_count, record_count, built_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id",
        [month, departmentId, b.gross.toFixed(2), b.net.toFixed(2), rateByDepartment.get(departmentId)?.toFixed() ?? null, b.lines.length, b.records],
      );
      const id = inserted.rows[0].id;
      for (let i = 0; i < b.lines.length; i += 1000) {
        const chunk = b.lines.slice(i, i + 1000);
        const params: unknown[] = [];
        const values = chunk.map((l) => {
          params.push(id, ...l);
          const o = params.length - 7;
          return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7})`;
        });
        await client.query(`INSERT INTO bill_line (bill_id, resource_id, price_item_id, quantity, amount, net, record_count) VALUES ${values.join(", ")}`, params);
      }
      lineCount += b.lines.length;
    }
    await client.query("COMMIT");
    return { bills: bills.size, lines: lineCount };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
