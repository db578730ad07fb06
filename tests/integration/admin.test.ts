// System administration against a real database: dictionaries, announcements, user management with its
// escalation and scope rules, the xlsx user import (all or nothing), and the audit log's filters.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { importUsers, userImportTemplate, USER_IMPORT_COLUMNS } from "../../lib/auth/import-users";
import { listUsers } from "../../lib/auth/list-users";
import { deleteRole, listRoles, saveRole } from "../../lib/auth/roles";
import { createUser, resetPassword, signIn, updateUser } from "../../lib/auth/users";
import { listAuditEvents } from "../../lib/audit/list-audit-events";
import { AppError } from "../../lib/errors";
import { readXlsxRows, tableToXlsx } from "../../lib/export/table-xlsx";
import { createAnnouncement, deleteAnnouncement, listActiveAnnouncements, listAnnouncements, updateAnnouncement } from "../../lib/system/announcements";
import {
  deleteDictionaryEntry, ensureDefaultDictionaries, listDictionaryEntries, listDictionaryTypes, saveDictionaryEntry, setDictionaryEntryEnabled,
} from "../../lib/system/dictionaries";
import { auditEventsToXlsx } from "../../lib/system/export-audit";
import { usersToXlsx } from "../../lib/system/export-users";
import { listOrganisations } from "../../lib/system/list-organisations";
import { importReference } from "../../lib/reference/import-reference";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let admin: Actor;
let supervisor: Actor;
let wjw: number;
let jw: number;

const actorNamed = async (username: string) => (await loadActorByUsername(t.db, username))!;
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return { code: e.code, status: e.status, message: e.message, fieldErrors: (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors };
};
const auditOf = (action: string, entityId?: string | number) =>
  t.db.auditEvent.findMany({ where: { action, ...(entityId === undefined ? {} : { entityId: String(entityId) }) }, orderBy: { id: "asc" } });

