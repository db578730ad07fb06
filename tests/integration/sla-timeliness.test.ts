// The timeliness figures per provider against a real database: exact counts, rates and averages, breaches by
// delay reason, the scope in the WHERE clause, and month membership at Shanghai midnight whatever the session TimeZone.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername } from "../../lib/auth/actor";
import { ALL } from "../../lib/auth/scope";
import { createUser } from "../../lib/auth/users";
import { readXlsxRows } from "../../lib/export/table-xlsx";
import { monthsEnding, timelinessByProvider, timelinessToXlsx, timelinessTrend } from "../../lib/itsm/timeliness";
import { ensureDefaultDictionaries } from "../../lib/system/dictionaries";
import { COUNTED_STATUSES, workOrderListUrl } from "../../lib/sla/work-order-links";
import { importReference } from "../../lib/reference/import-reference";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let ct: number;
let cu: number;
let wjw: number;
let jw: number;
let seq = 0;

const at = (iso: string) => new Date(iso);
const NOW = at("2026-12-15T00:00:00Z");

type Order = {
  providerId: number; departmentId?: number; status: string; openedAt: string; responseDueAt: string; resolutionDueAt: string;
  respondedAt?: string; resolvedAt?: string; responseSeconds?: number; resolutionSeconds?: number;
  responseBreachedAt?: string; resolutionBreachedAt?: string; delayReason?: string;
};

async function order(o: Order) {
  seq++;
  await t.db.workOrder.create({
    data: {
      number: `WO-T-${String(seq).padStart(4, "0")}`, kind: "fault", title: `order ${seq}`, description: "", severity: "p2", status: o.status,
      providerId: o.providerId, departmentId: o.departmentId ?? wjw, clock: "working", responseMinutes: 30, resolutionMinutes: 480, warnShare: "0.8",
      openedAt: at(o.openedAt), responseDueAt: at(o.responseDueAt), resolutionDueAt: at(o.resolutionDueAt),
      respondedAt: o.respondedAt ? at(o.respondedAt) : null, resolvedAt: o.resolvedAt ? at(o.resolvedAt) : null,
      responseSeconds: o.responseSeconds ?? null, resolutionSeconds: o.resolutionSeconds ?? null,
      responseBreachedAt: o.responseBreachedAt ? at(o.responseBreachedAt) : null, resolutionBreachedAt: o.resolutionBreachedAt ? at(o.resolutionBreachedAt) : null,
      delayReason: o.delayReason ?? null,
    },
  });
}

