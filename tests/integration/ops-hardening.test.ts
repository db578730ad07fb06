// Defects found by trying to break the operations module (requests, work orders, alarms, messages), each pinned
// by the smallest reproduction that failed before its fix: regex matchers that escape their anchoring or backtrack
// for ever, alarm times from the future that dodge escalation, and pause requests that outlive the step they were for.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createUser } from "../../lib/auth/users";
import { ensureAlarmDefaults } from "../../lib/alarms/alarm-defaults";
import { escalateUnackedAlarms } from "../../lib/alarms/escalate-alarms";
import { createFilterPolicy } from "../../lib/alarms/filter-policies";
import { regexError } from "../../lib/alarms/matchers";
import type { DbContext } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { submitRequest, reviewRequest } from "../../lib/itsm/requests";
import { usedSeconds } from "../../lib/itsm/sla-times";
import { watchSlas } from "../../lib/itsm/watch-slas";
import { performWorkOrderAction } from "../../lib/itsm/work-order-actions";
import { createWorkOrder } from "../../lib/itsm/work-orders";
import { loadWorkingCalendar } from "../../lib/sla/calendar";
import { importReference } from "../../lib/reference/import-reference";
import { ensureSlaDefaults } from "../../lib/sla/ensure-defaults";
import { ensureDefaultDictionaries } from "../../lib/system/dictionaries";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const alarmsRoute = await import("../../app/api/v1/alarms/route");
const alertmanagerRoute = await import("../../app/api/v1/alarms/alertmanager/route");
const samplesRoute = await import("../../app/api/v1/network-samples/route");

let t: TestDb;
const actors = {} as Record<"sup" | "wjw" | "ct" | "cu", Actor>;
const tokens = {} as Record<"sup" | "ct", string>;
let ctId: number;
let cuId: number;

const headers = (token: string) => ({ "Content-Type": "application/json", Authorization: `Bearer ${token}` });
const report = async (body: unknown, token: string, route: "alarms" | "alertmanager" = "alarms") => {
  const handler = route === "alarms" ? alarmsRoute.POST : alertmanagerRoute.POST;
  const res = await handler(new Request(`http://portal.test/api/v1/alarms${route === "alarms" ? "" : "/alertmanager"}`, { method: "POST", headers: headers(token), body: JSON.stringify(body) }));
  return { status: res.status, body: await res.json() };
};
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return { code: e.code, status: e.status, message: e.message };
};

