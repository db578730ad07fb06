// 分权分域 on the real PostgreSQL: for every role and every query over tenant data (bills, bill lines and the records
// behind them, files, errors, exceptions, the home page's figures, users, the REST API), a user of one department
// gets nothing of another, a provider user nothing of the other provider, and no operator grants more than they hold.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createApiToken } from "../../lib/auth/api-tokens";
import { listUsers } from "../../lib/auth/list-users";
import { saveRole } from "../../lib/auth/roles";
import { createUser, updateUser } from "../../lib/auth/users";
import { billsToCsv } from "../../lib/billing/export-bills";
import { getBill } from "../../lib/billing/get-bill";
import { listBillMonths } from "../../lib/billing/list-bill-months";
import { listBills } from "../../lib/billing/list-bills";
import { listLineUsage } from "../../lib/billing/list-line-usage";
import { listMonthBills } from "../../lib/billing/list-month-bills";
import type { DbContext } from "../../lib/db";
import { getCdrFile } from "../../lib/metering/get-cdr-file";
import { listCdrErrors } from "../../lib/metering/list-cdr-errors";
import { listCdrFiles } from "../../lib/metering/list-cdr-files";
import { listExceptions } from "../../lib/metering/list-exceptions";
import { listFileUsage } from "../../lib/metering/list-file-usage";
import { getHomeOverview } from "../../lib/reports/home-overview";
import { listTodos } from "../../lib/reports/list-todos";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const { GET: getBillsApi } = await import("../../app/api/v1/bills/route");

const MONTH = "2025-03";
type Who = "supervisor" | "leader" | "wjw" | "jw" | "ct" | "cu" | "custom";
let t: TestDb;
const actors = {} as Record<Who, Actor>;
const tokens = {} as Record<Who, string>;