beforeAll(async () => {
  t = await createTestDatabase("it_admin");
  await importReference(t.db, referenceDir);
  wjw = (await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } })).id;
  jw = (await t.db.department.findUniqueOrThrow({ where: { code: "JW" } })).id;
  await createUser(t.db, { username: "root", password: "admin-pass-1", displayName: "管理员", role: "admin" });
  await createUser(t.db, { username: "sup", password: "super-pass-1", displayName: "监管员", role: "supervisor" });
  admin = await actorNamed("root");
  supervisor = await actorNamed("sup");
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("dictionaries", () => {
  test("the default seed is idempotent and audited once", async () => {
    expect(await ensureDefaultDictionaries(t.db)).toEqual({ created: 18 });
    expect(await ensureDefaultDictionaries(t.db)).toEqual({ created: 0 });
    expect((await auditOf("dictionary.seed")).map((e) => e.summary)).toEqual(["初始化数据字典：新增 18 个默认条目"]);
    expect((await listDictionaryTypes(t.db)).map((d) => [d.type, d.name, d.entries, d.enabledEntries])).toEqual([
      ["work-order-status", "工单状态", 7, 7], ["delay-reason", "延误原因", 6, 6], ["fault-category", "故障类别", 5, 5],
    ]);
    expect((await listDictionaryEntries(t.db, "fault-category")).map((e) => `${e.code}:${e.label}:${e.labelEn}`)).toEqual([
      "network:网络:Network", "compute:计算:Compute", "storage:存储:Storage", "security:安全:Security", "platform:平台:Platform",
    ]);
  });

  test("save, disable and delete are audited with before and after", async () => {
    const created = await saveDictionaryEntry(t.db, supervisor, { type: "delay-reason", code: "weather", label: "天气", labelEn: "Weather", sort: 65 });
    expect(created).toMatchObject({ type: "delay-reason", code: "weather", label: "天气", enabled: true });
    expect(await failure(saveDictionaryEntry(t.db, supervisor, { type: "delay-reason", code: "weather", label: "重复", labelEn: "Dup" }))).toMatchObject({ code: "dictionary.invalid", fieldErrors: { code: ["该类型下已有此编码"] } });

    expect(await failure(saveDictionaryEntry(t.db, supervisor, { type: "delay-reason", code: "weather-2", label: "天气", labelEn: "Weather 2" }))).toMatchObject({ fieldErrors: { label: ["该类型下已有名为“天气”的条目（weather）"] } });
    await saveDictionaryEntry(t.db, supervisor, { id: created.id, type: "delay-reason", code: "weather", label: "恶劣天气", labelEn: "Severe weather", sort: 65 });
    const [update] = await auditOf("dictionary.update", created.id);
    expect(update).toMatchObject({ actorName: "监管员（sup）", before: { label: "天气", labelEn: "Weather" }, after: { label: "恶劣天气", labelEn: "Severe weather" } });
    expect(await failure(saveDictionaryEntry(t.db, supervisor, { id: created.id, type: "delay-reason", code: "storm", label: "x", labelEn: "x" }))).toMatchObject({ fieldErrors: { code: ["编码不能修改"] } });

    await setDictionaryEntryEnabled(t.db, supervisor, created.id, false);
    expect((await auditOf("dictionary.disable", created.id)).map((e) => [e.before, e.after].map((v) => (v as { enabled: boolean }).enabled))).toEqual([[true, false]]);
    expect((await listDictionaryEntries(t.db, "delay-reason", { enabledOnly: true })).map((e) => e.code)).toEqual(["spare-parts", "requester", "third-party", "change-window", "capacity", "other"]);
    expect((await listDictionaryEntries(t.db, "delay-reason")).map((e) => e.code)).toEqual(["spare-parts", "requester", "third-party", "change-window", "capacity", "other", "weather"]);

    await deleteDictionaryEntry(t.db, supervisor, created.id);
    expect(await t.db.dictionaryEntry.findUnique({ where: { id: created.id } })).toBeNull();
    expect((await auditOf("dictionary.delete", created.id)).map((e) => [e.summary, (e.before as { code: string }).code, e.after])).toEqual([["删除字典条目 延误原因 / 恶劣天气", "weather", null]]);
  });

  test("work-order statuses keep their codes; a tenant cannot change dictionaries", async () => {
    const [status] = await listDictionaryEntries(t.db, "work-order-status");
    expect(await failure(deleteDictionaryEntry(t.db, admin, status.id))).toMatchObject({ code: "dictionary.fixed" });
    expect(await failure(setDictionaryEntryEnabled(t.db, admin, status.id, false))).toMatchObject({ code: "dictionary.fixed" });
    expect(await failure(saveDictionaryEntry(t.db, admin, { type: "work-order-status", code: "waiting", label: "等待", labelEn: "Waiting" }))).toMatchObject({ code: "dictionary.fixed" });
    expect((await saveDictionaryEntry(t.db, admin, { ...status, type: "work-order-status", label: "新建" })).label).toBe("新建");
    await createUser(t.db, { username: "t-dict", password: "tenant-pass-1", displayName: "租户", role: "tenant", departmentId: wjw });
    expect(await failure(saveDictionaryEntry(t.db, await actorNamed("t-dict"), { type: "fault-category", code: "power", label: "电力", labelEn: "Power" }))).toMatchObject({ code: "auth.forbidden", status: 403 });
  });

  test("the seed does not bring back an entry an admin deleted, but restores a missing system status", async () => {
    const platform = (await listDictionaryEntries(t.db, "fault-category")).find((e) => e.code === "platform")!;
    await deleteDictionaryEntry(t.db, admin, platform.id);
    await t.db.dictionaryEntry.delete({ where: { type_code: { type: "work-order-status", code: "cancelled" } } }); // an install older than this status
    expect(await ensureDefaultDictionaries(t.db)).toEqual({ created: 1 });
    expect((await listDictionaryEntries(t.db, "fault-category")).map((e) => e.code)).toEqual(["network", "compute", "storage", "security"]);
    expect((await listDictionaryEntries(t.db, "work-order-status")).map((e) => e.code)).toEqual(["new", "assigned", "in-progress", "pending", "resolved", "closed", "cancelled"]);
  });
});