beforeAll(async () => {
  // an unusual session TimeZone: month membership must come from UTC+8 arithmetic, not the session
  t = await createTestDatabase("it_sla_timeliness", { sessionTimeZone: "America/New_York" });
  await importReference(t.db, referenceDir);
  ct = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  cu = (await t.db.provider.findUniqueOrThrow({ where: { code: "CU" } })).id;
  wjw = (await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } })).id;
  jw = (await t.db.department.findUniqueOrThrow({ where: { code: "JW" } })).id;

  // CT in November 2026 (Shanghai): five orders
  // 1: responded and resolved on time, closed
  await order({ providerId: ct, status: "closed", openedAt: "2026-11-02T01:00:00Z", responseDueAt: "2026-11-02T01:30:00Z", resolutionDueAt: "2026-11-02T09:00:00Z",
    respondedAt: "2026-11-02T01:10:00Z", resolvedAt: "2026-11-02T05:00:00Z", responseSeconds: 600, resolutionSeconds: 14_400 });
  // 2: responded late, resolved late, delay reason spare parts
  await order({ providerId: ct, status: "resolved", openedAt: "2026-11-03T01:00:00Z", responseDueAt: "2026-11-03T01:30:00Z", resolutionDueAt: "2026-11-03T09:00:00Z",
    respondedAt: "2026-11-03T02:00:00Z", resolvedAt: "2026-11-04T03:00:00Z", responseSeconds: 3_600, resolutionSeconds: 36_000,
    responseBreachedAt: "2026-11-03T01:30:00Z", resolutionBreachedAt: "2026-11-03T09:00:00Z", delayReason: "spare-parts" });
  // 3: responded on time, still in progress and past its resolution due: breached, not classified yet
  await order({ providerId: ct, status: "in-progress", openedAt: "2026-11-10T02:00:00Z", responseDueAt: "2026-11-10T02:30:00Z", resolutionDueAt: "2026-11-10T10:00:00Z",
    respondedAt: "2026-11-10T02:20:00Z", responseSeconds: 1_200, resolutionBreachedAt: "2026-11-10T10:00:00Z" });
  // 4: opened 2026-10-31T16:30Z = 2026-11-01 00:30 Shanghai: November; not responded, response not due until after NOW
  await order({ providerId: ct, status: "new", departmentId: jw, openedAt: "2026-10-31T16:30:00Z", responseDueAt: "2026-12-20T00:00:00Z", resolutionDueAt: "2026-12-21T00:00:00Z" });
  // 5: cancelled: not counted
  await order({ providerId: ct, status: "cancelled", openedAt: "2026-11-05T01:00:00Z", responseDueAt: "2026-11-05T01:30:00Z", resolutionDueAt: "2026-11-05T09:00:00Z" });
  // CT, opened 2026-10-31T15:59:59Z = 2026-10-31 23:59:59 Shanghai: October
  await order({ providerId: ct, status: "closed", openedAt: "2026-10-31T15:59:59Z", responseDueAt: "2026-11-02T00:30:00Z", resolutionDueAt: "2026-11-02T08:00:00Z",
    respondedAt: "2026-11-02T00:10:00Z", resolvedAt: "2026-11-02T09:00:00Z", responseSeconds: 600, resolutionSeconds: 32_400, resolutionBreachedAt: "2026-11-02T08:00:00Z", delayReason: "third-party" });
  // CT, opened 2026-11-30T16:00:00Z = 2026-12-01 00:00 Shanghai: December
  await order({ providerId: ct, status: "assigned", openedAt: "2026-11-30T16:00:00Z", responseDueAt: "2026-12-01T00:30:00Z", resolutionDueAt: "2026-12-01T08:00:00Z",
    responseBreachedAt: "2026-12-01T00:30:00Z", resolutionBreachedAt: "2026-12-01T08:00:00Z" });

  // CU in November 2026: three orders, two breached for the requester
  await order({ providerId: cu, status: "closed", departmentId: jw, openedAt: "2026-11-04T01:00:00Z", responseDueAt: "2026-11-04T01:30:00Z", resolutionDueAt: "2026-11-04T09:00:00Z",
    respondedAt: "2026-11-04T01:05:00Z", resolvedAt: "2026-11-04T08:00:00Z", responseSeconds: 300, resolutionSeconds: 25_200 });
  await order({ providerId: cu, status: "closed", openedAt: "2026-11-05T01:00:00Z", responseDueAt: "2026-11-05T01:30:00Z", resolutionDueAt: "2026-11-05T09:00:00Z",
    respondedAt: "2026-11-05T01:25:00Z", resolvedAt: "2026-11-06T01:00:00Z", responseSeconds: 1_500, resolutionSeconds: 39_600, resolutionBreachedAt: "2026-11-05T09:00:00Z", delayReason: "requester" });
  await order({ providerId: cu, status: "pending", openedAt: "2026-11-20T01:00:00Z", responseDueAt: "2026-11-20T01:30:00Z", resolutionDueAt: "2026-11-20T09:00:00Z",
    respondedAt: "2026-11-20T02:00:00Z", responseSeconds: 3_601, responseBreachedAt: "2026-11-20T01:30:00Z", resolutionBreachedAt: "2026-11-20T09:00:00Z", delayReason: "requester" });

  await createUser(t.db, { username: "ct-user", password: "provider-pass-1", displayName: "电信", role: "provider", providerId: ct });
  await createUser(t.db, { username: "jw-user", password: "tenant-pass-12", displayName: "交委", role: "tenant", departmentId: jw });
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("timelinessByProvider", () => {
  test("the exact figures of November 2026 per provider", async () => {
    const report = await timelinessByProvider(t.db, ALL, "2026-11", NOW);
    expect(report.from).toBe("2026-10-31T16:00:00.000Z");
    expect(report.to).toBe("2026-11-30T16:00:00.000Z");
    expect(report.rows.map((r) => r.providerId)).toEqual([ct, cu]); // 中国电信 (dian) before 中国联通 (lian)
    const byId = new Map(report.rows.map((r) => [r.providerId, r]));
    expect(byId.get(ct)).toEqual({
      providerId: ct, providerName: "中国电信政务云",
      opened: 4, responseDue: 3, responded: 3, respondedOnTime: 2, responseOnTimeRate: "0.6667",
      resolutionDue: 3, resolved: 2, resolvedOnTime: 1, resolutionOnTimeRate: "0.3333",
      avgResponseMinutes: "30.0", avgResolutionMinutes: "420.0",
      responseBreaches: 1, resolutionBreaches: 2, breaches: 2,
      breachesByReason: [{ reason: "spare-parts", count: 1 }, { reason: null, count: 1 }],
      stillOpen: 2,
    });
    expect(byId.get(cu)).toEqual({
      providerId: cu, providerName: "中国联通政务云",
      opened: 3, responseDue: 3, responded: 3, respondedOnTime: 2, responseOnTimeRate: "0.6667",
      resolutionDue: 3, resolved: 2, resolvedOnTime: 1, resolutionOnTimeRate: "0.3333",
      // (300 + 1500 + 3601) / 3 / 60 = 30.005... -> 30.0
      avgResponseMinutes: "30.0", avgResolutionMinutes: "540.0",
      responseBreaches: 1, resolutionBreaches: 2, breaches: 2,
      breachesByReason: [{ reason: "requester", count: 2 }],
      stillOpen: 1,
    });
    expect(report.totals).toMatchObject({
      opened: 7, responseDue: 6, respondedOnTime: 4, responseOnTimeRate: "0.6667", resolutionDue: 6, resolvedOnTime: 2, resolutionOnTimeRate: "0.3333",
      breaches: 4, stillOpen: 3, breachesByReason: [{ reason: "requester", count: 2 }, { reason: "spare-parts", count: 1 }, { reason: null, count: 1 }],
    });
  });

  test("an order opened at 2026-10-31T16:30Z belongs to November, 15:59:59Z to October, 2026-11-30T16:00Z to December", async () => {
    const oct = await timelinessByProvider(t.db, ALL, "2026-10", NOW);
    expect(oct.rows.map((r) => [r.providerId, r.opened, r.resolutionBreaches, r.breachesByReason])).toEqual([[ct, 1, 1, [{ reason: "third-party", count: 1 }]]]);
    const dec = await timelinessByProvider(t.db, ALL, "2026-12", NOW);
    expect(dec.rows.map((r) => [r.providerId, r.opened, r.breaches, r.stillOpen])).toEqual([[ct, 1, 1, 1]]);
    const nov = await timelinessByProvider(t.db, ALL, "2026-11", at("2026-12-25T00:00:00Z"));
    // once its response is due (after 2026-12-20) the unresponded order 4 counts as late
    expect(nov.rows.find((r) => r.providerId === ct)).toMatchObject({ opened: 4, responseDue: 4, respondedOnTime: 2, responseOnTimeRate: "0.5000", resolutionDue: 4, resolutionOnTimeRate: "0.2500" });
  });

  test("a provider user sees only its provider; a tenant only its departments' orders", async () => {
    const provider = (await loadActorByUsername(t.db, "ct-user"))!;
    const mine = await timelinessByProvider(t.db, provider.scope, "2026-11", NOW);
    expect(mine.rows.map((r) => [r.providerId, r.opened])).toEqual([[ct, 4]]);
    expect(mine.totals.opened).toBe(4);
    const tenant = (await loadActorByUsername(t.db, "jw-user"))!;
    const theirs = await timelinessByProvider(t.db, tenant.scope, "2026-11", NOW);
    expect(theirs.rows.map((r) => [r.providerId, r.opened]).sort()).toEqual([[ct, 1], [cu, 1]].sort());
    expect(await timelinessByProvider(t.db, { kind: "providers", providerIds: [] }, "2026-11", NOW)).toMatchObject({ rows: [], totals: { opened: 0, responseOnTimeRate: null, avgResponseMinutes: null } });
  });

  test("rejects a malformed month", async () => {
    await expect(timelinessByProvider(t.db, ALL, "2026-13")).rejects.toThrow();
  });
});