beforeAll(async () => {
  t = await createTestDatabase("it_scope_matrix");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  // JW and WJW on CT (c01), GA, JT and WJW on both providers (c16), unassigned and unrated usage on CT (c10)
  for (const c of ["c01-basic-spaced", "c16-traffic-requests-bandwidth", "c10-unassigned-unrated"]) await runCase(t, path.join(casesDir, c));
  const dept = async (code: string) => (await t.db.department.findUniqueOrThrow({ where: { code } })).id;
  const provider = async (code: string) => (await t.db.provider.findUniqueOrThrow({ where: { code } })).id;
  await t.db.role.create({ data: { code: "auditor", name: "专项审计", permissions: ["home.read", "billing.read"], scopeKind: "custom" } });
  const users: [Who, Parameters<typeof createUser>[1]][] = [
    ["supervisor", { username: "sup", password: "password-1", displayName: "监管", role: "supervisor" }],
    ["leader", { username: "lead", password: "password-1", displayName: "领导", role: "leader" }],
    ["wjw", { username: "wjw", password: "password-1", displayName: "卫健委", role: "tenant", departmentId: await dept("WJW") }],
    ["jw", { username: "jw", password: "password-1", displayName: "教委", role: "tenant", departmentId: await dept("JW") }],
    ["ct", { username: "ct", password: "password-1", displayName: "电信", role: "provider", providerId: await provider("CT") }],
    ["cu", { username: "cu", password: "password-1", displayName: "联通", role: "provider", providerId: await provider("CU") }],
    ["custom", { username: "aud", password: "password-1", displayName: "审计", role: "auditor", scopeDepartmentIds: [await dept("JW"), await dept("GA")] }],
  ];
  for (const [who, input] of users) {
    const u = await createUser(t.db, input);
    actors[who] = (await loadActorByUsername(t.db, input.username))!;
    tokens[who] = (await createApiToken(t.db, { userId: u.id, name: who })).token;
  }
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

const departmentsOf = async (who: Who) => (await listBills(t.db, { month: MONTH, scope: actors[who].scope })).map((b) => b.department);
const EVERY_DEPARTMENT = ["GA", "JT", "JW", "WJW"];

describe("bills", () => {
  test("each role sees exactly its departments' bills, through the lib, the export and the REST API alike", async () => {
    const expected: Record<Who, string[]> = { supervisor: EVERY_DEPARTMENT, leader: EVERY_DEPARTMENT, wjw: ["WJW"], jw: ["JW"], ct: [], cu: [], custom: ["GA", "JW"] };
    for (const who of Object.keys(expected) as Who[]) {
      expect(await departmentsOf(who), who).toEqual(expected[who]);
      expect((await listMonthBills(t.db, { month: MONTH }, actors[who].scope)).bills.map((b) => b.department), who).toEqual(expected[who]);
      expect(await listBillMonths(t.db, actors[who].scope), who).toEqual(expected[who].length ? [MONTH] : []);
      const csvDepartments = [...new Set(billsToCsv(await listBills(t.db, { month: MONTH, scope: actors[who].scope })).split("\n").slice(1).filter(Boolean).map((l) => l.split(",")[1]))];
      expect(csvDepartments.sort(), who).toEqual(expected[who]);
      const api = await getBillsApi(new Request(`http://portal.test/api/v1/bills?month=${MONTH}`, { headers: { Authorization: `Bearer ${tokens[who]}` } }));
      expect(api.status).toBe(200);
      expect(((await api.json()) as { department: string }[]).map((b) => b.department), who).toEqual(expected[who]);
    }
  });

  test("another department's bill and the records behind its lines are not found", async () => {
    const wjwBill = (await getBill(t.db, { month: MONTH, department: "WJW" }, actors.supervisor.scope))!;
    const line = wjwBill.lines[0];
    const lineInput = { month: MONTH, department: "WJW", resourceId: line.resourceId, priceItemId: line.priceItemId };
    expect((await listLineUsage(t.pool, lineInput, actors.wjw.scope)).total).toBeGreaterThan(0);
    for (const who of ["jw", "custom", "ct", "cu"] as const) {
      expect(await getBill(t.db, { month: MONTH, department: "WJW" }, actors[who].scope), who).toBeNull();
      if (who === "jw" || who === "custom") expect((await listLineUsage(t.pool, lineInput, actors[who].scope)).total, who).toBe(0);
    }
  });
});

describe("files, errors and exceptions", () => {
  test("tenant users see no files; a provider user only the files of its regions, and none of the other's by id", async () => {
    const all = await listCdrFiles(t.db, {}, actors.supervisor.scope);
    const regionOf = new Map(all.rows.map((f) => [f.id, f.regionCode]));
    expect(new Set(all.rows.map((f) => f.regionCode))).toEqual(new Set(["cn-sh-gov-1", "cn-sh-gov-2"]));
    for (const who of ["wjw", "jw", "custom"] as const) expect((await listCdrFiles(t.db, {}, actors[who].scope)).total, who).toBe(0);
    const ctFiles = await listCdrFiles(t.db, {}, actors.ct.scope);
    const cuFiles = await listCdrFiles(t.db, {}, actors.cu.scope);
    expect(new Set(ctFiles.rows.map((f) => f.regionCode))).toEqual(new Set(["cn-sh-gov-1"]));
    expect(new Set(cuFiles.rows.map((f) => f.regionCode))).toEqual(new Set(["cn-sh-gov-2"]));
    const ctFile = ctFiles.rows.find((f) => f.errors > 0) ?? ctFiles.rows[0];
    expect(regionOf.get(ctFile.id)).toBe("cn-sh-gov-1");
    expect(await getCdrFile(t.db, { id: ctFile.id }, actors.cu.scope)).toBeNull();
    expect(await getCdrFile(t.db, { id: ctFile.id }, actors.wjw.scope)).toBeNull();
    expect((await listFileUsage(t.pool, { fileId: ctFile.id, page: 1, pageSize: 50 }, actors.cu.scope)).total).toBe(0);
    expect((await listCdrErrors(t.db, { fileId: ctFile.id, page: 1, pageSize: 50 }, actors.cu.scope)).total).toBe(0);
    expect(await getCdrFile(t.db, { id: ctFile.id }, actors.ct.scope)).not.toBeNull();
  });

  test("exceptions are seen by the provider whose usage they are, and never by a department (an unassigned project has none)", async () => {
    const all = await listExceptions(t.pool, actors.supervisor.scope);
    expect([all.unassigned.length, all.unrated.length]).toEqual([1, 1]);
    expect(await listExceptions(t.pool, actors.ct.scope)).toEqual(all);
    expect(await listExceptions(t.pool, actors.cu.scope)).toEqual({ unassigned: [], unrated: [] });
    expect((await listExceptions(t.pool, actors.jw.scope)).unassigned).toEqual([]);
  });
});

describe("the home page", () => {
  test("cost figures are the actor's own: a department its bill, a provider the lines it priced", async () => {
    const all = await getHomeOverview(t.pool, actors.supervisor.scope);
    expect(all.byDepartment.map((d) => d.code).sort()).toEqual(EVERY_DEPARTMENT);
    const wjw = await getHomeOverview(t.pool, actors.wjw.scope);
    expect(wjw.byDepartment.map((d) => d.code)).toEqual(["WJW"]);
    expect(wjw.net).toBe((await getBill(t.db, { month: MONTH, department: "WJW" }, actors.wjw.scope))!.net);
    expect(wjw.topResources.every((r) => r.department === "WJW")).toBe(true);
    const cu = await getHomeOverview(t.pool, actors.cu.scope);
    expect(cu.byProvider.map((p) => p.code)).toEqual(["CU"]);
    expect(cu.topResources.every((r) => r.providerCode === "CU")).toBe(true);
    // the providers' figures add up to the whole
    const ct = await getHomeOverview(t.pool, actors.ct.scope);
    expect(Number(ct.net) + Number(cu.net)).toBeCloseTo(Number(all.net), 2);
  });

  test("to-dos follow permissions: a tenant user is not told about other departments' exceptions or files", async () => {
    expect((await listTodos(t, actors.supervisor)).map((x) => x.key)).toEqual(expect.arrayContaining(["exceptions"]));
    expect((await listTodos(t, actors.wjw)).map((x) => x.key)).toEqual([]);
    expect((await listTodos(t, actors.cu)).map((x) => x.key)).not.toContain("exceptions");
  });
});

describe("privilege escalation", () => {
  test("an operator scoped to one department manages only its users and cannot grant a wider role or scope", async () => {
    const jw = (await t.db.department.findUniqueOrThrow({ where: { code: "JW" } })).id;
    const wjw = (await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } })).id;
    await t.db.role.create({ data: { code: "jw-admin", name: "教委管理员", permissions: ["home.read", "catalog.read", "billing.read", "itsm.request.submit", "itsm.workorder.read", "system.users"], scopeKind: "org" } });
    await createUser(t.db, { username: "jwadmin", password: "password-1", displayName: "教委管理员", role: "jw-admin", departmentId: jw });
    const operator = (await loadActorByUsername(t.db, "jwadmin"))!;

    expect((await listUsers(t.db, {}, operator.scope)).rows.map((u) => u.username).sort()).toEqual(["jw", "jwadmin"]);
    await expect(createUser(t.db, { username: "x1", password: "password-1", displayName: "X", role: "supervisor" }, operator)).rejects.toThrow(/超出/);
    await expect(createUser(t.db, { username: "x2", password: "password-1", displayName: "X", role: "tenant", departmentId: wjw }, operator)).rejects.toThrow(/超出/);
    await expect(createUser(t.db, { username: "x3", password: "password-1", displayName: "X", role: "tenant", departmentId: jw, scopeKind: "all" }, operator)).rejects.toThrow(/超出/);
    const wjwUser = await t.db.user.findUniqueOrThrow({ where: { username: "wjw" } });
    await expect(updateUser(t.db, operator, wjwUser.id, { displayName: "改名", role: "tenant" })).rejects.toThrow(/不存在/);
    const ok = await createUser(t.db, { username: "jw2", password: "password-1", displayName: "教委二", role: "tenant", departmentId: jw }, operator);
    await expect(updateUser(t.db, operator, ok.id, { displayName: "教委二", role: "tenant", departmentId: wjw })).rejects.toThrow(/超出/);
    // roles: without system.roles nothing; with it, never more than one holds
    await expect(saveRole(t.db, operator, { code: "wide", name: "宽", permissions: ["home.read"], scopeKind: "org" })).rejects.toThrow(/没有管理角色的权限/);
    await expect(saveRole(t.db, actors.supervisor, { code: "wide", name: "宽", permissions: ["system.users"], scopeKind: "all" })).rejects.toThrow(/没有管理角色的权限|超出/);
    // organisations a later role change would turn into visible data: a provider, a custom list, one's own widening
    const ct = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
    await expect(createUser(t.db, { username: "x4", password: "password-1", displayName: "X", role: "tenant", departmentId: jw, providerId: ct }, operator)).rejects.toThrow(/超出/);
    await expect(createUser(t.db, { username: "x5", password: "password-1", displayName: "X", role: "tenant", departmentId: jw, scopeDepartmentIds: [wjw] }, operator)).rejects.toThrow(/超出/);
    await expect(updateUser(t.db, operator, operator.userId, { scopeDepartmentIds: [jw, wjw] })).rejects.toThrow(/超出/);
    // a role held by users outside one's scope cannot be edited, even towards a narrower kind
    await t.db.role.create({ data: { code: "wide-viewer", name: "全局查看", permissions: ["home.read"], scopeKind: "all" } });
    await createUser(t.db, { username: "viewer", password: "password-1", displayName: "查看", role: "wide-viewer", departmentId: wjw });
    const roleAdmin = await t.db.role.create({ data: { code: "jw-roles", name: "教委角色管理", permissions: ["home.read", "catalog.read", "billing.read", "itsm.request.submit", "itsm.workorder.read", "system.users", "system.roles"], scopeKind: "org" } });
    await createUser(t.db, { username: "jwroles", password: "password-1", displayName: "教委角色", role: roleAdmin.code, departmentId: jw });
    const roleOperator = (await loadActorByUsername(t.db, "jwroles"))!;
    await expect(saveRole(t.db, roleOperator, { code: "wide-viewer", name: "全局查看", permissions: ["home.read"], scopeKind: "org" })).rejects.toThrow(/超出了您的数据范围/);
    expect((await t.db.role.findUniqueOrThrow({ where: { code: "wide-viewer" } })).scopeKind).toBe("all");
    expect(await t.db.user.count({ where: { username: { in: ["x1", "x2", "x3", "x4", "x5"] } } })).toBe(0);
    expect(await t.db.role.count({ where: { code: "wide" } })).toBe(0);
  });
});