describe("announcements", () => {
  const now = new Date("2026-01-10T04:00:00Z"); // 12:00 in Shanghai
  const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

  test("only those in force, important first, newest first", async () => {
    const make = (title: string, important: boolean, publishedAt: Date, expiresAt: Date | null) => createAnnouncement(t.db, supervisor, { title, body: `${title}正文`, important, publishedAt, expiresAt }, now);
    const older = await make("旧通知", false, hours(-48), null);
    const newer = await make("新通知", false, hours(-1), hours(24));
    const urgent = await make("紧急维护", true, hours(-72), hours(1));
    const scheduled = await make("下周公告", true, hours(1), null);
    const expired = await make("已结束", true, hours(-48), now); // expires exactly now: no longer shown
    expect((await listActiveAnnouncements(t.db, now)).map((a) => a.title)).toEqual(["紧急维护", "新通知", "旧通知"]);
    expect((await listActiveAnnouncements(t.db, hours(2))).map((a) => a.title)).toEqual(["下周公告", "新通知", "旧通知"]);
    expect([older, newer, urgent, scheduled, expired].map((a) => a.status)).toEqual(["active", "active", "active", "scheduled", "expired"]);
    expect((await listAnnouncements(t.db, { status: "expired" }, now)).rows.map((a) => a.title)).toEqual(["已结束"]);
    expect((await listAnnouncements(t.db, { status: "scheduled" }, now)).rows.map((a) => a.title)).toEqual(["下周公告"]);
    expect(await listAnnouncements(t.db, { q: "维护", sort: "publishedAt", order: "asc" }, now)).toMatchObject({ total: 1, rows: [{ title: "紧急维护", authorName: "监管员" }] });
    expect((await listAnnouncements(t.db, { sort: "publishedAt", order: "asc", pageSize: 2, page: 1 }, now)).rows.map((a) => a.title)).toEqual(["紧急维护", "旧通知"]);

    await deleteAnnouncement(t.db, supervisor, expired.id);
    expect((await auditOf("announcement.delete", expired.id)).map((e) => e.summary)).toEqual(["删除公告《已结束》"]);
  });

  test("form times are Shanghai wall-clock; expiry after publication; edits audited", async () => {
    const a = await createAnnouncement(t.db, supervisor, { title: "春节值班", body: "值班安排见附件", publishedAt: "2026-02-10 09:00", expiresAt: "2026-02-20 18:30" });
    expect([a.publishedAt, a.expiresAt]).toEqual(["2026-02-10T01:00:00.000Z", "2026-02-20T10:30:00.000Z"]);
    const zodFailure = await updateAnnouncement(t.db, supervisor, a.id, { title: "春节值班", body: "x", publishedAt: "2026-02-10 09:00", expiresAt: "2026-02-10 08:00" }).catch((e: { issues?: { path: unknown[]; message: string }[] }) => e.issues);
    expect(zodFailure).toEqual([expect.objectContaining({ path: ["expiresAt"], message: "截止时间须晚于发布时间" })]);
    await updateAnnouncement(t.db, supervisor, a.id, { title: "春节值班安排", body: "值班安排见附件", important: true, publishedAt: "2026-02-10 09:00", expiresAt: null });
    const [e] = await auditOf("announcement.update", a.id);
    expect(e).toMatchObject({ before: { title: "春节值班", important: false, expiresAt: "2026-02-20T10:30:00.000Z" }, after: { title: "春节值班安排", important: true, expiresAt: null } });
    expect(await failure(createAnnouncement(t.db, await actorNamed("t-dict"), { title: "x", body: "x", publishedAt: now }))).toMatchObject({ code: "auth.forbidden" });
  });
});

