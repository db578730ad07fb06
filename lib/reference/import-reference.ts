import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { isUnit, UNIT_FACTORS } from "../metering/rate/tariff";
import { readCsv } from "./read-csv";

const code = z.string().trim().min(1, "must not be empty");
const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "is not a calendar date");
// at most the database's scale: a price is never rounded on the way in
const decimal = z.string().trim().regex(/^\d{1,14}(\.\d{1,6})?$/, "must be a non-negative decimal number with at most 6 decimals");

const providerRow = z.object({ provider_code: code, provider_name: code, region_codes: code.transform((s) => s.split(";").map((r) => r.trim()).filter(Boolean)) });
const tenantRow = z.object({
  project_id: code, project_name: code, vdc_code: code, vdc_name: code, department_code: code, department_name: code,
  discount_rate: z.string().trim().refine((s) => s === "" || (/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(s) && !/^0(\.0*)?$/.test(s)), "must be empty or a rate in (0, 1] with at most 4 decimals, e.g. 0.90"),
});
const catalogRow = z.object({
  item_code: code, provider_code: code, category: code, item_name: code, service_type_code: code, resource_type_code: code,
  resource_spec_code: code, factor: code.transform((f) => f.toLowerCase()),
  unit: code.refine(isUnit, "must be one of CNY/month, CNY/hour, CNY/GB/month, CNY/Mbps/month, CNY/GB, CNY/10k"),
  unit_price: decimal, valid_from: date, valid_to: z.union([z.literal(""), date]),
}).superRefine((r, ctx) => {
  if (isUnit(r.unit) && !UNIT_FACTORS[r.unit].includes(r.factor)) ctx.addIssue({ code: "custom", path: ["unit"], message: `${r.unit} cannot rate the factor ${r.factor}` });
  if (r.valid_to && r.valid_to <= r.valid_from) ctx.addIssue({ code: "custom", path: ["valid_to"], message: "must be after valid_from" });
});

export type RowProblem = { file: string; line: number; reason: string };

function parseFile<T extends z.ZodTypeAny>(file: string, schema: T, problems: RowProblem[]): z.infer<T>[] {
  const name = path.basename(file);
  const rows = readCsv(fs.readFileSync(file, "utf8"));
  if (!rows.length) { problems.push({ file: name, line: 1, reason: "the file is empty" }); return []; }
  const header = rows[0].fields.map((h) => h.trim());
  const out: z.infer<T>[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length !== header.length) { problems.push({ file: name, line: row.line, reason: `expected ${header.length} columns, found ${row.fields.length}` }); continue; }
    const parsed = schema.safeParse(Object.fromEntries(header.map((h, i) => [h, row.fields[i]])));
    if (parsed.success) out.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ file: name, line: row.line, reason: `${issue.path.join(".") || "row"}: ${issue.message}` });
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
  const items = parseFile(cf, catalogRow, problems);
  const providerCodes = new Set([...providers.map((p) => p.provider_code), ...(await db.provider.findMany()).map((p) => p.code)]);
  items.forEach((i) => { if (!providerCodes.has(i.provider_code)) problems.push({ file: "catalog.csv", line: 0, reason: `item ${i.item_code}: unknown provider ${i.provider_code}` }); });
  if (problems.length) throw new AppError("reference.invalid", problemText(problems), { problems });

  await db.$transaction(async (tx) => {
    for (const p of providers) {
      await tx.provider.upsert({ where: { code: p.provider_code }, create: { code: p.provider_code, name: p.provider_name, regionCodes: p.region_codes }, update: { name: p.provider_name, regionCodes: p.region_codes } });
    }
    for (const t of tenants) {
      const rate = t.discount_rate === "" ? null : t.discount_rate;
      const dept = await tx.department.upsert({ where: { code: t.department_code }, create: { code: t.department_code, name: t.department_name, discountRate: rate }, update: { name: t.department_name, discountRate: rate } });
      const vdc = await tx.vdc.upsert({ where: { code: t.vdc_code }, create: { code: t.vdc_code, name: t.vdc_name, departmentId: dept.id }, update: { name: t.vdc_name, departmentId: dept.id } });
      await tx.project.upsert({ where: { projectId: t.project_id }, create: { projectId: t.project_id, name: t.project_name, vdcId: vdc.id }, update: { name: t.project_name, vdcId: vdc.id } });
    }
    const providerIds = new Map((await tx.provider.findMany()).map((p) => [p.code, p.id]));
    for (const i of items) {
      const data = {
        providerId: providerIds.get(i.provider_code)!, category: i.category, name: i.item_name, serviceTypeCode: i.service_type_code,
        resourceTypeCode: i.resource_type_code, resourceSpecCode: i.resource_spec_code, factor: i.factor, unit: i.unit, unitPrice: i.unit_price,
        validFrom: new Date(`${i.valid_from}T00:00:00Z`), validTo: i.valid_to ? new Date(`${i.valid_to}T00:00:00Z`) : null,
      };
      await tx.priceItem.upsert({ where: { itemCode: i.item_code }, create: { itemCode: i.item_code, ...data }, update: data });
    }
  }, { timeout: 60_000 });
  return { providers: providers.length, projects: tenants.length, priceItems: items.length };
}

function problemText(problems: RowProblem[]): string {
  return `reference import refused, nothing applied:\n${problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.reason}`).join("\n")}`;
}
