import { secondsInMonth, splitByMonth, shanghaiMonth } from "../../time/shanghai";
import { TIME_FACTORS, type CdrRecord } from "../parse/parse-detail";
import { priceKey, type PriceRef, type RatingReference } from "./rating-reference";
import { quantityOf, UNIT_FACTORS } from "./tariff";

export type RatedPart = {
  part: number;
  month: string;
  partBegin: number;
  partEnd: number;
  providerId: number | null;
  departmentId: number | null;
  priceItemId: number | null;
  numerator: string | null;
  denominator: string | null;
};

export type RateInput = Pick<CdrRecord, "userId" | "regionCode" | "serviceTypeCode" | "resourceTypeCode" | "resourceSpecCode" | "beginTime" | "endTime" | "factor" | "factorValue">;

/**
 * Rates one record (pure) at the price in force at its BeginTime (rating rule 2). Duration and size records that
 * cross a Shanghai month boundary are split by seconds, each part rated in its own month (its seconds over that
 * month's seconds); traffic and counts go whole to the month of their BeginTime. A record with no price (or no provider) keeps priceItemId null: unrated;
 * one whose project maps to no department keeps departmentId null: unassigned.
 */
export function rateRecord(r: RateInput, ref: RatingReference): RatedPart[] {
  const providerId = ref.providerByRegion.get(r.regionCode) ?? null;
  const departmentId = ref.departmentByProject.get(r.userId) ?? null;
  const candidates = providerId === null ? undefined : ref.prices.get(priceKey(providerId, r.serviceTypeCode, r.resourceTypeCode, r.resourceSpecCode, r.factor));
  const timed = TIME_FACTORS.has(r.factor);
  const periods = timed ? splitByMonth(r.beginTime, r.endTime) : [{ month: shanghaiMonth(r.beginTime), begin: r.beginTime, end: r.endTime }];
  const periodSeconds = (r.endTime - r.beginTime) / 1000;
  return periods.map((p, part) => {
    const price = candidates && priceAt(candidates, r.beginTime);
    let numerator: string | null = null;
    let denominator: string | null = null;
    if (price && UNIT_FACTORS[price.unit].includes(r.factor)) {
      ({ numerator, denominator } = quantityOf(price.unit, { value: r.factorValue, partSeconds: (p.end - p.begin) / 1000, periodSeconds, monthSeconds: secondsInMonth(p.month) }));
    }
    return {
      part, month: p.month, partBegin: p.begin, partEnd: p.end, providerId, departmentId,
      priceItemId: numerator === null ? null : price!.id, numerator, denominator,
    };
  });
}

function priceAt(items: PriceRef[], at: number): PriceRef | undefined {
  for (const i of items) if (i.validFrom <= at && (i.validTo === null || at < i.validTo)) return i;
  return undefined;
}