describe("users", () => {
  test("a supervisor cannot manage users", async () => {
    expect(await failure(createUser(t.db, { username: "sneaky", password: "password-1", displayName: "S", role: "tenant", departmentId: wjw }, supervisor))).toMatchObject({ code: "auth.forbidden", status: 403 });
    const root = await t.db.user.findUniqueOrThrow({ where: { username: "root" } });
    expect(await failure(updateUser(t.db, supervisor, root.id, { enabled: false }))).toMatchObject({ code: "auth.forbidden" });
    expect(await failure(resetPassword(t.db, supervisor, root.id, "new-password-1"))).toMatchObject({ code: "auth.forbidden" });
  });

  test("an admin creates, edits and disables a user; each step audited with before and after", async () => {
    const u = await createUser(t.db, { username: "wang.wei", password: "initial-pass-1", displayName: "王伟", role: "tenant", departmentId: wjw, phone: "13800000001", email: "" }, admin);
    expect(await failure(createUser(t.db, { username: "wang.wei", password: "initial-pass-1", displayName: "重复", role: "tenant", departmentId: wjw }, admin))).toMatchObject({ fieldErrors: { username: ["用户名已存在"] } });
    await updateUser(t.db, admin, u.id, { displayName: "王伟（信息科）", departmentId: jw, email: "wang@example.gov.cn" });
    await updateUser(t.db, admin, u.id, { enabled: false });
    const events = await t.db.auditEvent.findMany({ where: { entity: "user", entityId: String(u.id) }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.summary, e.actorName])).toEqual([
      ["user.create", "新建用户 wang.wei", "管理员（root）"],
      ["user.update", "修改用户 wang.wei", "管理员（root）"],
      ["user.update", "停用用户 wang.wei", "管理员（root）"],
    ]);
    expect(events[0].before).toBeNull();
    expect(events[0].after).toMatchObject({ username: "wang.wei", role: "tenant", departmentId: wjw, phone: "13800000001", email: null, enabled: true });
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain("passwordHash");
    expect(events[1]).toMatchObject({ before: { displayName: "王伟", departmentId: wjw, email: null }, after: { displayName: "王伟（信息科）", departmentId: jw, email: "wang@example.gov.cn" } });
    expect(events[2]).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
    expect(await signIn(t.db, { username: "wang.wei", password: "initial-pass-1" })).toEqual({ ok: false, reason: "disabled" });
    const self = await t.db.user.findUniqueOrThrow({ where: { username: "root" } });
    expect(await failure(updateUser(t.db, admin, self.id, { enabled: false }))).toMatchObject({ code: "user.self" });
  });

  test("a department's own user admin stays inside the department and their own grants", async () => {
    await saveRole(t.db, admin, { code: "wjw-admin", name: "卫健委用户管理员", permissions: ["home.read", "catalog.read", "billing.read", "itsm.request.submit", "itsm.workorder.read", "system.users"], scopeKind: "org" }, { create: true });
    expect(await failure(saveRole(t.db, admin, { code: "wjw-admin", name: "同名", permissions: [], scopeKind: "org" }, { create: true }))).toMatchObject({ code: "role.exists", fieldErrors: { code: ["该编码已被使用"] } });
    await createUser(t.db, { username: "wjw.admin", password: "wjw-admin-pass", displayName: "卫健委管理员", role: "wjw-admin", departmentId: wjw }, admin);
    await createUser(t.db, { username: "jw.user", password: "jw-user-pass-1", displayName: "教委用户", role: "tenant", departmentId: jw }, admin);
    const op = await actorNamed("wjw.admin");
    expect(op.scope).toEqual({ kind: "departments", departmentIds: [wjw] });

    expect(await failure(createUser(t.db, { username: "jw.new", password: "password-12", displayName: "教委新人", role: "tenant", departmentId: jw }, op)))
      .toMatchObject({ code: "user.escalation", status: 403, fieldErrors: { scopeKind: ["超出了您自己的数据范围"] } });
    expect(await failure(createUser(t.db, { username: "wjw.sup", password: "password-12", displayName: "假监管", role: "supervisor", departmentId: wjw }, op)))
      .toMatchObject({ code: "user.escalation", fieldErrors: { role: ["该角色的权限超出了您自己的权限"] } });
    expect(await failure(createUser(t.db, { username: "wjw.wide", password: "password-12", displayName: "全量", role: "tenant", departmentId: wjw, scopeKind: "all" }, op)))
      .toMatchObject({ code: "user.escalation" });
    const mine = await createUser(t.db, { username: "wjw.new", password: "password-12", displayName: "卫健委新人", role: "tenant", departmentId: wjw }, op);
    const jwUser = await t.db.user.findUniqueOrThrow({ where: { username: "jw.user" } });
    expect(await failure(updateUser(t.db, op, jwUser.id, { enabled: false }))).toMatchObject({ code: "user.not-found", status: 404 });
    expect(await failure(updateUser(t.db, op, mine.id, { departmentId: jw }))).toMatchObject({ code: "user.escalation" });

    const seen = await listUsers(t.db, { sort: "username" }, op.scope);
    expect(seen.rows.map((u) => u.username)).toEqual(["t-dict", "wjw.admin", "wjw.new"]);
    expect(seen.rows.every((u) => u.departmentId === wjw)).toBe(true);
    expect(await listOrganisations(t.db, op.scope)).toEqual({ departments: [{ id: wjw, code: "WJW", name: "市卫生健康委员会" }], providers: [] });
    expect(await failure(saveRole(t.db, op, { code: "wjw-x", name: "x", permissions: [], scopeKind: "org" }))).toMatchObject({ code: "auth.forbidden" });
    expect(await failure(deleteRole(t.db, admin, "wjw-admin"))).toMatchObject({ code: "role.in-use" });
  });

  test("the users list searches, filters, sorts, pages and exports", async () => {
    const all = await listUsers(t.db, { sort: "username", order: "desc", pageSize: 3 }, admin.scope);
    expect(all.total).toBe(7);
    expect(all.rows.map((u) => u.username)).toEqual(["wjw.new", "wjw.admin", "wang.wei"]);
    expect((await listUsers(t.db, { sort: "username", page: 3, pageSize: 3 }, admin.scope)).rows.map((u) => u.username)).toEqual(["wjw.new"]);
    expect((await listUsers(t.db, { q: "13800000001" }, admin.scope)).rows.map((u) => u.username)).toEqual(["wang.wei"]);
    expect((await listUsers(t.db, { q: "卫健委" }, admin.scope)).rows.map((u) => u.username)).toEqual(["wjw.admin", "wjw.new"]);
    expect((await listUsers(t.db, { enabled: "false" }, admin.scope)).rows.map((u) => u.username)).toEqual(["wang.wei"]);
    const tenantsAsc = (await listUsers(t.db, { role: "tenant", sort: "displayName" }, admin.scope)).rows.map((u) => u.username);
    const tenantsDesc = (await listUsers(t.db, { role: "tenant", sort: "displayName", order: "desc" }, admin.scope)).rows.map((u) => u.username);
    expect([...tenantsAsc].sort()).toEqual(["jw.user", "t-dict", "wang.wei", "wjw.new"]);
    expect(tenantsDesc).toEqual([...tenantsAsc].reverse());
    expect((await listUsers(t.db, { sort: "lastLoginAt", order: "desc" }, admin.scope)).total).toBe(7);

    const sheet = await readXlsxRows(await usersToXlsx((await listUsers(t.db, { q: "wang" }, admin.scope)).rows));
    expect(sheet.rows.map((r) => [r.values["用户名"], r.values["角色"], r.values["所属单位"], r.values["状态"], r.values["邮箱"]])).toEqual([["wang.wei", "使用单位", "市教育委员会", "停用", "wang@example.gov.cn"]]);
  });

  test("a locked user is flagged in the list until a password reset", async () => {
    for (let i = 0; i < 5; i++) await signIn(t.db, { username: "jw.user", password: "wrong" });
    expect((await listUsers(t.db, { q: "jw.user" }, admin.scope)).rows.map((u) => u.locked)).toEqual([true]);
    const u = await t.db.user.findUniqueOrThrow({ where: { username: "jw.user" } });
    await resetPassword(t.db, admin, u.id, "fresh-pass-123");
    expect((await listUsers(t.db, { q: "jw.user" }, admin.scope)).rows.map((r) => r.locked)).toEqual([false]);
    expect((await signIn(t.db, { username: "jw.user", password: "fresh-pass-123" })).ok).toBe(true);
  });
});

