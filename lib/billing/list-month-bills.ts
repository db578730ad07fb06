import type { Db } from "../db";
import { departmentWhere, type DataScope } from "../auth/scope";

export type MonthBillRow = {
  department: string; departmentName: string; discountRate: string | null; gross: string; net: string; lines: number; records: number; builtAt: string;
};

/** The bill totals of one month, one row per department, within the actor's scope. */
export async function listMonthBills(db: Db, input: { month: string }, scope: DataScope): Promise<MonthBillRow[]> {
  const bills = await db.bill.findMany({ where: { month: input.month, ...departmentWhere(scope) }, include: { department: true }, orderBy: { department: { code: "asc" } } });
  return bills.map((b) => ({
    department: b.department.code, departmentName: b.department.name, discountRate: b.department.discountRate?.toString() ?? null,
    gross: b.gross.toFixed(2), net: b.net.toFixed(2), lines: b.lineCount, records: b.recordCount, builtAt: b.builtAt.toISOString(),
  }));
}
