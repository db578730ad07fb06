// Defects a review found by trying to break the platform, each pinned on the real PostgreSQL: parallel password
// guesses, reading bills without the permission, a price published while a file is being rated, dates that do not
// exist, drafts imported over a closed month, reopening, a closed bill's discount, mapping outside one's scope,
// tokens after a reset, and formulas in the CSV export.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createApiToken, userForApiToken } from "../../lib/auth/api-tokens";
import { ALL } from "../../lib/auth/scope";
import { createUser, resetPassword, signIn, MAX_FAILED_LOGINS } from "../../lib/auth/users";
import { closeMonth, reopenMonth } from "../../lib/billing/close-month";
import { billsToCsv } from "../../lib/billing/export-bills";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { rerateAndRebill } from "../../lib/billing/rerate-and-rebill";
import { importCatalog, readCatalogFile } from "../../lib/catalog/import-catalog";
import { addPriceItem, retirePriceItem, saveDraft } from "../../lib/catalog/price-lifecycle";
import type { DbContext } from "../../lib/db";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { listExceptions } from "../../lib/metering/list-exceptions";
import { mapProject } from "../../lib/metering/map-project";
import { saveDepartment } from "../../lib/org/manage-org";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";
import { waitFor } from "../support/wait";

let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const { GET: getBillsApi } = await import("../../app/api/v1/bills/route");

let t: TestDb;
let supervisor: Actor;
let admin: Actor;
const MONTH = "2025-03";
const bills = async () => Object.fromEntries((await listBills(t.db, { month: MONTH, scope: ALL })).map((b) => [b.department, { gross: b.gross, net: b.net, rate: b.discountRate }]));

