// The home page's supply figures on the real PostgreSQL, under a database session TimeZone with daylight saving
// to show that the hours are Shanghai hours whatever the session says.
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ALL } from "../../lib/auth/scope";
import { getHomeOverview, listFileHours, twelveMonthsTo } from "../../lib/reports/home-overview";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
// from ../shared/data/cases/c01-basic-spaced/expected.json, ordered by cost
const EXPECTED_C01 = [["WJW", "0.81", "0.00"], ["JW", "0.06", "0.00"]];
const C01_TOTAL = "0.87";

beforeAll(async () => {
  t = await createTestDatabase("it_home_overview", { sessionTimeZone: "America/New_York" });
  await runCase(t, path.join(casesDir, "c01-basic-spaced")); // vm file named 2025-03-10 01:02:12 UTC: it covers the hour from 08:00 Shanghai
  await runCase(t, path.join(casesDir, "c15-heartbeat-and-empty")); // a heartbeat and a 0-byte file, both 2025-03-20 01:00 UTC
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

test("files per Shanghai hour (a file covers the hour before its creation) against one stream, up to the last hour that delivered", async () => {
  const { hours, streams, missing } = await listFileHours(t.pool, { month: "2025-03" });
  expect(streams).toBe(1);
  expect(hours[0]).toEqual({ hour: "2025-03-01 00:00", received: 0, expected: 1 });
  expect(hours).toHaveLength(19 * 24 + 9);
  expect(hours.at(-1)).toEqual({ hour: "2025-03-20 08:00", received: 1, expected: 1 });
  expect(hours.filter((h) => h.received).map((h) => h.hour)).toEqual(["2025-03-10 08:00", "2025-03-20 08:00"]);
  expect(missing).toBe(19 * 24 + 9 - 2);
  // another provider's regions: nothing
  expect(await listFileHours(t.pool, { month: "2025-03", regionCodes: ["cn-sh-gov-2"] })).toEqual({ hours: [], streams: 0, missing: 0 });
});

test("this month against last month and a 12-month trend, from the bills", async () => {
  const o = await getHomeOverview(t.pool, ALL);
  expect(o.month).toBe("2025-03");
  expect(o.previousMonth).toBe("2025-02");
  expect(o.previousNet).toBe("0.00");
  expect(o.trend.map((p) => p.month)).toEqual(twelveMonthsTo("2025-03"));
  expect(o.trend.at(-1)).toEqual({ month: "2025-03", net: o.net, byProvider: { CT: o.net } });
  // c01's expected bills: JW and WJW on CT
  expect(o.byDepartment.map((d) => [d.code, d.net, d.previousNet])).toEqual(EXPECTED_C01);
  expect(o.net).toBe(C01_TOTAL);
  expect(o.byProvider).toEqual([{ code: "CT", name: "中国电信政务云", net: C01_TOTAL, previousNet: "0.00" }]);
});

test("twelveMonthsTo crosses the year", () => {
  expect(twelveMonthsTo("2025-03")).toEqual(["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]);
});
