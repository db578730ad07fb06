// The service desk end to end in Chromium against a production build, with real workers on Redis running the
// operations tick: a tenant reports a fault with an attachment, the supervisor approves it, the provider (told by
// the bell) accepts and resolves the work order, the tenant confirms; the timeline shows every step with who did it.
// Set E2E_SCREENSHOTS=<dir> to keep screenshots at 390 and 1440 px.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureUser } from "../../lib/auth/users";
import { env } from "../../lib/env";
import { redisConnection } from "../../lib/jobs/queues";
import { startWorkers } from "../../lib/jobs/start-workers";
import { seedDataDir } from "../../lib/metering/generate";
import { importReference } from "../../lib/reference/import-reference";
import { ensureDefaults } from "../../lib/system/ensure-defaults";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";
import { ensurePortalBuild, launchBrowser, login, startPortal, type RunningPortal } from "./helpers";

const USERS = {
  tenant: { username: "e2e-sd-wjw", password: "e2e-password-1", displayName: "卫健委 张医生" },
  supervisor: { username: "e2e-sd-sup", password: "e2e-password-2", displayName: "监管 王敏" },
  provider: { username: "e2e-sd-ct", password: "e2e-password-3", displayName: "电信 周工" },
};
const shots = process.env.E2E_SCREENSHOTS;
const prefix = `e2e-sd-${process.pid}`;

let t: TestDb;
let portal: RunningPortal;
let browser: Browser;
let workers: Awaited<ReturnType<typeof startWorkers>>;

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function open(role: keyof typeof USERS, width = 1440) {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  const page = await context.newPage();
  await login(page, portal.baseUrl, USERS[role]);
  return { context, page };
}

beforeAll(async () => {
  t = await createTestDatabase("e2e_service_desk");
  const build = ensurePortalBuild();
  await importReference(t.db, seedDataDir());
  await ensureDefaults(t.db);
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  const ct = await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } });
  await ensureUser(t.db, { ...USERS.tenant, role: "tenant", departmentId: wjw.id });
  await ensureUser(t.db, { ...USERS.supervisor, role: "supervisor" });
  await ensureUser(t.db, { ...USERS.provider, role: "provider", providerId: ct.id });
  workers = await startWorkers({ ctx: t, sources: [], connection: redisConnection(env.REDIS_URL), prefix, concurrency: 1, pollEveryMs: 60_000, operationsEveryMs: 500, log: () => {} });
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

describe("service desk", () => {
  test("a tenant's fault report goes through review, the provider resolves it, the tenant confirms; the timeline shows every step", async () => {
    // the tenant reports a fault with an attachment
    let { context, page } = await open("tenant");
    await page.goto(`${portal.baseUrl}/service/requests`);
    await page.getByRole("button", { name: "报告故障" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("服务商").click();
    await page.getByTitle("中国电信政务云").click();
    await form.getByLabel("故障类别").click();
    await page.getByTitle("网络").last().click();
    await form.getByLabel("级别").click();
    await page.getByTitle("P2 高").click();
    await form.getByLabel("标题").fill("门户网站无法访问");
    await form.getByLabel("描述").fill("自 9 点起门户网站无法访问，影响对外服务");
    await form.getByLabel("影响范围").fill("对外服务");
    await form.getByLabel("发生时间").click();
    await page.locator(".ant-picker-cell-today").first().click();
    await form.locator("input[type=file]").setInputFiles({ name: "error.log", mimeType: "text/plain", buffer: Buffer.from("502 Bad Gateway\n") });
    await form.getByText("error.log").waitFor();
    await screenshot(page, "sd-fault-form-1440");
    await form.getByRole("button", { name: "提交" }).click();
    await page.waitForURL(/\/service\/requests\/\d+/, { timeout: 30_000 });
    const requestUrl = page.url();
    await page.getByText("待审核").first().waitFor();
    await context.close();

    // the supervisor approves it: a work order for the provider
    ({ context, page } = await open("supervisor"));
    await page.goto(requestUrl);
    await page.getByRole("button", { name: "通过" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "通过" }).click();
    const orderLink = page.getByRole("link", { name: /WO-\d{8}-\d{4}/ }).first();
    await orderLink.waitFor({ timeout: 30_000 });
    const orderHref = (await orderLink.getAttribute("href"))!;
    const orderNumber = (await orderLink.textContent())!.match(/WO-\d{8}-\d{4}/)![0];
    await context.close();

    // the provider hears of it through the bell (the workers' operations tick), accepts and resolves it
    ({ context, page } = await open("provider"));
    await expect.poll(async () => {
      await page.goto(`${portal.baseUrl}/messages`);
      return page.getByText(orderNumber).count();
    }, { timeout: 30_000, interval: 1000 }).toBeGreaterThan(0);
    await page.goto(`${portal.baseUrl}${orderHref}`);
    await page.getByRole("button", { name: "接单" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "接单" }).click();
    await page.getByRole("button", { name: "解决" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "解决" }).click();
    await page.getByRole("dialog").getByLabel("解决方案").fill("负载均衡后端异常，重启后恢复");
    await page.getByRole("dialog").getByRole("button", { name: "解决" }).click();
    await page.getByText("已解决").first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole("button", { name: "解决", exact: true }).count()).toBe(0);
    await context.close();

    // the tenant confirms the resolution (回单): the order closes
    ({ context, page } = await open("tenant"));
    await page.goto(`${portal.baseUrl}${orderHref}`);
    await page.getByRole("button", { name: "确认解决（回单）" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确认解决（回单）" }).click();
    await page.getByText("已关闭").first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole("button", { name: "确认解决（回单）", exact: true }).count()).toBe(0);
    const steps = await page.locator(".ant-timeline-item").allInnerTexts();
    expect(steps.map((s) => s.split("\n")[0].trim())).toEqual(["提交申请", "审核通过", "创建工单并派单", "接单", "解决", "确认解决（回单）"]);
    const who = [USERS.tenant, USERS.supervisor, USERS.supervisor, USERS.provider, USERS.provider, USERS.tenant].map((u) => u.displayName);
    steps.forEach((s, i) => expect(s).toContain(who[i]));
    await screenshot(page, "sd-closed-1440");
    await context.close();

    const order = await t.db.workOrder.findUniqueOrThrow({ where: { number: orderNumber } });
    expect(order).toMatchObject({ status: "closed", kind: "fault", severity: "p2" });
    expect(order.respondedAt).not.toBeNull();
    expect(order.closedAt).not.toBeNull();

    // the same work order on a phone: the timeline fits the width
    ({ context, page } = await open("tenant", 390));
    await page.goto(`${portal.baseUrl}${orderHref}`);
    await page.locator(".ant-timeline-item").first().waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(390);
    await screenshot(page, "sd-closed-390");
    await context.close();
  });
});
