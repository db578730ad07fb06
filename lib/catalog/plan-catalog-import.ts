import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { Dec } from "../money";
import { formatShanghai } from "../time/shanghai";
import { changedRange, closedMonthsTouched, overlaps, ratingKey, type Validity } from "./catalog-rules";
import { asDbDate, fromDbDate, priceItemSchema, type PriceItemValues } from "./price-item-schema";

export type CatalogRow = { line: number; values: Record<string, string> };
export type ItemState = Omit<PriceItemValues, "validTo" | "description"> & { validTo: string | null; description: string | null; status: string };
export type ItemChange = { itemCode: string; before: ItemState; after: ItemState; fields: string[] };
export type ImportProblem = { line: number; reason: string };
export type CatalogImportPlan = { added: ItemState[]; changed: ItemChange[]; retired: ItemChange[]; unchanged: number; problems: ImportProblem[] };

// The shared CSV header (../shared/data/reference/catalog.csv); xlsx imports and exports use the same columns.
export const CATALOG_COLUMNS = ["item_code", "provider_code", "category", "item_name", "service_type_code", "resource_type_code", "resource_spec_code", "factor", "unit", "unit_price", "valid_from", "valid_to"] as const;

const RATING_FIELDS = ["providerId", "serviceTypeCode", "resourceTypeCode", "resourceSpecCode", "factor", "unit", "unitPrice"] as const;
const ALL_FIELDS = [...RATING_FIELDS, "category", "name", "validFrom", "validTo"] as const;

export const todayShanghai = (now = Date.now()) => formatShanghai(now).slice(0, 10);

/** A price item row of the database as plain state. */
export function itemState(i: { itemCode: string; providerId: number; category: string; name: string; serviceTypeCode: string; resourceTypeCode: string; resourceSpecCode: string; factor: string; unit: string; unitPrice: Prisma.Decimal | string; validFrom: Date; validTo: Date | null; status: string; description: string | null }): ItemState {
  return {
    itemCode: i.itemCode, providerId: i.providerId, category: i.category, name: i.name, serviceTypeCode: i.serviceTypeCode, resourceTypeCode: i.resourceTypeCode,
    resourceSpecCode: i.resourceSpecCode, factor: i.factor, unit: i.unit as ItemState["unit"], unitPrice: i.unitPrice.toString(), validFrom: fromDbDate(i.validFrom),
    validTo: i.validTo ? fromDbDate(i.validTo) : null, status: i.status, description: i.description,
  };
}

const same = (field: (typeof ALL_FIELDS)[number], a: ItemState, b: ItemState) =>
  field === "unitPrice" ? new Dec(a.unitPrice).eq(b.unitPrice) : a[field] === b[field];
const validity = (s: ItemState): Validity => ({ from: s.validFrom, to: s.validTo });

/**
 * The checks every change to the rating catalog passes, over the catalog as it would be afterwards: no two
 * items with the same rating keys in force on the same day, and no change to a closed month's prices.
 * `origin` names where each item of the final state came from (an import line, or 0 for the database).
 */
export function checkCatalogState(final: ItemState[], changes: { before: ItemState | null; after: ItemState; line: number }[], closed: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const lineOf = new Map(changes.map((c) => [c.after.itemCode, c.line]));
  const groups = new Map<string, ItemState[]>();
  for (const s of final) if (s.status !== "draft") groups.set(ratingKey(s), [...(groups.get(ratingKey(s)) ?? []), s]);
  for (const items of groups.values()) {
    items.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++)
        if (overlaps(validity(items[i]), validity(items[j])) && (lineOf.has(items[i].itemCode) || lineOf.has(items[j].itemCode))) {
          const [mine, other] = lineOf.has(items[j].itemCode) ? [items[j], items[i]] : [items[i], items[j]];
          problems.push({ line: lineOf.get(mine.itemCode) ?? 0, reason: `${mine.itemCode} 的有效期与 ${other.itemCode}（${other.validFrom} 起${other.validTo ? `，${other.validTo} 止` : ""}）重叠：同一计费键同一天只能有一个价格` });
        }
  }
  for (const c of changes) {
    // a draft never rated: publishing it (by import too) is a new price over its whole validity
    const before = c.before?.status === "draft" ? null : c.before;
    const ranges: (Validity | null)[] = !before
      ? [validity(c.after)]
      : RATING_FIELDS.some((f) => !same(f, before, c.after)) ? [validity(before), validity(c.after)] : [changedRange(validity(before), validity(c.after))];
    const touched = [...new Set(ranges.flatMap((r) => (r ? closedMonthsTouched(closed, r) : [])))];
    if (touched.length) problems.push({ line: c.line, reason: `${c.after.itemCode} 的变更会影响已月结的 ${touched.join("、")}：请从 ${nextOpenDay(closed)} 起新增价格版本` });
  }
  return problems;
}

