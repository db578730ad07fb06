import type { Db } from "../db";
import { departmentWhere, type DataScope } from "../auth/scope";

export type BillExport = {
  month: string;
  department: string;
  departmentName: string;
  gross: string;
  net: string;
  discountRate: string | null;
  records: number;
  lines: { resourceId: string; itemCode: string; itemName: string; unit: string; unitPrice: string; quantity: string; amount: string; net: string; records: number }[];
};

/** The bills of a month in the export shape shared by the CLI, the REST API and the spreadsheet export. */
export async function listBills(db: Db, input: { month: string; scope: DataScope }): Promise<BillExport[]> {
  const bills = await db.bill.findMany({
    where: { month: input.month, ...departmentWhere(input.scope) },
    include: { department: true, lines: { include: { priceItem: true } } },
    orderBy: { department: { code: "asc" } },
  });
  return bills.map((b) => ({
    month: b.month,
    department: b.department.code,
    departmentName: b.department.name,
    gross: b.gross.toFixed(2),
    net: b.net.toFixed(2),
    discountRate: b.discountRate?.toString() ?? null,
    records: b.recordCount,
    lines: b.lines
      .sort((x, y) => x.resourceId.localeCompare(y.resourceId) || x.priceItem.itemCode.localeCompare(y.priceItem.itemCode))
      .map((l) => ({
        resourceId: l.resourceId, itemCode: l.priceItem.itemCode, itemName: l.priceItem.name, unit: l.priceItem.unit,
        unitPrice: l.priceItem.unitPrice.toString(), quantity: l.quantity.toString(), amount: l.amount.toFixed(2), net: l.net.toFixed(2), records: l.recordCount,
      })),
  }));
}
