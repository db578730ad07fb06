import type { Db } from "../db";
import { Dec } from "../money";
import { departmentWhere, type DataScope } from "../auth/scope";

export type MonthBillRow = {
  department: string; departmentName: string; discountRate: string | null; gross: string; net: string; lineCount: number; records: number; builtAt: string;
};

/** The bill totals of one month, one row per department, and their sums, within the actor's scope. */
export async function listMonthBills(db: Db, input: { month: string }, scope: DataScope): Promise<{ bills: MonthBillRow[]; gross: string; net: string }> {
  const rows = await db.bill.findMany({ where: { month: input.month, ...departmentWhere(scope) }, include: { department: true }, orderBy: { department: { code: "asc" } } });
  const bills = rows.map((b) => ({
    department: b.department.code, departmentName: b.department.name, discountRate: b.discountRate?.toString() ?? null,
    gross: b.gross.toFixed(2), net: b.net.toFixed(2), lineCount: b.lineCount, records: b.recordCount, builtAt: b.builtAt.toISOString(),
  }));
  const sum = (pick: (b: MonthBillRow) => string) => bills.reduce((acc, b) => acc.add(pick(b)), new Dec(0)).toFixed(2);
  return { bills, gross: sum((b) => b.gross), net: sum((b) => b.net) };
}
