import type { Db } from "../db";
import { departmentWhere, type DataScope } from "../auth/scope";
import type { MonthBillRow } from "./list-month-bills";

export type BillLineRow = {
  resourceId: string; priceItemId: number; itemCode: string; itemName: string; category: string; unit: string; unitPrice: string;
  quantity: string; amount: string; net: string; records: number;
};
export type BillDetail = MonthBillRow & { month: string; lines: BillLineRow[] };

/** One department's bill of one month with its lines, or null when it does not exist within the scope. */
export async function getBill(db: Db, input: { month: string; department: string }, scope: DataScope): Promise<BillDetail | null> {
  const b = await db.bill.findFirst({
    where: { month: input.month, department: { code: input.department }, ...departmentWhere(scope) },
    include: { department: true, lines: { include: { priceItem: true } } },
  });
  if (!b) return null;
  return {
    month: b.month, department: b.department.code, departmentName: b.department.name, discountRate: b.discountRate?.toString() ?? null,
    gross: b.gross.toFixed(2), net: b.net.toFixed(2), lineCount: b.lineCount, records: b.recordCount, builtAt: b.builtAt.toISOString(),
    lines: b.lines
      .sort((x, y) => x.resourceId.localeCompare(y.resourceId) || x.priceItem.itemCode.localeCompare(y.priceItem.itemCode))
      .map((l) => ({
        resourceId: l.resourceId, priceItemId: l.priceItemId, itemCode: l.priceItem.itemCode, itemName: l.priceItem.name, category: l.priceItem.category,
        unit: l.priceItem.unit, unitPrice: l.priceItem.unitPrice.toString(), quantity: l.quantity.toString(), amount: l.amount.toFixed(2), net: l.net.toFixed(2), records: l.recordCount,
      })),
  };
}