beforeAll(async () => {
  t = await createTestDatabase("it_hardening");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  await runCase(t, path.join(casesDir, "c10-unassigned-unrated")); // WJW usage, an unknown ProjectID and an unpriced spec
  await runCase(t, path.join(casesDir, "c14-discount-rounding")); // DSJ at 0.90
  await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管", role: "supervisor" });
  await createUser(t.db, { username: "adm", password: "password-1", displayName: "管理", role: "admin" });
  supervisor = (await loadActorByUsername(t.db, "sup"))!;
  admin = (await loadActorByUsername(t.db, "adm"))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

test("wrong passwords sent in parallel each count: the account locks", async () => {
  await createUser(t.db, { username: "victim", password: "right-password", displayName: "V", role: "leader" });
  const results = await Promise.all(Array.from({ length: 3 * MAX_FAILED_LOGINS }, () => signIn(t.db, { username: "victim", password: "wrong" })));
  expect(results.some((r) => !r.ok && r.reason === "locked")).toBe(true);
  expect((await t.db.user.findUniqueOrThrow({ where: { username: "victim" } })).lockedUntil).not.toBeNull();
  expect(await signIn(t.db, { username: "victim", password: "right-password" })).toMatchObject({ ok: false, reason: "locked" });
});

test("a token of a user without billing.read gets 403 from the bills API", async () => {
  await t.db.role.create({ data: { code: "dict-only", name: "字典维护", permissions: ["system.dictionaries"], scopeKind: "all" } });
  const u = await createUser(t.db, { username: "dict", password: "password-1", displayName: "D", role: "dict-only" });
  const { token } = await createApiToken(t.db, { userId: u.id, name: "x" });
  const res = await getBillsApi(new Request(`http://portal.test/api/v1/bills?month=${MONTH}`, { headers: { Authorization: `Bearer ${token}` } }));
  expect(res.status).toBe(403);
});

test("a password reset revokes the user's API tokens", async () => {
  const u = await createUser(t.db, { username: "tok", password: "password-1", displayName: "T", role: "leader" });
  const { token } = await createApiToken(t.db, { userId: u.id, name: "x" });
  expect(await userForApiToken(t.db, token)).not.toBeNull();
  expect(await t.db.auditEvent.count({ where: { action: "auth.token-create", actorId: u.id } })).toBe(1);
  await resetPassword(t.db, admin, u.id, "another-password");
  expect(await userForApiToken(t.db, token)).toBeNull();
  // and the reference imports that loaded this test's data (prices, discounts) are on record too
  expect(await t.db.auditEvent.count({ where: { action: "reference.import" } })).toBe(2);
});

test("a price published while a file is being rated reaches that file's records", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "race-"));
  fs.mkdirSync(path.join(dir, "vm"));
  const rel = "vm/HWS_cn-sh-gov-1_vm_20250321000000_000_017.csv";
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\D/g, "").slice(0, 14);
  const lines = ["10|20250321000000|01|text"];
  const records = 120_000;
  for (let i = 0; i < records; i++) {
    const begin = Date.UTC(2025, 2, 1) + (i % 500) * 3600_000;
    lines.push(`20|${stamp(begin + 3600_000)}|0a4f6c2e9b1d4e7f8a3b5c6d7e8f9012|cn-sh-gov-1|az1.dc1|hws.service.type.ec2|hws.resource.type.vm|race.spec|vm-r${Math.floor(i / 500)}||${stamp(begin)}|${stamp(begin + 3600_000)}|Duration|3600||`);
  }
  lines.push(`90|20250321000000|${records}`);
  fs.writeFileSync(path.join(dir, rel), lines.join("\n") + "\n");
  const ingest = ingestLocalFile(t, { source: "race", path: rel, localPath: path.join(dir, rel) });
  await waitFor("the file to be rating", () => t.db.cdrFile.findFirst({ where: { source: "race", status: "processing" } }), 60_000, 20);
  const ct = await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } });
  await addPriceItem(t.db, supervisor, {
    itemCode: "RACE", providerId: ct.id, category: "计算", name: "竞态规格", serviceTypeCode: "hws.service.type.ec2", resourceTypeCode: "hws.resource.type.vm",
    resourceSpecCode: "race.spec", factor: "duration", unit: "CNY/hour", unitPrice: "1", validFrom: "2025-01-01",
  });
  await rerateAndRebill(t, { only: "exceptions" });
  expect((await ingest).status).toBe("ok");
  const { rows } = await t.pool.query("SELECT count(*)::int AS n FROM usage_record WHERE resource_spec_code = 'race.spec' AND price_item_id IS NULL");
  expect(rows[0].n).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe("dates and drafts", () => {
  test("retiring from a date that does not exist is refused with a date error", async () => {
    const sata = await t.db.priceItem.findUniqueOrThrow({ where: { itemCode: "CT-EVS-SATA" } });
    await expect(retirePriceItem(t.db, supervisor, sata.id, "2025-02-30")).rejects.toThrow(/不是有效日期/);
    await expect(retirePriceItem(t.db, supervisor, sata.id, "2025-13-01")).rejects.toThrow(/不是有效日期/);
    expect((await t.db.priceItem.findUniqueOrThrow({ where: { id: sata.id } })).validTo).toBeNull();
  });

  test("a closed month keeps its discount, refuses a draft published by import, and a reopening re-rates it", async () => {
    const before = await bills();
    expect(before.DSJ.rate).toBe("0.9");
    const ct = await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } });
    const [unrated] = (await listExceptions(t.pool, ALL)).unrated;
    // a draft saved while March was open, then imported (published) after it closed
    await saveDraft(t.db, supervisor, {
      itemCode: "LATE-DRAFT", providerId: ct.id, category: "计算", name: "迟到草稿", serviceTypeCode: unrated.serviceTypeCode, resourceTypeCode: unrated.resourceTypeCode,
      resourceSpecCode: unrated.resourceSpecCode, factor: unrated.factor, unit: "CNY/month", unitPrice: "100", validFrom: "2025-03-01",
    });
    await closeMonth(t, supervisor, MONTH);

    await saveDepartment(t.db, admin, { id: (await t.db.department.findUniqueOrThrow({ where: { code: "DSJ" } })).id, code: "DSJ", name: "市大数据中心", discountRate: "0.50" });
    expect((await bills()).DSJ).toEqual(before.DSJ);

    const csv = ["item_code,provider_code,category,item_name,service_type_code,resource_type_code,resource_spec_code,factor,unit,unit_price,valid_from,valid_to",
      `LATE-DRAFT,CT,计算,迟到草稿,${unrated.serviceTypeCode},${unrated.resourceTypeCode},${unrated.resourceSpecCode},${unrated.factor},CNY/month,100,2025-03-01,`].join("\n");
    const result = await importCatalog(t.db, supervisor, (await readCatalogFile("c.csv", Buffer.from(csv))).rows, { dryRun: false });
    expect(result.applied).toBe(false);
    expect(result.plan.problems[0].reason).toMatch(/已月结的 2025-03/);

    // while closed, the unknown project is mapped: nothing changes until the month is reopened
    const [unassigned] = (await listExceptions(t.pool, ALL)).unassigned;
    const vdc = await t.db.vdc.findUniqueOrThrow({ where: { code: "VDC-JW-01" } });
    await mapProject(t.db, supervisor, { projectId: unassigned.projectId, vdcId: vdc.id });
    await rerateAndRebill(t, { only: "exceptions" });
    expect(await bills()).toEqual(before);
    await reopenMonth(t, supervisor, MONTH, "补录项目归属");
    const after = await bills();
    expect(after.JW).toBeDefined();
    expect(after.DSJ.rate).toBe("0.5");
  });
});

test("a resolver scoped to one department cannot map a project into another", async () => {
  await t.db.role.create({ data: { code: "wjw-resolver", name: "卫健委计量", permissions: ["metering.exceptions.read", "metering.exceptions.resolve"], scopeKind: "org" } });
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  await createUser(t.db, { username: "res", password: "password-1", displayName: "R", role: "wjw-resolver", departmentId: wjw.id });
  const resolver = (await loadActorByUsername(t.db, "res"))!;
  const jwVdc = await t.db.vdc.findUniqueOrThrow({ where: { code: "VDC-JW-01" } });
  await expect(mapProject(t.db, resolver, { projectId: "p-outside", vdcId: jwVdc.id })).rejects.toThrow(/超出了您的数据范围/);
});

test("a CSV cell a spreadsheet would run as a formula is exported as text", () => {
  const csv = billsToCsv([{ month: MONTH, department: "WJW", departmentName: "=1+1", gross: "1.00", net: "1.00", discountRate: null, records: 1,
    lines: [{ resourceId: '=HYPERLINK("http://x.example/";"x")', itemCode: "@SUM(A1)", itemName: "+1", unit: "CNY/month", unitPrice: "1", quantity: "1", amount: "1.00", net: "-1.00", records: 1 }] }]);
  const row = csv.split("\r\n")[1];
  expect(row).toContain(`"'=HYPERLINK(""http://x.example/"";""x"")"`);
  expect(row).toContain("'@SUM(A1)");
  expect(row).toContain("'+1");
  expect(row).toContain(",-1.00");
  expect(row).not.toMatch(/(^|,)=/);
});
