import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { applyCatalogPlan, planCatalogImport, type CatalogRow } from "../catalog/plan-catalog-import";
import { readCsvRecords } from "./read-csv";
import { recordAudit, SYSTEM_ACTOR } from "../audit/record-audit";

const code = z.string().trim().min(1, "must not be empty");

const providerRow = z.object({ provider_code: code, provider_name: code, region_codes: code.transform((s) => s.split(";").map((r) => r.trim()).filter(Boolean)) });
const tenantRow = z.object({
  project_id: code, project_name: code, vdc_code: code, vdc_name: code, department_code: code, department_name: code,
  discount_rate: z.string().trim().refine((s) => s === "" || (/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(s) && !/^0(\.0*)?$/.test(s)), "must be empty or a rate in (0, 1] with at most 4 decimals, e.g. 0.90"),
});
export type RowProblem = { file: string; line: number; reason: string };

/** Header-keyed rows of a CSV file, each with its line number; structural problems are added to `problems`. */
function readRows(file: string, problems: RowProblem[]): CatalogRow[] {
  const { rows, problems: found } = readCsvRecords(fs.readFileSync(file, "utf8"));
  problems.push(...found.map((p) => ({ file: path.basename(file), ...p })));
  return rows;
}

function parseFile<T extends z.ZodTypeAny>(file: string, schema: T, problems: RowProblem[]): z.infer<T>[] {
  const out: z.infer<T>[] = [];
  for (const row of readRows(file, problems)) {
    const parsed = schema.safeParse(row.values);
    if (parsed.success) out.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ file: path.basename(file), line: row.line, reason: `${issue.path.join(".") || "row"}: ${issue.message}` });
  }
  return out;
}

/**
 * Imports providers.csv, tenants.csv and catalog.csv (the shared reference format) from a folder. Idempotent
 * (keyed by codes). Every row is checked first: on any bad row nothing at all is applied and each problem is
 * reported with its file, line and reason.
 */
export async function importReference(db: Db, dir: string): Promise<{ providers: number; projects: number; priceItems: number }> {
  const problems: RowProblem[] = [];
  const file = (n: string) => {
    const f = path.join(dir, n);
    if (!fs.existsSync(f)) problems.push({ file: n, line: 0, reason: `missing: expected ${f}` });
    return f;
  };
  const [pf, tf, cf] = [file("providers.csv"), file("tenants.csv"), file("catalog.csv")];
  if (problems.length) throw new AppError("reference.invalid", problemText(problems), { problems });
  const providers = parseFile(pf, providerRow, problems);
  const tenants = parseFile(tf, tenantRow, problems);
  const catalog = readRows(cf, problems);
  if (problems.length) throw new AppError("reference.invalid", problemText(problems), { problems });

  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('catalog'))`; // the portal's catalog changes take the same lock
    const departmentsBefore = await tx.department.findMany({ select: { code: true, name: true, discountRate: true }, orderBy: { code: "asc" } });
    for (const p of providers) {
      await tx.provider.upsert({ where: { code: p.provider_code }, create: { code: p.provider_code, name: p.provider_name, regionCodes: p.region_codes }, update: { name: p.provider_name, regionCodes: p.region_codes } });
    }
    for (const t of tenants) {
      const rate = t.discount_rate === "" ? null : t.discount_rate;
      const dept = await tx.department.upsert({ where: { code: t.department_code }, create: { code: t.department_code, name: t.department_name, discountRate: rate }, update: { name: t.department_name, discountRate: rate } });
      const vdc = await tx.vdc.upsert({ where: { code: t.vdc_code }, create: { code: t.vdc_code, name: t.vdc_name, departmentId: dept.id }, update: { name: t.vdc_name, departmentId: dept.id } });
      await tx.project.upsert({ where: { projectId: t.project_id }, create: { projectId: t.project_id, name: t.project_name, vdcId: vdc.id }, update: { name: t.project_name, vdcId: vdc.id } });
    }
    // the catalog goes through the same rules as the portal's import (no overlaps, closed months untouched)
    const plan = await planCatalogImport(tx, catalog);
    if (plan.problems.length) {
      const mapped = plan.problems.map((p) => ({ file: "catalog.csv", line: p.line, reason: p.reason }));
      throw new AppError("reference.invalid", problemText(mapped), { problems: mapped });
    }
    await applyCatalogPlan(tx, plan);
    // the reference import changes prices and discounts as the portal does: audited likewise
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR, action: "reference.import", entity: "reference", entityId: path.basename(dir),
      summary: `导入参考数据：服务商 ${providers.length}，项目 ${tenants.length}；价格新增 ${plan.added.length}、变更 ${plan.changed.length}、下架 ${plan.retired.length}`,
      before: { departments: departmentsBefore, prices: [...plan.changed, ...plan.retired].map((c) => c.before) },
      after: { departments: await tx.department.findMany({ select: { code: true, name: true, discountRate: true }, orderBy: { code: "asc" } }), prices: [...plan.added, ...plan.changed.map((c) => c.after), ...plan.retired.map((c) => c.after)] },
    });
  }, { timeout: 60_000 });
  return { providers: providers.length, projects: tenants.length, priceItems: catalog.length };
}

function problemText(problems: RowProblem[]): string {
  return `reference import refused, nothing applied:\n${problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.reason}`).join("\n")}`;
}
