import type { Actor } from "../auth/actor";
import { listCatalog } from "../catalog/list-catalog";
import { todayShanghai } from "../catalog/plan-catalog-import";
import type { Db } from "../db";
import { listTemplates, type TemplateRow } from "../sla/templates";
import { listDictionaryEntries } from "../system/dictionaries";

export type RequestFormChoices = {
  prices: { id: number; itemCode: string; name: string; category: string; spec: string; providerId: number; providerName: string; unitPrice: string; unit: string }[];
  templates: TemplateRow[]; providers: { id: number; name: string }[]; faultCategories: { code: string; label: string; labelEn: string }[];
};

/** What the request form offers: the published prices in force today (with provider and price), the enabled templates, the providers, the fault categories. */
export async function requestFormOptions(db: Db, actor: Actor, now = Date.now()): Promise<RequestFormChoices> {
  const [catalog, templates, providers, categories] = await Promise.all([
    listCatalog(db, actor, { status: "published", on: todayShanghai(now), sort: "category", pageSize: 10_000 }, now),
    listTemplates(db, { enabledOnly: true }),
    db.provider.findMany({ select: { id: true, name: true, code: true }, orderBy: { code: "asc" } }),
    listDictionaryEntries(db, "fault-category", { enabledOnly: true }),
  ]);
  const providerIds = new Map(providers.map((p) => [p.code, p.id]));
  return {
    prices: catalog.rows.map((r) => ({
      id: r.id, itemCode: r.itemCode, name: r.name, category: r.category, spec: r.resourceSpecCode, providerId: providerIds.get(r.providerCode) ?? 0,
      providerName: r.providerName, unitPrice: r.unitPrice, unit: r.unit,
    })),
    templates, providers: providers.map((p) => ({ id: p.id, name: p.name })),
    faultCategories: categories.map((c) => ({ code: c.code, label: c.label, labelEn: c.labelEn })),
  };
}