describe("timelinessToXlsx", () => {
  test("the month's figures per provider and the total, in the reader's language, within the scope", async () => {
    await ensureDefaultDictionaries(t.db);
    const zh = await readXlsxRows(await timelinessToXlsx(t.db, ALL, "2026-11", "zh-CN", NOW));
    expect(zh.header).toEqual(["服务商", "新开工单", "已响应", "按时响应", "响应及时率", "已解决", "按时解决", "解决及时率", "平均响应（分钟）", "平均解决（分钟）", "超时工单", "延误原因", "未完成"]);
    expect(zh.rows.map((r) => Object.values(r.values))).toEqual([
      ["中国电信政务云", "4", "3", "2", "66.67%", "2", "1", "33.33%", "30", "420", "2", "备件未到 1、未分类 1", "2"],
      ["中国联通政务云", "3", "3", "2", "66.67%", "2", "1", "33.33%", "30", "540", "2", "用户原因 2", "1"],
      ["合计", "7", "6", "4", "66.67%", "4", "2", "33.33%", "30", "480", "4", "用户原因 2、备件未到 1、未分类 1", "3"],
    ]);
    const provider = (await loadActorByUsername(t.db, "ct-user"))!;
    const en = await readXlsxRows(await timelinessToXlsx(t.db, provider.scope, "2026-11", "en", NOW));
    expect(en.header[0]).toBe("Provider");
    expect(en.rows.map((r) => [r.values.Provider, r.values["Delay reasons"]])).toEqual([["中国电信政务云", "Spare parts not arrived 1, Not classified 1"]]);
  });
});