describe("user import from xlsx", () => {
  const sheetOf = (rows: string[][]) => tableToXlsx("用户", USER_IMPORT_COLUMNS.map((header) => ({ header })), rows);

  test("the template reads back with the import columns and an example row", async () => {
    const template = await readXlsxRows(await userImportTemplate());
    expect(template.header).toEqual([...USER_IMPORT_COLUMNS]);
    expect(template.rows.map((r) => r.values["用户名"])).toEqual(["zhangsan"]);
  });

  test("a good file creates every user", async () => {
    const file = await sheetOf([
      ["imp.a", "导入甲", "tenant", "WJW", "", "13900000001", "a@example.gov.cn", "import-pass-1"],
      ["imp.b", "导入乙", "provider", "", "CT", "", "", "import-pass-2"],
      ["imp.c", "导入丙", "leader", "", "", "", "", "import-pass-3"],
    ]);
    expect(await importUsers(t.db, admin, file)).toEqual({ created: 3, problems: [] });
    const rows = await t.db.user.findMany({ where: { username: { startsWith: "imp." } }, orderBy: { username: "asc" }, include: { department: true, provider: true } });
    expect(rows.map((u) => [u.username, u.role, u.department?.code ?? null, u.provider?.code ?? null, u.email])).toEqual([
      ["imp.a", "tenant", "WJW", null, "a@example.gov.cn"], ["imp.b", "provider", null, "CT", null], ["imp.c", "leader", null, null, null],
    ]);
    expect((await auditOf("user.create")).filter((e) => e.summary.startsWith("导入用户")).length).toBe(3);
    expect((await signIn(t.db, { username: "imp.b", password: "import-pass-2" })).ok).toBe(true);
  });

  test("a file with one bad row creates nothing and names the row", async () => {
    const file = await sheetOf([
      ["imp.d", "导入丁", "tenant", "WJW", "", "", "", "import-pass-4"],
      ["imp.e", "导入戊", "tenant", "NOPE", "", "", "", "import-pass-5"],
      ["imp.f", "导入己", "tenant", "JW", "", "", "", "import-pass-6"],
    ]);
    const before = await t.db.user.count();
    expect(await importUsers(t.db, admin, file)).toEqual({ created: 0, problems: [{ line: 3, reason: "单位编码 NOPE 不存在" }, { line: 3, reason: "该角色需要填写单位编码" }] });
    expect(await t.db.user.count()).toBe(before);

    const short = await sheetOf([["imp.g", "导入庚", "tenant", "WJW", "", "", "", "short"], ["imp.a", "重名", "tenant", "WJW", "", "", "", "import-pass-7"]]);
    expect(await importUsers(t.db, admin, short)).toEqual({ created: 0, problems: [{ line: 2, reason: "初始密码：密码至少 8 位" }, { line: 3, reason: "用户名 imp.a 已存在" }] });

    const op = await actorNamed("wjw.admin");
    expect(await importUsers(t.db, op, await sheetOf([["imp.h", "越权", "tenant", "JW", "", "", "", "import-pass-8"]]))).toEqual({ created: 0, problems: [{ line: 2, reason: "该角色或数据范围超出了您自己的权限" }] });
    expect((await importUsers(t.db, admin, Buffer.from("not a workbook"))).problems).toEqual([{ line: 0, reason: "无法读取文件：请上传 .xlsx 格式的工作簿" }]);
    expect(await t.db.user.count()).toBe(before);
  });
});

