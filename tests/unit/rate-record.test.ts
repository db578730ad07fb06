import { describe, expect, it } from "vitest";
import { Dec, roundFen } from "../../lib/money";
import { rateRecord, type RateInput } from "../../lib/metering/rate/rate-record";
import type { RatingReference } from "../../lib/metering/rate/rating-reference";
import { parseCdrTime } from "../../lib/metering/parse/cdr-time";
import { secondsInMonth, shanghaiDayStart, shanghaiMonth, splitByMonth } from "../../lib/time/shanghai";

const t = (s: string) => parseCdrTime(s)!.ms;
const price = (id: number, unit: string, unitPrice: string, from: string, to: string | null = null) =>
  ({ id, itemCode: `I${id}`, unit: unit as never, unitPrice: new Dec(unitPrice), validFrom: shanghaiDayStart(from), validTo: to ? shanghaiDayStart(to) : null });
const ref: RatingReference = {
  providerByRegion: new Map([["r1", 1]]),
  departmentByProject: new Map([["p1", 10]]),
  prices: new Map([
    ["1|svc|vm|s|duration", [price(1, "CNY/month", "200", "2025-01-01")]],
    ["1|svc|vol|s|size", [price(2, "CNY/GB/month", "1.00", "2025-01-01", "2025-03-16"), price(3, "CNY/GB/month", "0.90", "2025-03-16")]],
    ["1|svc|bw|s|upflow", [price(4, "CNY/GB", "0.80", "2025-01-01")]],
    ["1|svc|sms|s|numberofrequests", [price(5, "CNY/10k", "450", "2025-01-01")]],
    ["1|svc|h|s|duration", [price(6, "CNY/hour", "2", "2025-01-01")]],
    ["1|svc|m|s|size", [price(7, "CNY/GB/month", "0.30", "2025-01-01", "2025-04-01"), price(8, "CNY/GB/month", "0.60", "2025-04-01")]],
  ]),
};
const rec = (o: Partial<RateInput>): RateInput => ({ userId: "p1", regionCode: "r1", serviceTypeCode: "svc", resourceTypeCode: "vm", resourceSpecCode: "s", beginTime: t("20250310000000"), endTime: t("20250310010000"), factor: "duration", factorValue: "3600", ...o });
const amount = (p: { numerator: string | null; denominator: string | null }, unitPrice: string) => roundFen(new Dec(p.numerator!).div(p.denominator!).mul(unitPrice)).toFixed(2);

describe("Shanghai months, whatever the process TZ", () => {
  it("maps UTC instants to Shanghai months and counts their seconds", () => {
    expect(shanghaiMonth(t("20250228155959"))).toBe("2025-02");
    expect(shanghaiMonth(t("20250228160000"))).toBe("2025-03");
    expect(secondsInMonth("2025-03")).toBe(2678400);
    expect(secondsInMonth("2025-02")).toBe(2419200);
    expect(secondsInMonth("2024-02")).toBe(2505600);
    expect(splitByMonth(t("20250228153000"), t("20250228163000")).map((p) => [p.month, (p.end - p.begin) / 1000])).toEqual([["2025-02", 1800], ["2025-03", 1800]]);
  });
});

describe("rateRecord", () => {
  it("rates a monthly price by seconds over the month's seconds", () => {
    const [p] = rateRecord(rec({}), ref);
    expect(p).toMatchObject({ month: "2025-03", priceItemId: 1, departmentId: 10, providerId: 1, numerator: "3600", denominator: "2678400" });
    expect(amount(p, "200")).toBe("0.27");
  });

  it("splits a Duration record at the month boundary, sharing the value by seconds", () => {
    const parts = rateRecord(rec({ beginTime: t("20250228153000"), endTime: t("20250228163000"), factorValue: "3000" }), ref);
    expect(parts.map((p) => [p.month, p.numerator, p.denominator])).toEqual([["2025-02", "1500", "2419200"], ["2025-03", "1500", "2678400"]]);
  });

  it("prices size x seconds, at the price in force at the Shanghai date", () => {
    const before = rateRecord(rec({ resourceTypeCode: "vol", factor: "size", factorValue: "200", beginTime: t("20250315150000"), endTime: t("20250315160000") }), ref)[0];
    const after = rateRecord(rec({ resourceTypeCode: "vol", factor: "size", factorValue: "200", beginTime: t("20250315160000"), endTime: t("20250315170000") }), ref)[0];
    expect([before.priceItemId, before.numerator]).toEqual([2, "720000"]);
    expect([after.priceItemId, after.numerator]).toEqual([3, "720000"]);
  });

  it("prices both parts of a record crossing a month boundary at the price in force at its BeginTime", () => {
    const parts = rateRecord(rec({ resourceTypeCode: "m", factor: "size", factorValue: "100", beginTime: t("20250331150000"), endTime: t("20250331170000") }), ref);
    expect(parts.map((p) => [p.month, p.priceItemId, p.numerator, p.denominator])).toEqual([["2025-03", 7, "360000", "2678400"], ["2025-04", 7, "360000", "2592000"]]);
  });

  it("never splits traffic or counts, and uses bytes/GiB and count/10k", () => {
    const flow = rateRecord(rec({ resourceTypeCode: "bw", factor: "upflow", factorValue: "5368709120", beginTime: t("20250228153000"), endTime: t("20250228163000") }), ref);
    expect(flow.map((p) => [p.month, p.numerator, p.denominator])).toEqual([["2025-02", "5368709120", "1073741824"]]);
    expect(amount(flow[0], "0.80")).toBe("4.00");
    const sms = rateRecord(rec({ resourceTypeCode: "sms", factor: "numberofrequests", factorValue: "12345" }), ref)[0];
    expect(amount(sms, "450")).toBe("555.53");
    const hourly = rateRecord(rec({ resourceTypeCode: "h", factorValue: "1.5E3" }), ref)[0];
    expect([hourly.numerator, hourly.denominator]).toEqual(["1.5E3", "3600"]);
  });

  it("leaves unknown projects unassigned and unpriced specs unrated", () => {
    expect(rateRecord(rec({ userId: "nobody" }), ref)[0]).toMatchObject({ departmentId: null, priceItemId: 1 });
    expect(rateRecord(rec({ resourceSpecCode: "big" }), ref)[0]).toMatchObject({ departmentId: 10, priceItemId: null, numerator: null });
    expect(rateRecord(rec({ regionCode: "elsewhere" }), ref)[0]).toMatchObject({ providerId: null, priceItemId: null });
  });

  it("rounds half up once, to the fen", () => {
    expect(roundFen("0.005").toFixed(2)).toBe("0.01");
    expect(roundFen("49.3548387096774193548387").toFixed(2)).toBe("49.35");
    expect(roundFen(new Dec("49.35").mul("0.9")).toFixed(2)).toBe("44.42");
  });
});
