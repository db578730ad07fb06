import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { Dec } from "../money";
import { asDbDate, calendarDate, fromDbDate } from "./price-item-schema";
import { todayShanghai } from "./plan-catalog-import";

export const CATALOG_STATUSES = ["draft", "published", "retired"] as const;

export const catalogQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  provider: z.string().trim().max(32).optional(),
  category: z.string().trim().max(32).optional(),
  status: z.enum(CATALOG_STATUSES).optional(),
  /** only items in force on this Shanghai date (the self-service view passes today) */
  on: calendarDate.optional(),
  sort: z.enum(["itemCode", "category", "name", "unitPrice", "validFrom"]).default("category"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(20),
});
export type CatalogQuery = z.input<typeof catalogQuerySchema>;

export type CatalogItemRow = {
  id: number; itemCode: string; providerCode: string; providerName: string; category: string; name: string; serviceTypeCode: string; resourceTypeCode: string;
  resourceSpecCode: string; factor: string; unit: string; unitPrice: string; validFrom: string; validTo: string | null; status: string; description: string | null;
  /** the day this item rates from: in force now, in the future, or ended */
  phase: "draft" | "future" | "current" | "ended";
};

function inForceOn(date: string): Prisma.PriceItemWhereInput {
  const d = asDbDate(date);
  return { validFrom: { lte: d }, OR: [{ validTo: null }, { validTo: { gt: d } }] };
}

/**
 * The catalog's price items. Drafts are seen only by those who edit the catalog; everyone else sees what is or
 * was published (the catalog is not tenant data: every department sees the same prices).
 */
export async function listCatalog(db: Db, actor: Pick<Actor, "permissions">, raw: CatalogQuery, now = Date.now()): Promise<{ rows: CatalogItemRow[]; total: number; categories: string[] }> {
  const q = catalogQuerySchema.parse(raw);
  const mayEdit = can(actor, "catalog.manage");
  const where: Prisma.PriceItemWhereInput = {
    AND: [
      mayEdit ? {} : { status: { not: "draft" } },
      q.status ? { status: q.status } : {},
      q.provider ? { provider: { code: q.provider } } : {},
      q.category ? { category: q.category } : {},
      q.on ? inForceOn(q.on) : {},
      q.q ? { OR: [{ itemCode: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }, { resourceSpecCode: { contains: q.q, mode: "insensitive" } }] } : {},
    ],
  };
  const [rows, total, categories] = await Promise.all([
    db.priceItem.findMany({ where, include: { provider: true }, orderBy: [{ [q.sort]: q.order }, { itemCode: "asc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.priceItem.count({ where }),
    db.priceItem.findMany({ where: mayEdit ? {} : { status: { not: "draft" } }, distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } }),
  ]);
  const today = todayShanghai(now);
  return {
    total,
    categories: categories.map((c) => c.category),
    rows: rows.map((r) => {
      const validFrom = fromDbDate(r.validFrom);
      const validTo = r.validTo ? fromDbDate(r.validTo) : null;
      const phase = r.status === "draft" ? "draft" : validTo !== null && validTo <= today ? "ended" : validFrom > today ? "future" : "current";
      return {
        id: r.id, itemCode: r.itemCode, providerCode: r.provider.code, providerName: r.provider.name, category: r.category, name: r.name, serviceTypeCode: r.serviceTypeCode,
        resourceTypeCode: r.resourceTypeCode, resourceSpecCode: r.resourceSpecCode, factor: r.factor, unit: r.unit, unitPrice: r.unitPrice.toString(), validFrom, validTo,
        status: r.status, description: r.description, phase,
      };
    }),
  };
}

export type UnifiedOffer = { itemCode: string; name: string; unitPrice: string };
export type UnifiedRow = {
  key: string; category: string; name: string; serviceTypeCode: string; resourceTypeCode: string; resourceSpecCode: string; factor: string; unit: string;
  offers: Record<string, UnifiedOffer | null>;
  /** same: every provider offers it at one price; price: offered by all at different prices; only: not every provider offers it */
  difference: "same" | "price" | "only";
  /** the highest price over the lowest minus one, as a percentage string with one decimal ("5.3"), when prices differ */
  spreadPercent: string | null;
};

/**
 * One catalog over both providers: the published items in force on a date, lined up by what they rate (service
 * type, resource type, spec, factor and unit), with where the providers differ — a price, or a spec one of
 * them does not offer.
 */
export async function unifiedCatalog(db: Db, input: { on?: string } = {}, now = Date.now()): Promise<{ on: string; providers: { code: string; name: string }[]; rows: UnifiedRow[] }> {
  // a date that does not exist (a hand-edited URL) falls back to today rather than failing the page
  const on = input.on && calendarDate.safeParse(input.on).success ? input.on : todayShanghai(now);
  const [providers, items] = await Promise.all([
    db.provider.findMany({ orderBy: { code: "asc" } }),
    db.priceItem.findMany({ where: { status: { not: "draft" }, ...inForceOn(on) }, include: { provider: true }, orderBy: [{ category: "asc" }, { itemCode: "asc" }] }),
  ]);
  const rows = new Map<string, UnifiedRow>();
  for (const i of items) {
    const key = [i.serviceTypeCode, i.resourceTypeCode, i.resourceSpecCode, i.factor.toLowerCase(), i.unit].join("|");
    const row = rows.get(key) ?? {
      key, category: i.category, name: i.name, serviceTypeCode: i.serviceTypeCode, resourceTypeCode: i.resourceTypeCode, resourceSpecCode: i.resourceSpecCode,
      factor: i.factor, unit: i.unit, offers: Object.fromEntries(providers.map((p) => [p.code, null])), difference: "same" as const, spreadPercent: null,
    };
    row.offers[i.provider.code] = { itemCode: i.itemCode, name: i.name, unitPrice: i.unitPrice.toString() };
    rows.set(key, row);
  }
  for (const row of rows.values()) {
    const offers = Object.values(row.offers);
    if (offers.some((o) => o === null)) { row.difference = "only"; continue; }
    const prices = offers.map((o) => new Dec(o!.unitPrice));
    const min = Dec.min(...prices);
    const max = Dec.max(...prices);
    if (!min.eq(max)) {
      row.difference = "price";
      row.spreadPercent = min.isZero() ? null : max.div(min).minus(1).times(100).toDecimalPlaces(1).toFixed(1);
    }
  }
  return { on, providers: providers.map((p) => ({ code: p.code, name: p.name })), rows: [...rows.values()] };
}
