import ExcelJS from "exceljs";

export type XlsxColumn = { header: string; width?: number; money?: boolean };

/** One sheet with a bold frozen header: the export every list in the portal offers. */
export async function tableToXlsx(sheetName: string, columns: XlsxColumn[], rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(0);
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16, style: c.money ? { numFmt: "¥#,##0.00" } : {} }));
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ""));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The first sheet of a workbook as header-keyed rows (cells as trimmed text), each with its sheet row number. */
export async function readXlsxRows(data: Buffer | ArrayBuffer): Promise<{ header: string[]; rows: { line: number; values: Record<string, string> }[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const text = (v: ExcelJS.CellValue): string => {
    if (v == null) return "";
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === "object") {
      if ("richText" in v) return v.richText.map((t) => t.text).join("");
      if ("result" in v) return text(v.result as ExcelJS.CellValue);
      if ("text" in v) return String(v.text);
    }
    return String(v);
  };
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c, i) => { header[i - 1] = text(c.value).trim(); });
  const rows: { line: number; values: Record<string, string> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    header.forEach((h, i) => { values[h] = text(row.getCell(i + 1).value).trim(); });
    if (Object.values(values).some((v) => v !== "")) rows.push({ line, values });
  });
  return { header, rows };
}
