// The portal end to end in Chromium: a fresh database with the March 2025 month ingested, a production build
// served by `next start`, a supervisor signing in and drilling from the month's bills down to CDR records.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "../../lib/auth/api-tokens";
import { ALL } from "../../lib/auth/scope";
import { ensureUser } from "../../lib/auth/users";
import { listBills } from "../../lib/billing/list-bills";
import { importReference } from "../../lib/reference/import-reference";
import { monthDir, referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";
import { ensurePortalBuild, ingestFolder, launchBrowser, login, startPortal, type RunningPortal } from "./helpers";

const MONTH = "2025-03";
const SUPERVISOR = { username: "e2e-supervisor", password: "e2e-password-1" };
const TENANT = { username: "e2e-jw", password: "e2e-password-2" };
const expectedBills: { bills: { department: string; net: string }[] } = JSON.parse(fs.readFileSync(path.join(monthDir, "expected-bills.json"), "utf8"));
const wjwNet = expectedBills.bills.find((b) => b.department === "WJW")!.net;
/** 25283.91 -> ¥25,283.91, as the portal prints money */
const wjwNetText = `¥${wjwNet.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;

let t: TestDb;
let portal: RunningPortal;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDatabase("e2e_portal");
  await importReference(t.db, referenceDir);
  const build = ensurePortalBuild();
  await ingestFolder(t, path.join(monthDir, "uploads"), { source: "e2e" });
  await ensureUser(t.db, { ...SUPERVISOR, displayName: "端到端 监管员", role: "supervisor" });
  const jw = await t.db.department.findUniqueOrThrow({ where: { code: "JW" } });
  await ensureUser(t.db, { ...TENANT, displayName: "教委 用户", role: "tenant", departmentId: jw.id });
  await build;
  portal = await startPortal({ databaseUrl: t.url });
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await t?.drop();
  await dropTemplate();
});

describe("portal", () => {
  test("an anonymous visitor is sent to the login page", async () => {
    const page = await browser.newPage();
    await page.goto(`${portal.baseUrl}/billing?month=${MONTH}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  test("a supervisor opens March 2025, sees WJW's bill and the CDR records behind one of its lines", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, portal.baseUrl, SUPERVISOR);
    await page.goto(`${portal.baseUrl}/billing?month=${MONTH}`);
    const wjwRow = page.locator("tr", { has: page.getByTestId("bill-WJW") });
    await expect.poll(() => wjwRow.getByTestId("bill-net").textContent()).toBe(wjwNetText);

    await page.getByTestId("bill-WJW").click();
    await page.waitForURL(`**/billing/${MONTH}/WJW`);
    await expect.poll(() => page.getByText(wjwNetText).count()).toBeGreaterThan(0);

    const line = page.getByTestId("bill-line").first();
    const resourceId = (await line.locator("td").first().textContent())!.trim();
    const lineRecords = Number((await line.locator("td").last().textContent())!.trim());
    await line.click();
    const drawer = page.getByRole("dialog");
    await expect.poll(() => drawer.getByText(`话单明细 · ${resourceId}`).count()).toBe(1);
    await expect.poll(() => drawer.getByText(`共 ${lineRecords} 条话单`).count()).toBe(1);
    // each record names its file and line: "<folder>/<file>:<line>"
    const first = (await drawer.locator("tbody tr.ant-table-row").first().locator("td").first().textContent())!;
    expect(first).toMatch(/^[a-z_]+\/.+:\d+$/);
    await context.close();
  });

  test("on a 390 px phone the menu is a drawer and the month's bills fit the width", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await login(page, portal.baseUrl, SUPERVISOR);
    await page.goto(`${portal.baseUrl}/billing?month=${MONTH}`);
    await expect.poll(() => page.locator("tr", { has: page.getByTestId("bill-WJW") }).getByTestId("bill-net").textContent()).toBe(wjwNetText);
    // the server renders the desktop frame; once the width is measured the sider gives way to a menu button
    await expect.poll(() => page.getByRole("button", { name: "菜单" }).count()).toBe(1);
    expect(await page.locator(".ant-layout-sider").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "菜单" }).click();
    await page.locator(".ant-drawer").getByText("计量文件").click();
    await page.waitForURL("**/metering/files");
    await context.close();
  });

  test("a tenant user sees only their department's bill, and another department's is not found", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, portal.baseUrl, TENANT);
    await page.goto(`${portal.baseUrl}/billing?month=${MONTH}`);
    await page.getByTestId("bill-JW").waitFor();
    expect(await page.locator('[data-testid^="bill-"][href]').count()).toBe(1);
    const other = await page.goto(`${portal.baseUrl}/billing/${MONTH}/WJW`);
    expect(other!.status()).toBe(404);
    expect(await page.getByText("不在您的数据范围内").count()).toBe(1);
    const csv = await (await page.request.get(`${portal.baseUrl}/api/export/bills?month=${MONTH}&format=csv`)).text();
    const departments = new Set(csv.trim().split("\r\n").slice(1).map((row) => row.split(",")[1]));
    expect([...departments]).toEqual(["JW"]);
    await context.close();
  });

  test("GET /api/v1/bills needs a token and returns what listBills returns", async () => {
    const url = `${portal.baseUrl}/api/v1/bills?month=${MONTH}`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthorized");
    expect((await fetch(url, { headers: { Authorization: "Bearer not-a-token" } })).status).toBe(401);

    const user = await t.db.user.findUniqueOrThrow({ where: { username: SUPERVISOR.username } });
    const { token } = await createApiToken(t.db, { userId: user.id, name: "e2e" });
    const headers = { Authorization: `Bearer ${token}` };
    const bad = await fetch(`${portal.baseUrl}/api/v1/bills?month=2025-13`, { headers });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/YYYY-MM/);

    const ok = await fetch(url, { headers });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(await listBills(t.db, { month: MONTH, scope: ALL }));
  });
});