/** The first day after the last closed month (or the epoch when none is closed). */
export function nextOpenDay(closed: string[]): string {
  const last = [...closed].sort().at(-1);
  if (!last) return "1970-01-01";
  const [y, m] = last.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * What importing these catalog rows would do, without doing it: items added, changed (field by field),
 * retired (a validity end set where there was none), unchanged, and every problem with its row. Rows use the
 * shared CSV columns; codes not in the file are left as they are.
 */
export async function planCatalogImport(db: Pick<Db, "provider" | "priceItem" | "billingMonth">, rows: CatalogRow[]): Promise<CatalogImportPlan> {
  const [providers, items, closed] = await Promise.all([db.provider.findMany(), db.priceItem.findMany(), db.billingMonth.findMany()]);
  const providerBy = new Map(providers.map((p) => [p.code, p.id]));
  const existing = new Map(items.map((i) => [i.itemCode, itemState(i)]));
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const changes: { before: ItemState | null; after: ItemState; line: number }[] = [];
  for (const { line, values: v } of rows) {
    const code = (v.item_code ?? "").trim();
    if (seen.has(code)) { problems.push({ line, reason: `item_code ${code} 与第 ${seen.get(code)} 行重复` }); continue; }
    seen.set(code, line);
    const providerId = providerBy.get((v.provider_code ?? "").trim());
    if (!providerId) { problems.push({ line, reason: `provider_code: 服务商 ${v.provider_code || "（空）"} 不存在` }); continue; }
    const parsed = priceItemSchema.safeParse({
      itemCode: code, providerId, category: v.category, name: v.item_name, serviceTypeCode: v.service_type_code, resourceTypeCode: v.resource_type_code,
      resourceSpecCode: v.resource_spec_code, factor: v.factor, unit: v.unit, unitPrice: v.unit_price, validFrom: v.valid_from, validTo: v.valid_to ?? "",
    });
    if (!parsed.success) { for (const i of parsed.error.issues) problems.push({ line, reason: `${columnOf(String(i.path[0] ?? ""))}: ${i.message}` }); continue; }
    const before = existing.get(code) ?? null;
    const after: ItemState = { ...parsed.data, validTo: parsed.data.validTo || null, description: before?.description ?? null, status: "published" };
    changes.push({ before, after, line });
  }
  const final = new Map(existing);
  for (const c of changes) final.set(c.after.itemCode, c.after);
  problems.push(...checkCatalogState([...final.values()], changes, closed.map((m) => m.month)));
  const plan: CatalogImportPlan = { added: [], changed: [], retired: [], unchanged: 0, problems: problems.sort((a, b) => a.line - b.line) };
  for (const c of changes) {
    if (!c.before) { plan.added.push(c.after); continue; }
    const fields = ALL_FIELDS.filter((f) => !same(f, c.before!, c.after));
    if (c.before.status === "draft") fields.push("status" as never);
    if (!fields.length) plan.unchanged++;
    else (c.before.validTo === null && c.after.validTo !== null ? plan.retired : plan.changed).push({ itemCode: c.after.itemCode, before: c.before, after: c.after, fields });
  }
  return plan;
}

const COLUMN_OF: Record<string, string> = { itemCode: "item_code", providerId: "provider_code", name: "item_name", serviceTypeCode: "service_type_code", resourceTypeCode: "resource_type_code", resourceSpecCode: "resource_spec_code", unitPrice: "unit_price", validFrom: "valid_from", validTo: "valid_to" };
const columnOf = (field: string) => COLUMN_OF[field] ?? field;

/** Applies a plan without problems inside the caller's transaction; an item whose end has passed is retired, others published. */
export async function applyCatalogPlan(tx: Pick<Db, "priceItem">, plan: CatalogImportPlan, now = Date.now()): Promise<void> {
  if (plan.problems.length) throw new Error("a catalog plan with problems cannot be applied");
  const today = todayShanghai(now);
  for (const s of [...plan.added, ...plan.changed.map((c) => c.after), ...plan.retired.map((c) => c.after)]) {
    const data = {
      providerId: s.providerId, category: s.category, name: s.name, serviceTypeCode: s.serviceTypeCode, resourceTypeCode: s.resourceTypeCode, resourceSpecCode: s.resourceSpecCode,
      factor: s.factor, unit: s.unit, unitPrice: s.unitPrice, validFrom: asDbDate(s.validFrom), validTo: s.validTo ? asDbDate(s.validTo) : null,
      status: s.validTo && s.validTo <= today ? "retired" : "published", publishedAt: new Date(now),
    };
    await tx.priceItem.upsert({ where: { itemCode: s.itemCode }, create: { itemCode: s.itemCode, ...data }, update: data });
  }
}
