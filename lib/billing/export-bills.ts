import ExcelJS from "exceljs";
import type { BillExport } from "./list-bills";

const LINE_HEADERS = ["月份", "部门编码", "部门名称", "资源ID", "计费项编码", "计费项名称", "单位", "单价", "数量", "金额", "折后金额", "话单数"];

const lineCells = (b: BillExport) => b.lines.map((l) => [b.month, b.department, b.departmentName, l.resourceId, l.itemCode, l.itemName, l.unit, l.unitPrice, l.quantity, l.amount, l.net, String(l.records)]);

function csvField(raw: string): string {
  // a cell a spreadsheet would run as a formula (a resource id from a CDR is provider input) is kept as text
  const value = /^[=+\-@\t\r]/.test(raw) && !/^-?\d+(\.\d+)?$/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV row per bill line. A BOM, so that Excel opens the Chinese names as UTF-8. */
export function billsToCsv(bills: BillExport[]): string {
  const rows = [LINE_HEADERS, ...bills.flatMap(lineCells)];
  return "\uFEFF" + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * A workbook with a summary sheet (one row per department) and a line sheet. Amounts are written as numbers
 * with a money format so that they can be summed in Excel (two decimals are exact in a double at these sizes);
 * quantities and unit prices stay text, as stored, because a double would cut their digits.
 */
export async function billsToXlsx(bills: BillExport[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(0);
  const money = "¥#,##0.00";
  const summary = book.addWorksheet("汇总");
  summary.columns = [
    { header: "月份", width: 10 }, { header: "部门编码", width: 10 }, { header: "部门名称", width: 24 }, { header: "折扣率", width: 8 },
    { header: "原价合计", width: 14, style: { numFmt: money } }, { header: "折后合计", width: 14, style: { numFmt: money } }, { header: "明细行数", width: 10 }, { header: "话单数", width: 10 },
  ];
  for (const b of bills) summary.addRow([b.month, b.department, b.departmentName, b.discountRate ?? "", Number(b.gross), Number(b.net), b.lines.length, b.records]);
  const lines = book.addWorksheet("明细");
  lines.columns = LINE_HEADERS.map((header, i) => ({ header, width: [10, 10, 24, 26, 16, 28, 16, 12, 20, 14, 14, 10][i], style: i === 9 || i === 10 ? { numFmt: money } : {} }));
  for (const b of bills) for (const cells of lineCells(b)) lines.addRow(cells.map((c, i) => (i === 9 || i === 10 ? Number(c) : i === 11 ? Number(c) : c)));
  for (const sheet of [summary, lines]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