describe("timelinessTrend", () => {
  test("per provider per month, every month filled, within the scope", async () => {
    expect(monthsEnding("2027-02", 4)).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    const trend = await timelinessTrend(t.db, ALL, "2026-12", 3, NOW);
    expect(trend.months).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(trend.providers.map((p) => p.id).sort()).toEqual([ct, cu].sort());
    const of = (id: number) => trend.points.filter((p) => p.providerId === id).map((p) => [p.month, p.opened, p.resolutionOnTimeRate, p.breaches]);
    expect(of(ct)).toEqual([["2026-10", 1, "0.0000", 1], ["2026-11", 4, "0.3333", 2], ["2026-12", 1, "0.0000", 1]]);
    expect(of(cu)).toEqual([["2026-10", 0, null, 0], ["2026-11", 3, "0.3333", 2], ["2026-12", 0, null, 0]]);
    const provider = (await loadActorByUsername(t.db, "ct-user"))!;
    const mine = await timelinessTrend(t.db, provider.scope, "2026-12", 12, NOW);
    expect(mine.providers.map((p) => p.id)).toEqual([ct]);
    expect(mine.points).toHaveLength(12);
  });
});

test("the work order list links behind the figures", () => {
  expect(workOrderListUrl({ provider: 3, month: "2026-11", breached: true })).toBe("/service/work-orders?provider=3&month=2026-11&breached=1");
  expect(workOrderListUrl({ provider: 3, month: "2026-11", breached: true, delayReason: "spare-parts" })).toBe("/service/work-orders?provider=3&month=2026-11&breached=1&delayReason=spare-parts");
  expect(workOrderListUrl({})).toBe("/service/work-orders");
  expect(workOrderListUrl({ provider: 1, month: "2026-11", status: COUNTED_STATUSES })).toBe(
    "/service/work-orders?provider=1&month=2026-11&status=new&status=assigned&status=in-progress&status=pending&status=resolved&status=closed");
});
