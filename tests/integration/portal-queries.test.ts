// The portal's domain queries and actions against a real database: scope in every query, drill-down from a bill
// line to its records, exports, and resolving exceptions so that the bills change.
import ExcelJS from "exceljs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ALL, type DataScope } from "../../lib/auth/scope";
import { createUser, ensureUser, verifyCredentials } from "../../lib/auth/users";
import { billsToCsv, billsToXlsx } from "../../lib/billing/export-bills";
import { getBill } from "../../lib/billing/get-bill";
import { listBills } from "../../lib/billing/list-bills";
import { listLineUsage } from "../../lib/billing/list-line-usage";
import { listMonthBills } from "../../lib/billing/list-month-bills";
import { rerateAndRebill } from "../../lib/billing/rerate-and-rebill";
import { addPriceItem } from "../../lib/catalog/price-lifecycle";
import { loadActorByUsername } from "../../lib/auth/actor";
import { AppError } from "../../lib/errors";
import { getCdrFile } from "../../lib/metering/get-cdr-file";
import { listCdrErrors } from "../../lib/metering/list-cdr-errors";
import { listCdrFiles } from "../../lib/metering/list-cdr-files";
import { listExceptions } from "../../lib/metering/list-exceptions";
import { listFileUsage } from "../../lib/metering/list-file-usage";
import { mapProject } from "../../lib/metering/map-project";
import { summarizeCdrFiles } from "../../lib/metering/summarize-cdr-files";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let wjwScope: DataScope;
let jwScope: DataScope;
let ctScope: DataScope;
let cuScope: DataScope;

beforeAll(async () => {
  t = await createTestDatabase("it_portal_queries");
  await runCase(t, path.join(casesDir, "c05-bad-lines")); // WJW usage with error rows, region cn-sh-gov-1 (CT)
  await runCase(t, path.join(casesDir, "c10-unassigned-unrated"));
  const dept = async (code: string) => (await t.db.department.findUniqueOrThrow({ where: { code } })).id;
  const provider = async (code: string) => (await t.db.provider.findUniqueOrThrow({ where: { code } })).id;
  wjwScope = ({ kind: "departments", departmentIds: [await dept("WJW")] });
  jwScope = ({ kind: "departments", departmentIds: [await dept("JW")] });
  ctScope = ({ kind: "providers", providerIds: [await provider("CT")] });
  cuScope = ({ kind: "providers", providerIds: [await provider("CU")] });
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("users", () => {
  test("passwords are hashed, checked, and ensureUser is idempotent", async () => {
    const u = await createUser(t.db, { username: "alice", password: "correct horse", displayName: "Alice", role: "supervisor" });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).not.toContain("correct horse");
    expect(await verifyCredentials(t.db, { username: "alice", password: "correct horse" })).toMatchObject({ id: u.id, role: "supervisor" });
    expect(await verifyCredentials(t.db, { username: "alice", password: "wrong" })).toBeNull();
    expect((await ensureUser(t.db, { username: "alice", password: "other password", displayName: "A", role: "admin" })).id).toBe(u.id);
    await t.db.user.update({ where: { id: u.id }, data: { enabled: false } });
    expect(await verifyCredentials(t.db, { username: "alice", password: "correct horse" })).toBeNull();
  });

  test("a tenant user without a department is refused", async () => {
    await expect(createUser(t.db, { username: "nobody", password: "password-1", displayName: "N", role: "tenant" })).rejects.toThrow(/所属单位/);
  });
});

describe("CDR files", () => {
  test("paged, filtered and scoped: a tenant sees no files, a provider only its regions'", async () => {
    const all = await listCdrFiles(t.db, { pageSize: 1 }, ALL);
    expect(all.total).toBe(2);
    expect(all.rows).toHaveLength(1);
    expect((await listCdrFiles(t.db, { q: "NOT-THERE" }, ALL)).total).toBe(0);
    expect((await listCdrFiles(t.db, { status: ["ok"], folder: ["vm"] }, ALL)).total).toBe(2);
    expect((await listCdrFiles(t.db, {}, wjwScope)).total).toBe(0);
    expect((await listCdrFiles(t.db, {}, ctScope)).total).toBe(2);
    expect((await listCdrFiles(t.db, {}, cuScope)).total).toBe(0);
    expect((await summarizeCdrFiles(t.db, ALL)).byStatus).toEqual({ ok: 2 });
  });

  test("a file's error rows and records, and nothing of it outside the scope", async () => {
    const withErrors = (await listCdrFiles(t.db, { sort: "errors", order: "desc" }, ALL)).rows[0];
    expect(withErrors.errors).toBeGreaterThan(0);
    const errors = await listCdrErrors(t.db, { fileId: withErrors.id, page: 1, pageSize: 50 }, ALL);
    expect(errors.total).toBe(withErrors.errors);
    expect(errors.rows[0]).toMatchObject({ lineNo: expect.any(Number), reason: expect.any(String), raw: expect.stringMatching(/^20\|/) });
    const usage = await listFileUsage(t.pool, { fileId: withErrors.id, page: 1, pageSize: 50 }, ALL);
    expect(usage.total).toBe(withErrors.records);
    expect(await getCdrFile(t.db, { id: withErrors.id }, cuScope)).toBeNull();
    expect((await listCdrErrors(t.db, { fileId: withErrors.id, page: 1, pageSize: 50 }, wjwScope)).total).toBe(0);
    expect((await listFileUsage(t.pool, { fileId: withErrors.id, page: 1, pageSize: 50 }, jwScope)).total).toBe(0);
  });
});

describe("bills", () => {
  test("a line's records are the usage that was billed on it, and other departments cannot open it", async () => {
    const bill = (await getBill(t.db, { month: "2025-03", department: "WJW" }, ALL))!;
    expect(bill.lines.length).toBeGreaterThan(0);
    for (const line of bill.lines) {
      const usage = await listLineUsage(t.pool, { month: "2025-03", department: "WJW", resourceId: line.resourceId, priceItemId: line.priceItemId }, ALL);
      expect(usage.total).toBe(line.records);
      expect(usage.rows.every((r) => r.resourceId === line.resourceId && r.itemCode === line.itemCode && /^vm\/.+/.test(r.filePath))).toBe(true);
    }
    expect(await getBill(t.db, { month: "2025-03", department: "WJW" }, jwScope)).toBeNull();
    const line = bill.lines[0];
    expect((await listLineUsage(t.pool, { month: "2025-03", department: "WJW", resourceId: line.resourceId, priceItemId: line.priceItemId }, jwScope)).total).toBe(0);
    expect((await listMonthBills(t.db, { month: "2025-03" }, jwScope)).bills).toEqual([]);
  });

  test("exports carry every line with its amounts as in listBills", async () => {
    const bills = await listBills(t.db, { month: "2025-03", scope: ALL });
    const csv = billsToCsv(bills).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv).toHaveLength(1 + bills.reduce((n, b) => n + b.lines.length, 0));
    expect(csv[1].split(",").slice(9, 11)).toEqual([bills[0].lines[0].amount, bills[0].lines[0].net]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await billsToXlsx(bills) as unknown as ArrayBuffer);
    expect(book.getWorksheet("汇总")!.getRow(2).getCell(6).value).toBe(Number(bills[0].net));
    expect(book.getWorksheet("明细")!.rowCount).toBe(csv.length);
  });
});

