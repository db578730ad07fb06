import iconv from "iconv-lite";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { readXlsxRows, tableToXlsx } from "../export/table-xlsx";
import { readCsvRecords } from "../reference/read-csv";
import { applyCatalogPlan, CATALOG_COLUMNS, itemState, planCatalogImport, type CatalogImportPlan, type CatalogRow, type ImportProblem } from "./plan-catalog-import";

export const MAX_CATALOG_FILE_BYTES = 5 * 1024 * 1024;

/** UTF-8 (with or without a BOM), else GBK: what Excel on a Chinese Windows writes as "CSV". */
function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return iconv.decode(data, "gbk");
  }
}

/** The rows of an uploaded catalog: an xlsx workbook (first sheet) or a CSV in the shared columns. */
export async function readCatalogFile(fileName: string, data: Buffer): Promise<{ rows: CatalogRow[]; problems: ImportProblem[] }> {
  if (data.length > MAX_CATALOG_FILE_BYTES) return { rows: [], problems: [{ line: 0, reason: `文件超过 ${MAX_CATALOG_FILE_BYTES / 1024 / 1024} MB，请拆分后再导入` }] };
  let header: string[];
  let rows: CatalogRow[];
  let problems: ImportProblem[] = [];
  if (/\.xlsx$/i.test(fileName)) {
    try { ({ header, rows } = await readXlsxRows(data)); } catch { return { rows: [], problems: [{ line: 0, reason: "无法读取工作簿：请上传 .xlsx 或 .csv 文件" }] }; }
  } else if (/\.csv$/i.test(fileName)) {
    ({ rows, problems } = readCsvRecords(decodeCsv(data)));
    problems = problems.map((p) => ({ line: p.line, reason: p.reason.replace(/^expected (\d+) columns, found (\d+)$/, "应有 $1 列，实际 $2 列").replace(/^the file is empty$/, "文件为空") }));
    header = rows[0] ? Object.keys(rows[0].values) : [];
  } else {
    return { rows: [], problems: [{ line: 0, reason: "只支持 .xlsx 或 .csv 文件" }] };
  }
  const missing = CATALOG_COLUMNS.filter((c) => c !== "valid_to" && rows.length && !header.includes(c));
  if (missing.length) return { rows: [], problems: [{ line: 1, reason: `缺少列：${missing.join("、")}（请使用导出的目录作为模板）` }] };
  if (!rows.length && !problems.length) problems = [{ line: 2, reason: "没有数据行" }];
  return { rows, problems };
}

export type CatalogImportResult = { applied: boolean; plan: CatalogImportPlan; fromMonth: string | null };

/**
 * Imports catalog rows: a dry run returns what would be added, changed and retired and every problem, and
 * writes nothing; otherwise the plan is applied in one transaction (nothing on any problem) and audited.
 * `fromMonth` is the first month whose rating may change, for the re-rating that follows.
 */
export async function importCatalog(db: Db, actor: Actor, rows: CatalogRow[], options: { dryRun: boolean }): Promise<CatalogImportResult> {
  if (!can(actor, options.dryRun ? "catalog.manage" : "catalog.publish")) throw new AppError("auth.forbidden", "您没有导入并发布价格的权限", undefined, 403);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('catalog'))`;
    const plan = await planCatalogImport(tx, rows);
    const touched = [...plan.added, ...plan.changed.map((c) => c.after), ...plan.retired.map((c) => c.after)];
    const fromMonth = touched.length ? touched.map((s) => s.validFrom.slice(0, 7)).sort()[0] : null;
    if (options.dryRun || plan.problems.length || !touched.length) return { applied: false, plan, fromMonth };
    await applyCatalogPlan(tx, plan);
    await recordAudit(tx, {
      actor: auditActorOf(actor), action: "price.import", entity: "catalog", summary: `导入服务目录：新增 ${plan.added.length}，变更 ${plan.changed.length}，下架 ${plan.retired.length}`,
      before: [...plan.changed, ...plan.retired].map((c) => c.before), after: touched,
    });
    return { applied: true, plan, fromMonth };
  }, { timeout: 60_000 });
}

/** The whole catalog (drafts included) as an xlsx in the import columns, so that an export edited and imported again round-trips. */
export async function catalogToXlsx(db: Db): Promise<Buffer> {
  const items = await db.priceItem.findMany({ include: { provider: true }, orderBy: [{ provider: { code: "asc" } }, { category: "asc" }, { itemCode: "asc" }] });
  const rows = items.map((i) => {
    const s = itemState(i);
    return [s.itemCode, i.provider.code, s.category, s.name, s.serviceTypeCode, s.resourceTypeCode, s.resourceSpecCode, s.factor, s.unit, s.unitPrice, s.validFrom, s.validTo ?? ""];
  });
  return tableToXlsx("服务目录", CATALOG_COLUMNS.map((header) => ({ header, width: header === "item_name" ? 28 : 18 })), rows);
}