describe("audit log", () => {
  test("filters by action family, text and Shanghai dates (the end date inclusive), and exports", async () => {
    const roleEvents = await listAuditEvents(t.db, { action: "role." });
    expect(roleEvents.rows.map((e) => [e.action, e.entityId])).toEqual([["role.create", "wjw-admin"]]);
    // 2025-04-01 00:30 in Shanghai is still 2025-03-31 in UTC: the filter must use Shanghai dates
    await t.db.auditEvent.update({ where: { id: BigInt(roleEvents.rows[0].id) }, data: { at: new Date("2025-03-31T16:30:00Z") } });
    expect((await listAuditEvents(t.db, { from: "2025-04-01", to: "2025-04-01" })).rows.map((e) => e.action)).toEqual(["role.create"]);
    expect((await listAuditEvents(t.db, { to: "2025-03-31" })).total).toBe(0);
    expect((await listAuditEvents(t.db, { from: "2025-04-02", action: "role." })).total).toBe(0);

    const dictionary = await listAuditEvents(t.db, { action: "dictionary." });
    expect(dictionary.rows.map((e) => e.action)).toEqual(["dictionary.seed", "dictionary.delete", "dictionary.update", "dictionary.delete", "dictionary.disable", "dictionary.update", "dictionary.create", "dictionary.seed"]);
    expect((await listAuditEvents(t.db, { action: "dictionary.", q: "恶劣天气" })).rows.map((e) => e.action)).toEqual(["dictionary.delete", "dictionary.disable", "dictionary.update"]);
    const paged = await listAuditEvents(t.db, { action: "dictionary.", page: 2, pageSize: 4 });
    expect([paged.total, paged.rows.map((e) => e.action)]).toEqual([8, ["dictionary.disable", "dictionary.update", "dictionary.create", "dictionary.seed"]]);

    const sheet = await readXlsxRows(await auditEventsToXlsx((await listAuditEvents(t.db, { action: "role." })).rows));
    expect(sheet.rows.map((r) => [r.values["时间"], r.values["动作"], r.values["对象编号"], JSON.parse(r.values["变更后"]).scopeKind])).toEqual([["2025-04-01 00:30:00", "role.create", "wjw-admin", "org"]]);
  });
});

test("listRoles shows built-in roles first with their code-defined permissions", async () => {
  const roles = await listRoles(t.db);
  expect(roles.map((r) => [r.code, r.builtin])).toEqual([["admin", true], ["leader", true], ["provider", true], ["supervisor", true], ["tenant", true], ["wjw-admin", false]]);
  expect(roles.find((r) => r.code === "supervisor")!.permissions).not.toContain("system.users");
});
