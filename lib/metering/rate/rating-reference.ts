import type { Db } from "../../db";
import { Dec } from "../../money";
import { shanghaiDayStart } from "../../time/shanghai";
import type { Unit } from "./tariff";

export type PriceRef = { id: number; itemCode: string; unit: Unit; unitPrice: Dec; validFrom: number; validTo: number | null };

/** Everything rating needs, held in memory: small (hundreds of rows), loaded once per file or re-rating run. */
export type RatingReference = {
  providerByRegion: Map<string, number>;
  departmentByProject: Map<string, number>;
  /** key: providerId|service|resourceType|spec|factor(lower case), items sorted by validFrom */
  prices: Map<string, PriceRef[]>;
};

export function priceKey(providerId: number, service: string, type: string, spec: string, factor: string): string {
  return `${providerId}|${service}|${type}|${spec}|${factor}`;
}

export async function loadRatingReference(db: Db): Promise<RatingReference> {
  const [providers, projects, items] = await Promise.all([
    db.provider.findMany(),
    db.project.findMany({ include: { vdc: true } }),
    db.priceItem.findMany({ where: { status: { not: "draft" } }, orderBy: { validFrom: "asc" } }),
  ]);
  const providerByRegion = new Map<string, number>();
  for (const p of providers) for (const r of p.regionCodes) providerByRegion.set(r, p.id);
  const departmentByProject = new Map(projects.map((p) => [p.projectId, p.vdc.departmentId]));
  const prices = new Map<string, PriceRef[]>();
  for (const i of items) {
    const key = priceKey(i.providerId, i.serviceTypeCode, i.resourceTypeCode, i.resourceSpecCode, i.factor);
    const list = prices.get(key) ?? [];
    list.push({ id: i.id, itemCode: i.itemCode, unit: i.unit as Unit, unitPrice: new Dec(i.unitPrice.toString()), validFrom: shanghaiDayStart(i.validFrom), validTo: i.validTo ? shanghaiDayStart(i.validTo) : null });
    prices.set(key, list);
  }
  return { providerByRegion, departmentByProject, prices };
}