describe("resolving exceptions", () => {
  test("mapping the unknown project and pricing the unknown spec re-rates the usage and changes the bill", async () => {
    const before = await listExceptions(t.pool, ALL);
    expect(before.unassigned).toHaveLength(1);
    expect(before.unrated).toHaveLength(1);
    const netBefore = (await getBill(t.db, { month: "2025-03", department: "WJW" }, ALL))!.net;

    const vdc = await t.db.vdc.findUniqueOrThrow({ where: { code: "VDC-WJW-01" } });
    await createUser(t.db, { username: "pricer", password: "pricer-pass-1", displayName: "Pricer", role: "supervisor" });
    const supervisor = (await loadActorByUsername(t.db, "pricer"))!;
    await expect(mapProject(t.db, supervisor, { projectId: before.unassigned[0].projectId, vdcId: 999999 })).rejects.toBeInstanceOf(AppError);
    await mapProject(t.db, supervisor, { projectId: before.unassigned[0].projectId, vdcId: vdc.id });
    await expect(mapProject(t.db, supervisor, { projectId: before.unassigned[0].projectId, vdcId: vdc.id })).rejects.toThrow(/已有归属/);
    expect(await t.db.auditEvent.count({ where: { action: "project.map", entityId: before.unassigned[0].projectId } })).toBe(1);
    expect(await rerateAndRebill(t)).toMatchObject({ months: ["2025-03"] });
    expect((await listExceptions(t.pool, ALL)).unassigned).toEqual([]);

    const key = before.unrated[0];
    const ct = await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } });
    const item = {
      itemCode: "IT-ECS-32C64G", providerId: ct.id, category: "计算", name: "云主机 32C64G", serviceTypeCode: key.serviceTypeCode,
      resourceTypeCode: key.resourceTypeCode, resourceSpecCode: key.resourceSpecCode, factor: key.factor, unit: "CNY/month" as const, unitPrice: "3100", validFrom: "2025-01-01",
    };
    await expect(addPriceItem(t.db, supervisor, { ...item, unit: "CNY/GB" })).rejects.toThrow(/不能计量因子/);
    await expect(addPriceItem(t.db, supervisor, { ...item, unitPrice: "-1" })).rejects.toThrow();
    await addPriceItem(t.db, supervisor, item);
    await expect(addPriceItem(t.db, supervisor, { ...item, itemCode: "IT-OVERLAP", validFrom: "2025-03-01" })).rejects.toThrow(/重叠/);
    await rerateAndRebill(t);
    expect(await listExceptions(t.pool, ALL)).toEqual({ unassigned: [], unrated: [] });
    const netAfter = (await getBill(t.db, { month: "2025-03", department: "WJW" }, ALL))!.net;
    expect(Number(netAfter)).toBeGreaterThan(Number(netBefore));
  });
});