beforeAll(async () => {
  t = await createTestDatabase("ops_hardening");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  await importReference(t.db, referenceDir);
  await ensureDefaultDictionaries(t.db);
  await ensureSlaDefaults(t.db);
  await ensureAlarmDefaults(t.db);
  ctId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  cuId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CU" } })).id;
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  const users = {
    sup: await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管员", role: "supervisor" }),
    wjw: await createUser(t.db, { username: "wjw", password: "password-1", displayName: "卫健委用户", role: "tenant", departmentId: wjw.id }),
    ct: await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信工程师", role: "provider", providerId: ctId }),
    cu: await createUser(t.db, { username: "cu", password: "password-1", displayName: "联通工程师", role: "provider", providerId: cuId }),
  };
  for (const k of Object.keys(users) as (keyof typeof users)[]) actors[k] = (await loadActorByUsername(t.db, k))!;
  tokens.sup = (await createApiToken(t.db, { userId: users.sup.id, name: "sup" })).token;
  tokens.ct = (await createApiToken(t.db, { userId: users.ct.id, name: "ct" })).token;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("regex matchers", () => {
  test("a pattern that closes the anchoring group itself is refused, so vm-1 never hides vm-10", async () => {
    // ^(?:vm-1)|(?:x)$ would match every value that merely starts with vm-1
    const matchers = [{ attribute: "resource", op: "regex" as const, value: "vm-1)|(?:x" }];
    await expect(createFilterPolicy(t.db, actors.sup, { name: "只隐藏 vm-1", reason: "维护", matchers })).rejects.toMatchObject({ issues: [{ path: ["matchers", 0, "value"] }] });
    const { body } = await report({ source: "zabbix", name: "CPU", severity: "minor", resource: "vm-10" }, tokens.sup);
    expect(body).toMatchObject({ opened: 1, suppressed: 0 });
  });

  test("a pattern that backtracks exponentially is refused before an alarm's value can hang the intake", () => {
    for (const bad of ["(a+)+", "(a*)*b", "(x|x)*y", "([a-z]+\\d?)+$", "(.*){1,32}!", "(a)\\1"]) expect(regexError(bad), bad).not.toBeNull();
    for (const good of ["vm-1", "vm-\\d+", "(minor|info)", "ecs-(test|dev)-\\d{1,3}", "[a-z]+-[0-9]+", "\\(x+\\)+", "[(]a+[)]+"]) expect(regexError(good), good).toBeNull();
  });
});

describe("alarm times", () => {
  test("an alarm reported with a time in the future starts now: it escalates like any other", async () => {
    const now = new Date();
    const future = new Date(now.getTime() + 365 * 86_400_000).toISOString();
    const generic = await report({ source: "zabbix", name: "链路中断", severity: "critical", resource: "link-future", at: future }, tokens.ct);
    const am = await report({ alerts: [{ status: "firing", labels: { alertname: "NodeDown", instance: "node-future", severity: "critical" }, startsAt: future, fingerprint: "am-future" }] }, tokens.ct, "alertmanager");
    const ids = [generic.body.items[0].alarmId, am.body.items[0].alarmId];
    for (const a of await t.db.alarm.findMany({ where: { id: { in: ids } } })) expect(a.firstAt.getTime()).toBeLessThanOrEqual(Date.now());
    await escalateUnackedAlarms(t.db, new Date(now.getTime() + 60 * 60_000));
    expect((await t.db.alarm.findMany({ where: { id: { in: ids } } })).map((a) => a.escalationLevel)).toEqual([3, 3]);
  });

  test("an Alertmanager alert with Go's zero startsAt starts now, not in year 1", async () => {
    const before = Date.now();
    const am = await report({ alerts: [{ status: "firing", labels: { alertname: "DiskFull", instance: "node-zero" }, startsAt: "0001-01-01T00:00:00Z", fingerprint: "am-zero" }] }, tokens.ct, "alertmanager");
    const alarm = await t.db.alarm.findUniqueOrThrow({ where: { id: am.body.items[0].alarmId } });
    expect(alarm.firstAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  test("a network sample from the future is refused with the item named, and nothing of its batch is stored", async () => {
    const post = async (body: unknown) => {
      const res = await samplesRoute.POST(new Request("http://portal.test/api/v1/network-samples", { method: "POST", headers: headers(tokens.ct), body: JSON.stringify(body) }));
      return { status: res.status, body: await res.json() };
    };
    const now = Date.now();
    const r = await post([
      { target: "CT-future", metric: "latency-ms", value: 10, at: new Date(now - 60_000).toISOString() },
      { target: "CT-future", metric: "latency-ms", value: 12, at: new Date(now + 40 * 86_400_000).toISOString() },
    ]);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain("[1].at");
    expect(await t.db.networkSample.count({ where: { target: "CT-future" } })).toBe(0);
    // a reporter's clock a minute ahead is tolerated
    expect((await post([{ target: "CT-future", metric: "latency-ms", value: 11, at: new Date(now + 60_000).toISOString() }])).status).toBe(200);
  });
});

describe("pause requests", () => {
  const openOrder = async (title: string) => {
    const r = await submitRequest(t.db, actors.wjw, {
      kind: "fault", providerId: ctId, faultCategory: "network", severity: "p3", templateCode: "fault", title, description: title, fields: { impact: "业务", occurredOn: "2026-01-05" },
    });
    const { workOrderId } = await reviewRequest(t.db, actors.sup, r.id, { decision: "approved" });
    await performWorkOrderAction(t.db, actors.ct, workOrderId!, { action: "accept" });
    await performWorkOrderAction(t.db, actors.ct, workOrderId!, { action: "request-pause", reason: "等待用户提供账号" });
    return workOrderId!;
  };

  test("a pause requested by one provider cannot be approved after the order went to another", async () => {
    const id = await openOrder("转派前申请挂起");
    await performWorkOrderAction(t.db, actors.sup, id, { action: "assign", providerId: cuId, comment: "改派联通" });
    await performWorkOrderAction(t.db, actors.cu, id, { action: "accept" });
    expect(await failure(performWorkOrderAction(t.db, actors.sup, id, { action: "approve-pause" }))).toMatchObject({ status: 409 });
    expect((await t.db.workOrder.findUniqueOrThrow({ where: { id } })).status).toBe("in-progress");
    expect((await t.db.workOrderStop.findMany({ where: { workOrderId: id } })).map((s) => s.status)).toEqual(["rejected"]);
  });

  test("a pause requested before the resolution cannot be approved after the requester reopens the order", async () => {
    const id = await openOrder("解决前申请挂起");
    await performWorkOrderAction(t.db, actors.ct, id, { action: "resolve", resolution: "已恢复" });
    await performWorkOrderAction(t.db, actors.wjw, id, { action: "reopen", reason: "仍无法访问" });
    expect(await failure(performWorkOrderAction(t.db, actors.sup, id, { action: "approve-pause" }))).toMatchObject({ status: 409 });
    // the provider can ask again, for the reopened work
    await performWorkOrderAction(t.db, actors.ct, id, { action: "request-pause", reason: "等待用户复测" });
    await performWorkOrderAction(t.db, actors.sup, id, { action: "approve-pause" });
    expect((await t.db.workOrder.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  test("a pause requested before the order was returned cannot be approved once it is worked again", async () => {
    const id = await openOrder("退回前申请挂起");
    await performWorkOrderAction(t.db, actors.ct, id, { action: "return", reason: "不属于本服务商" });
    await performWorkOrderAction(t.db, actors.sup, id, { action: "assign", providerId: ctId });
    await performWorkOrderAction(t.db, actors.ct, id, { action: "accept" });
    expect(await failure(performWorkOrderAction(t.db, actors.sup, id, { action: "approve-pause" }))).toMatchObject({ status: 409 });
  });
});

describe("delegation", () => {
  test("a provider cannot delegate a work order to a colleague whose role cannot handle work orders", async () => {
    await t.db.role.create({ data: { code: "ct-viewer", name: "电信只读", permissions: ["home.read", "itsm.workorder.read"], scopeKind: "provider" } });
    const viewer = await createUser(t.db, { username: "ct-viewer", password: "password-1", displayName: "电信只读", role: "ct-viewer", providerId: ctId });
    const r = await submitRequest(t.db, actors.wjw, {
      kind: "fault", providerId: ctId, faultCategory: "network", severity: "p3", templateCode: "fault", title: "委派", description: "委派", fields: { impact: "业务", occurredOn: "2026-01-05" },
    });
    const { workOrderId } = await reviewRequest(t.db, actors.sup, r.id, { decision: "approved" });
    await expect(performWorkOrderAction(t.db, actors.ct, workOrderId!, { action: "delegate", assigneeId: viewer.id })).rejects.toMatchObject({ details: { fieldErrors: { assigneeId: ["处理人须为本服务商有工单处理权限的在用账号"] } } });
  });
});

describe("severity changes", () => {
  const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
  const shText = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : null);

  test("raising a working-time fault to p1 (a 24x7 policy) keeps the 2 working hours used: no breach for the weekend it was never measured on", async () => {
    const { id } = await createWorkOrder(t.db, actors.sup, { kind: "fault", templateCode: null, title: "专线丢包", description: "丢包率 5%", severity: "p3", providerId: ctId }, sh("2024-06-14 17:00"));
    await performWorkOrderAction(t.db, actors.ct, id, { action: "accept" }, sh("2024-06-14 17:10"));
    const monday9 = sh("2024-06-17 09:00");
    const cal = await loadWorkingCalendar(t.db);
    let o = await t.db.workOrder.findUniqueOrThrow({ where: { id }, include: { stops: true } });
    expect(usedSeconds(cal, o, o.stops, monday9, monday9)).toBe(7200);
    await performWorkOrderAction(t.db, actors.sup, id, { action: "change-severity", severity: "p1", comment: "影响扩大" }, monday9);
    o = await t.db.workOrder.findUniqueOrThrow({ where: { id }, include: { stops: true } });
    // p1's 4 hours, 2 of them used: 2 left from Monday 09:00
    expect([o.severity, o.resolutionMinutes, usedSeconds(cal, o, o.stops, monday9, monday9), shText(o.resolutionDueAt)]).toEqual(["p1", 240, 7200, "2024-06-17 11:00"]);
    await watchSlas(t.db, sh("2024-06-17 09:01"));
    expect((await t.db.workOrder.findUniqueOrThrow({ where: { id } })).resolutionBreachedAt).toBeNull();
  });
});

describe("response due time", () => {
  test("a pause after the response does not move the response's due time (the response was already measured)", async () => {
    const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
    const r = await submitRequest(t.db, actors.wjw, {
      kind: "fault", providerId: ctId, faultCategory: "network", severity: "p3", templateCode: "fault", title: "响应后挂起", description: "响应后挂起", fields: { impact: "业务", occurredOn: "2024-06-03" },
    }, sh("2024-06-03 08:50"));
    const { workOrderId } = await reviewRequest(t.db, actors.sup, r.id, { decision: "approved" }, sh("2024-06-03 09:00"));
    await performWorkOrderAction(t.db, actors.ct, workOrderId!, { action: "accept" }, sh("2024-06-03 09:10"));
    const before = await t.db.workOrder.findUniqueOrThrow({ where: { id: workOrderId! } });
    await performWorkOrderAction(t.db, actors.sup, workOrderId!, { action: "pause", reason: "等待用户" }, sh("2024-06-03 09:20"));
    await performWorkOrderAction(t.db, actors.sup, workOrderId!, { action: "resume" }, sh("2024-06-03 10:20"));
    const after = await t.db.workOrder.findUniqueOrThrow({ where: { id: workOrderId! } });
    expect(after.responseDueAt.toISOString()).toBe(before.responseDueAt.toISOString());
    // the resolution's due time moves by the hour paused
    expect(after.resolutionDueAt.getTime() - before.resolutionDueAt.getTime()).toBe(3600_000);
  });
});

describe("reopen notifications", () => {
  test("the provider who resolved an order hears that the requester reopened it", async () => {
    const { ensureMessageDefaults } = await import("../../lib/messages/message-defaults");
    const { dispatchEvents } = await import("../../lib/messages/dispatch-events");
    await ensureMessageDefaults(t.db);
    const r = await submitRequest(t.db, actors.wjw, {
      kind: "fault", providerId: ctId, faultCategory: "network", severity: "p3", templateCode: "fault", title: "重新打开通知", description: "重新打开通知", fields: { impact: "业务", occurredOn: "2026-01-05" },
    });
    const { workOrderId } = await reviewRequest(t.db, actors.sup, r.id, { decision: "approved" });
    await performWorkOrderAction(t.db, actors.ct, workOrderId!, { action: "accept" });
    await performWorkOrderAction(t.db, actors.ct, workOrderId!, { action: "resolve", resolution: "已重启" });
    await performWorkOrderAction(t.db, actors.wjw, workOrderId!, { action: "reopen", reason: "仍然无法访问" });
    await dispatchEvents(t.db, new Date());
    const inbox = await t.db.notification.findMany({ where: { userId: actors.ct.userId, eventType: "workorder.reopened", link: `/service/work-orders/${workOrderId}` } });
    expect(inbox).toHaveLength(1);
    expect(inbox[0].body).toContain("仍然无法访问");
    expect(await t.db.notification.count({ where: { userId: actors.cu.userId, eventType: "workorder.reopened" } })).toBe(0);
  });
});
