// Each role's portal in Chromium against a production build: a tenant user sees their department only and the
// published catalog; a leader the home page's charts; a supervisor publishes a price and watches the re-rating
// (run by real workers on Redis) change the bill. Set E2E_SCREENSHOTS=<dir> to keep screenshots at 390 and 1440 px.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername } from "../../lib/auth/actor";
import { ensureUser } from "../../lib/auth/users";
import { saveDraft } from "../../lib/catalog/price-lifecycle";
import { env } from "../../lib/env";
import { redisConnection } from "../../lib/jobs/queues";
import { startWorkers } from "../../lib/jobs/start-workers";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";
import { ensurePortalBuild, launchBrowser, login, startPortal, type RunningPortal } from "./helpers";

const MONTH = "2025-03";
const USERS = {
  supervisor: { username: "e2e-sup", password: "e2e-password-1" },
  leader: { username: "e2e-leader", password: "e2e-password-2" },
  tenant: { username: "e2e-wjw", password: "e2e-password-3" },
};
const shots = process.env.E2E_SCREENSHOTS;
// a drawn chart (its legend icons are svg.recharts-surface too)
const CHART = "svg.recharts-surface[role=application]";
const prefix = `e2e-roles-${process.pid}`;

let t: TestDb;
let portal: RunningPortal;
let browser: Browser;
let workers: Awaited<ReturnType<typeof startWorkers>>;

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function open(role: keyof typeof USERS, width: number) {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  const page = await context.newPage();
  await login(page, portal.baseUrl, USERS[role]);
  return { context, page };
}

beforeAll(async () => {
  t = await createTestDatabase("e2e_roles");
  const build = ensurePortalBuild();
  // WJW, JW, GA and JT on both providers, plus an unpriced spec (c10) for a draft to price
  for (const c of ["c01-basic-spaced", "c16-traffic-requests-bandwidth", "c10-unassigned-unrated"]) await runCase(t, path.join(casesDir, c));
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  await ensureUser(t.db, { ...USERS.supervisor, displayName: "端到端 监管员", role: "supervisor" });
  await ensureUser(t.db, { ...USERS.leader, displayName: "端到端 领导", role: "leader" });
  await ensureUser(t.db, { ...USERS.tenant, displayName: "卫健委 用户", role: "tenant", departmentId: wjw.id });
  workers = await startWorkers({ ctx: t, sources: [], connection: redisConnection(env.REDIS_URL), prefix, concurrency: 1, pollEveryMs: 60_000, log: () => {} });
  await build;
  portal = await startPortal({ databaseUrl: t.url, queuePrefix: prefix });
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await workers?.close();
  await t?.drop();
  await dropTemplate();
});

describe("roles in the portal", () => {
  test("a tenant user sees their department only, the catalog's current prices, and no administration", async () => {
    for (const width of [1440, 390]) {
      const { context, page } = await open("tenant", width);
      await page.waitForURL("**/dashboard");
      await page.getByTestId("chart-departments").locator(CHART).waitFor();
      expect(await page.getByTestId("chart-files").count()).toBe(0);
      await screenshot(page, `tenant-dashboard-${width}`);
      await page.goto(`${portal.baseUrl}/catalog`);
      await page.getByTestId("price-CT-ECS-2C4G").waitFor();
      expect(await page.getByRole("button", { name: /新建草稿/ }).count()).toBe(0);
      expect(await page.getByText("生效中的价格").count()).toBe(1);
      await screenshot(page, `tenant-catalog-${width}`);
      if (width === 1440) {
        const nav = await page.locator(".ant-layout-sider .ant-menu-root").innerText();
        expect(nav).toContain("账单");
        expect(nav).not.toContain("计量文件");
        expect(nav).not.toContain("用户管理");
        await page.goto(`${portal.baseUrl}/billing?month=${MONTH}`);
        await page.getByTestId("bill-WJW").waitFor();
        expect(await page.locator('[data-testid^="bill-"][href]').count()).toBe(1);
        for (const forbidden of ["/admin/users", "/metering/exceptions", "/metering/files"]) {
          await page.goto(`${portal.baseUrl}${forbidden}`);
          await page.getByText("无权访问").waitFor();
        }
        expect((await page.request.get(`${portal.baseUrl}/api/catalog/export`)).status()).toBe(403);
      } else {
        // once the width is measured the phone layout replaces the desktop one rendered on the server
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(390);
      }
      await context.close();
    }
  });

  test("a leader sees the home page's charts, and a bar opens the bill behind it", async () => {
    for (const width of [1440, 390]) {
      const { context, page } = await open("leader", width);
      await page.waitForURL("**/dashboard");
      for (const id of ["chart-departments", "chart-providers", "chart-trend", "chart-files"]) await page.getByTestId(id).locator(CHART).waitFor();
      await expect.poll(() => page.getByTestId("chart-departments").locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(4);
      await screenshot(page, `leader-dashboard-${width}`);
      if (width === 1440) {
        await page.getByTestId("chart-departments").locator(".recharts-bar-rectangle").first().click();
        await page.waitForURL(`**/billing/${MONTH}/**`);
        await page.goto(`${portal.baseUrl}/catalog?view=unified`);
        await page.getByTestId("unified-catalog").getByText("价格不同").first().waitFor();
        await screenshot(page, "leader-catalog-unified-1440");
      } else {
        // once the width is measured the phone layout replaces the desktop one rendered on the server
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(390);
      }
      await context.close();
    }
  });

  test("a supervisor publishes a price for unrated usage; the workers re-rate it and the bill grows", async () => {
    const supervisor = (await loadActorByUsername(t.db, USERS.supervisor.username))!;
    const [unrated] = await t.pool.query("SELECT DISTINCT service_type_code, resource_type_code, resource_spec_code, lower(factor_name) AS factor FROM usage_record WHERE price_item_id IS NULL AND department_id IS NOT NULL").then((r) => r.rows);
    const ct = await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } });
    await saveDraft(t.db, supervisor, {
      itemCode: "E2E-NEW-SPEC", providerId: ct.id, category: "计算", name: "端到端 新规格", serviceTypeCode: unrated.service_type_code, resourceTypeCode: unrated.resource_type_code,
      resourceSpecCode: unrated.resource_spec_code, factor: unrated.factor, unit: "CNY/month", unitPrice: "3100", validFrom: "2025-01-01",
    });
    const before = await t.db.bill.findFirstOrThrow({ where: { month: MONTH, department: { code: "WJW" } } });
    const { context, page } = await open("supervisor", 1440);
    await page.goto(`${portal.baseUrl}/catalog?status=draft`);
    await page.waitForLoadState("networkidle"); // hydrated: the button opens its confirmation
    await page.getByTestId("publish-E2E-NEW-SPEC").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /发\s*布/ }).click();
    await page.getByTestId("rerate-progress").getByText(/重新计费完成/).waitFor({ timeout: 60_000 }).catch(async (e) => { await screenshot(page, "supervisor-publish-failed"); throw e; });
    await screenshot(page, "supervisor-catalog-published-1440");
    const after = await t.db.bill.findFirstOrThrow({ where: { month: MONTH, department: { code: "WJW" } } });
    expect(after.gross.greaterThan(before.gross)).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "price.publish", entityId: "E2E-NEW-SPEC" } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "billing.rerate" } })).toBe(1);
    await context.close();
  });
});
