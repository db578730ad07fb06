// Service requests and work orders at the lib level against a real database: the whole flow with exact due times on
// the real working calendar (2024 holidays and make-up days), the timeline in order, the steps that must be refused,
// concurrent steps, and a severity change that keeps the clock time already used (the example).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import { AppError } from "../../lib/errors";
import { openWorkOrderForAlarm, workOrderAlarmCleared, workOrderAlarmClearConfirmed } from "../../lib/itsm/alarm-link";
import { cancelRequest, getRequest, resubmitRequest, reviewRequest, submitRequest, type SubmitRequestInput } from "../../lib/itsm/requests";
import { usedSeconds } from "../../lib/itsm/sla-times";
import { listWorkOrderTodos } from "../../lib/itsm/todos";
import { performWorkOrderAction } from "../../lib/itsm/work-order-actions";
import { getWorkOrderDetail } from "../../lib/itsm/work-order-detail";
import { createWorkOrder, listWorkOrders, workOrderSummaryByProvider } from "../../lib/itsm/work-orders";
import { importReference } from "../../lib/reference/import-reference";
import { loadWorkingCalendar } from "../../lib/sla/calendar";
import { ensureSlaDefaults } from "../../lib/sla/ensure-defaults";
import { saveSlaPolicy } from "../../lib/sla/policies";
import { ensureDefaultDictionaries } from "../../lib/system/dictionaries";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
const actors: Record<"sup" | "wjw" | "jw" | "ct" | "ct2" | "cu", Actor> = {} as never;
let ctId: number;
let cuId: number;

/** Shanghai wall-clock time as an instant. */
const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const shText = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : null);
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return { code: e.code, status: e.status, message: e.message, fieldErrors: (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors };
};
const order = (id: number) => t.db.workOrder.findUniqueOrThrow({ where: { id }, include: { stops: { orderBy: { id: "asc" } } } });

const faultReport = (over: Partial<SubmitRequestInput> = {}): SubmitRequestInput => ({
  kind: "fault", providerId: ctId, faultCategory: "network", severity: "p2", templateCode: "fault",
  title: "门户网站无法访问", description: "卫健委门户网站自 08:40 起无法访问", fields: { impact: "对外服务中断", occurredOn: "2024-06-03" }, ...over,
} as SubmitRequestInput);

beforeAll(async () => {
  t = await createTestDatabase("itsm_workflow");
  await importReference(t.db, referenceDir);
  await ensureDefaultDictionaries(t.db);
  await ensureSlaDefaults(t.db);
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  const jw = await t.db.department.findUniqueOrThrow({ where: { code: "JW" } });
  ctId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  cuId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CU" } })).id;
  await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管员", role: "supervisor" });
  await createUser(t.db, { username: "wjw", password: "password-1", displayName: "卫健委用户", role: "tenant", departmentId: wjw.id });
  await createUser(t.db, { username: "jw", password: "password-1", displayName: "教委用户", role: "tenant", departmentId: jw.id });
  await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信工程师", role: "provider", providerId: ctId });
  await createUser(t.db, { username: "ct2", password: "password-1", displayName: "电信二线", role: "provider", providerId: ctId });
  await createUser(t.db, { username: "cu", password: "password-1", displayName: "联通工程师", role: "provider", providerId: cuId });
  for (const name of ["sup", "wjw", "jw", "ct", "ct2", "cu"] as const) actors[name] = (await loadActorByUsername(t.db, name))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("the whole flow of a fault report", () => {
  test("submit → return → resubmit → approve → accept → pause → resume → resolve → reopen → resolve → confirm, with exact due times", async () => {
    const { sup, wjw, ct } = actors;
    const submitted = await submitRequest(t.db, wjw, faultReport({ title: "门户网站无法访问（初稿）" }), sh("2024-06-03 09:00"));
    expect(submitted.number).toBe("SR-20240603-0001");
    expect((await submitRequest(t.db, actors.jw, faultReport({ title: "教委的另一张单" }), sh("2024-06-03 09:01"))).number).toBe("SR-20240603-0002");

    expect(await failure(reviewRequest(t.db, wjw, submitted.id, { decision: "approved" }, sh("2024-06-03 09:05")))).toMatchObject({ code: "request.forbidden", status: 403 });
    await expect(reviewRequest(t.db, sup, submitted.id, { decision: "returned", comment: "" })).rejects.toThrow("请填写退回原因");
    await reviewRequest(t.db, sup, submitted.id, { decision: "returned", comment: "请补充影响范围" }, sh("2024-06-03 09:10"));
    expect((await getRequest(t.db, wjw, submitted.id)).status).toBe("returned");
    await resubmitRequest(t.db, wjw, submitted.id, faultReport(), sh("2024-06-03 09:20"));
    const approved = await reviewRequest(t.db, sup, submitted.id, { decision: "approved", comment: "同意" }, sh("2024-06-03 09:30"));
    expect(approved).toMatchObject({ status: "approved", workOrderNumber: "WO-20240603-0001" });
    const id = approved.workOrderId!;

    // fault p2: respond within 30 working minutes, resolve within 8 working hours
    let o = await order(id);
    expect(o).toMatchObject({ status: "assigned", providerId: ctId, severity: "p2", clock: "working", responseMinutes: 30, resolutionMinutes: 480, requestId: submitted.id });
    expect(o.fields).toEqual({ category: "network", impact: "对外服务中断", occurredOn: "2024-06-03" });
    expect([shText(o.openedAt), shText(o.responseDueAt), shText(o.resolutionDueAt)]).toEqual(["2024-06-03 09:30", "2024-06-03 10:00", "2024-06-03 17:30"]);

    await performWorkOrderAction(t.db, ct, id, { action: "accept" }, sh("2024-06-03 09:45"));
    o = await order(id);
    expect(o).toMatchObject({ status: "in-progress", assigneeId: ct.userId, responseSeconds: 900, responseBreachedAt: null });

    await performWorkOrderAction(t.db, ct, id, { action: "request-pause", reason: "等待用户提供访问日志" }, sh("2024-06-03 10:30"));
    o = await order(id);
    // a requested pause does not stop the clock
    expect(o.status).toBe("in-progress");
    expect(o.stops.map((s) => [s.kind, s.status, s.startedAt])).toEqual([["pause", "requested", null]]);
    await performWorkOrderAction(t.db, sup, id, { action: "approve-pause" }, sh("2024-06-03 11:00"));
    o = await order(id);
    expect(o.status).toBe("pending");
    expect(shText(o.stops[0].startedAt)).toBe("2024-06-03 11:00");

    await performWorkOrderAction(t.db, ct, id, { action: "resume" }, sh("2024-06-03 14:00"));
    o = await order(id);
    // three hours stopped: 17:30 + 3 h runs past 18:00 into Tuesday
    expect([o.status, shText(o.resolutionDueAt)]).toEqual(["in-progress", "2024-06-04 10:30"]);

    await expect(performWorkOrderAction(t.db, ct, id, { action: "resolve", resolution: "" })).rejects.toThrow("请填写解决方案");
    await performWorkOrderAction(t.db, ct, id, { action: "resolve", resolution: "更换故障交换机端口" }, sh("2024-06-03 15:00"));
    o = await order(id);
    expect([o.status, shText(o.resolvedAt), o.resolutionSeconds, o.delayReason]).toEqual(["resolved", "2024-06-03 15:00", 9000, null]);

    await performWorkOrderAction(t.db, wjw, id, { action: "reopen", reason: "仍偶发无法访问" }, sh("2024-06-04 09:00"));
    o = await order(id);
    // resolved Monday 15:00 → reopened Tuesday 09:00 does not count: 2.5 h used, 5.5 h left from 09:00
    expect([o.status, o.resolvedAt, o.resolutionSeconds, shText(o.resolutionDueAt)]).toEqual(["in-progress", null, null, "2024-06-04 14:30"]);
    expect(o.stops.map((s) => [s.kind, s.status, shText(s.startedAt), shText(s.endedAt)])).toEqual([
      ["pause", "ended", "2024-06-03 11:00", "2024-06-03 14:00"], ["resolved", "ended", "2024-06-03 15:00", "2024-06-04 09:00"],
    ]);

    await performWorkOrderAction(t.db, ct, id, { action: "resolve", resolution: "修复负载均衡健康检查" }, sh("2024-06-04 10:00"));
    expect((await order(id)).resolutionSeconds).toBe(12600);
    expect((await listWorkOrderTodos(t.db, wjw)).map((x) => [x.key, x.count])).toEqual([["orders-to-confirm", 1]]);
    await performWorkOrderAction(t.db, wjw, id, { action: "confirm", comment: "已恢复" }, sh("2024-06-04 11:00"));
    o = await order(id);
    expect([o.status, shText(o.closedAt), o.reviewRequired]).toEqual(["closed", "2024-06-04 11:00", false]);

    const detail = await getWorkOrderDetail(t.db, wjw, id, sh("2024-06-04 12:00"));
    expect(detail.timeline.map((e) => `${e.scope}:${e.action}:${e.actorName}`)).toEqual([
      "request:submit:卫健委用户", "request:return:监管员", "request:resubmit:卫健委用户", "request:approve:监管员",
      "work-order:create:监管员", "work-order:accept:电信工程师", "work-order:pause-request:电信工程师", "work-order:pause-approve:监管员",
      "work-order:resume:电信工程师", "work-order:resolve:电信工程师", "work-order:reopen:卫健委用户", "work-order:resolve:电信工程师", "work-order:confirm:卫健委用户",
    ]);
    expect(detail.timeline.map((e) => e.toStatus)).toEqual(["submitted", "returned", "submitted", "approved", "assigned", "in-progress", null, "pending", "in-progress", "resolved", "in-progress", "resolved", "closed"]);
    expect(detail.timeline[1].comment).toBe("请补充影响范围");
    expect(detail.actions).toEqual([]);

    const events = await t.db.domainEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual([
      "request.submitted", "request.submitted", "request.reviewed", "request.submitted", "request.reviewed", "workorder.assigned",
      "workorder.pause-requested", "workorder.resolved", "workorder.reopened", "workorder.resolved",
    ]);

    // closed: nothing more to do, and a clear message
    expect(await failure(performWorkOrderAction(t.db, ct, id, { action: "resolve", resolution: "再次解决" }))).toMatchObject({ code: "workorder.state", status: 409, message: "工单已关闭，不能再处理" });
  });
});

describe("steps that are refused", () => {
  let id: number;
  beforeAll(async () => {
    const r = await submitRequest(t.db, actors.wjw, faultReport({ title: "存储卷只读" }), sh("2024-06-05 09:00"));
    id = (await reviewRequest(t.db, actors.sup, r.id, { decision: "approved" }, sh("2024-06-05 09:10"))).workOrderId!;
  });

  test("another provider's order is not found; a tenant cannot approve, nor work an order; others' departments see nothing", async () => {
    expect(await failure(performWorkOrderAction(t.db, actors.cu, id, { action: "accept" }))).toMatchObject({ code: "workorder.not-found", status: 404 });
    expect(await failure(getWorkOrderDetail(t.db, actors.cu, id))).toMatchObject({ status: 404 });
    expect(await failure(getWorkOrderDetail(t.db, actors.jw, id))).toMatchObject({ status: 404 });
    expect(await failure(performWorkOrderAction(t.db, actors.wjw, id, { action: "accept" }))).toMatchObject({ code: "workorder.forbidden", status: 403 });
    expect(await failure(performWorkOrderAction(t.db, actors.sup, id, { action: "accept" }))).toMatchObject({ code: "workorder.forbidden" });
    expect(await failure(performWorkOrderAction(t.db, actors.ct, id, { action: "confirm" }))).toMatchObject({ code: "workorder.forbidden" });
    expect(await failure(performWorkOrderAction(t.db, actors.ct, id, { action: "resolve", resolution: "x" }))).toMatchObject({ code: "workorder.state", message: "工单当前状态为“已派单”，不能执行该操作" });
    expect(await failure(performWorkOrderAction(t.db, actors.ct, id, { action: "delegate", assigneeId: actors.cu.userId }))).toMatchObject({ fieldErrors: { assigneeId: ["处理人须为本服务商有工单处理权限的在用账号"] } });
    await expect(performWorkOrderAction(t.db, actors.ct, id, { action: "fly" } as never)).rejects.toThrow("未知的工单操作");
  });

  test("two concurrent accepts: exactly one wins", async () => {
    const now = sh("2024-06-05 09:20");
    const results = await Promise.allSettled([
      performWorkOrderAction(t.db, actors.ct, id, { action: "accept" }, now),
      performWorkOrderAction(t.db, actors.ct2, id, { action: "accept" }, now),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "workorder.state", message: "工单已被接单" });
    expect(await t.db.ticketEvent.count({ where: { workOrderId: id, action: "accept" } })).toBe(1);
  });

  test("a late resolution needs a delay reason and a note, and marks the breach for the review", async () => {
    const late = sh("2024-06-06 09:00"); // 8 working hours from 09:10 on the 5th ran out at 17:10
    expect(await failure(performWorkOrderAction(t.db, actors.ct, id, { action: "resolve", resolution: "恢复只读卷" }, late))).toMatchObject({ fieldErrors: { delayReason: ["工单已超时，请选择延误原因"] } });
    expect(await failure(performWorkOrderAction(t.db, actors.ct, id, { action: "resolve", resolution: "恢复只读卷", delayReason: "weather", delayNote: "x" }, late))).toMatchObject({ fieldErrors: { delayReason: ["延误原因不在字典中"] } });
    await performWorkOrderAction(t.db, actors.ct, id, { action: "resolve", resolution: "恢复只读卷", delayReason: "spare-parts", delayNote: "等待硬盘到货" }, late);
    const o = await order(id);
    expect([o.delayReason, o.delayNote, shText(o.resolutionBreachedAt), o.reviewRequired, o.escalationLevel]).toEqual(["spare-parts", "等待硬盘到货", "2024-06-06 09:00", true, 1]);
    expect((await listWorkOrderTodos(t.db, actors.sup)).map((x) => x.key)).toContain("reviews-to-write");
    await performWorkOrderAction(t.db, actors.wjw, id, { action: "confirm" }, sh("2024-06-06 10:00"));
    await performWorkOrderAction(t.db, actors.sup, id, { action: "review", reviewNote: "备件库存不足，已要求服务商常备" }, sh("2024-06-06 11:00"));
    expect((await order(id)).reviewNote).toBe("备件库存不足，已要求服务商常备");
    expect((await listWorkOrders(t.db, actors.sup, { breached: "1", delayReason: "spare-parts", month: "2024-06" })).rows.map((r) => r.id)).toEqual([id]);
  });

  test("concurrent submissions get distinct numbers in the day's sequence", async () => {
    const now = sh("2024-07-01 10:00");
    const made = await Promise.all([0, 1, 2, 3].map((i) => submitRequest(t.db, actors.wjw, faultReport({ title: `并发 ${i}` }), now)));
    expect(made.map((r) => r.number).sort()).toEqual(["SR-20240701-0001", "SR-20240701-0002", "SR-20240701-0003", "SR-20240701-0004"]);
  });

  test("a request is cancelled only before approval, and only by its department", async () => {
    const r = await submitRequest(t.db, actors.wjw, faultReport({ title: "撤销测试" }), sh("2024-06-05 10:00"));
    expect(await failure(cancelRequest(t.db, actors.jw, r.id))).toMatchObject({ status: 404 });
    await cancelRequest(t.db, actors.wjw, r.id, "误报", sh("2024-06-05 10:05"));
    expect(await failure(reviewRequest(t.db, actors.sup, r.id, { decision: "approved" }))).toMatchObject({ code: "request.state", message: "申请当前状态为“已撤销”，不能审核" });
  });

  test("a service request takes a published price in force and its provider", async () => {
    const item = await t.db.priceItem.findFirstOrThrow({ where: { itemCode: "CT-ECS-2C4G" } });
    const base = { kind: "service" as const, priceItemId: item.id, quantity: "2", templateCode: "provisioning", title: "开通 2 台云主机", description: "新业务系统上线", fields: { spec: "2C4G" } };
    expect(await failure(submitRequest(t.db, actors.wjw, { ...base, templateCode: "fault" }))).toMatchObject({ fieldErrors: { templateCode: ["请选择开通或变更类的模板"] } });
    await expect(submitRequest(t.db, actors.wjw, { ...base, quantity: "0" })).rejects.toThrow("数量须为大于 0 的数");
    expect(await failure(submitRequest(t.db, actors.wjw, { ...base, fields: {} }))).toMatchObject({ fieldErrors: { "fields.spec": ["请填写资源规格"] } });
    const r = await submitRequest(t.db, actors.wjw, base, sh("2025-06-05 10:00"));
    const approved = await reviewRequest(t.db, actors.sup, r.id, { decision: "approved" }, sh("2025-06-05 10:30"));
    const o = await order(approved.workOrderId!);
    expect(o).toMatchObject({ kind: "provisioning", providerId: ctId, severity: "p3", responseMinutes: 240 });
    // the quantity asked once fills the template's quantity field
    expect(o.fields).toEqual({ spec: "2C4G", quantity: 2, expectedBy: null });
    expect((await getRequest(t.db, actors.ct, r.id)).quantity).toBe("2");
    expect(await failure(getRequest(t.db, actors.cu, r.id))).toMatchObject({ status: 404 });
  });
});

describe("a severity change keeps the time used (the issue's example)", () => {
  test("4 working hours from Friday 17:00 fall due Sunday 11:00 (a make-up day); a 17:30–18:00 pause moves it to 11:30; p2 (2 h) on Sunday 09:00 keeps the 1.5 h used: due 09:30", async () => {
    await saveSlaPolicy(t.db, actors.sup, { kind: "inspection", severity: "p3", clock: "working", responseMinutes: 60, resolutionMinutes: 240, warnShare: "0.8" });
    await saveSlaPolicy(t.db, actors.sup, { kind: "inspection", severity: "p2", clock: "working", responseMinutes: 30, resolutionMinutes: 120, warnShare: "0.8" });
    const created = await createWorkOrder(t.db, actors.sup, { kind: "inspection", templateCode: "inspection", title: "机房巡检", description: "月度巡检", fields: { target: "A 机房" }, severity: "p3", providerId: ctId }, sh("2024-04-26 17:00"));
    let o = await order(created.id);
    expect([shText(o.responseDueAt), shText(o.resolutionDueAt)]).toEqual(["2024-04-26 18:00", "2024-04-28 11:00"]);
    await performWorkOrderAction(t.db, actors.ct, created.id, { action: "accept" }, sh("2024-04-26 17:10"));
    await performWorkOrderAction(t.db, actors.ct, created.id, { action: "request-pause", reason: "等待机房门禁" }, sh("2024-04-26 17:20"));
    await performWorkOrderAction(t.db, actors.sup, created.id, { action: "approve-pause" }, sh("2024-04-26 17:30"));
    await performWorkOrderAction(t.db, actors.ct, created.id, { action: "resume" }, sh("2024-04-26 18:00"));
    expect(shText((await order(created.id)).resolutionDueAt)).toBe("2024-04-28 11:30");

    const cal = await loadWorkingCalendar(t.db);
    const sunday9 = sh("2024-04-28 09:00");
    expect(usedSeconds(cal, await order(created.id), (await order(created.id)).stops, sunday9, sunday9)).toBe(5400);
    await performWorkOrderAction(t.db, actors.sup, created.id, { action: "change-severity", severity: "p2", comment: "影响扩大" }, sunday9);
    o = await order(created.id);
    expect([o.severity, o.resolutionMinutes, shText(o.resolutionDueAt), usedSeconds(cal, o, o.stops, sunday9, sunday9)]).toEqual(["p2", 120, "2024-04-28 09:30", 5400]);
    const [row] = await t.db.$queryRaw<{ due: string }[]>`SELECT to_char(resolution_due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS due FROM work_order WHERE id = ${created.id}`;
    expect(row.due).toBe("2024-04-28 09:30");
    expect((await getWorkOrderDetail(t.db, actors.sup, created.id, sunday9)).timeline.at(-1)).toMatchObject({ action: "severity", actorName: "监管员", comment: "影响扩大", data: { from: "p3", to: "p2" } });
  });
});

describe("the alarm loop and the lists", () => {
  test("an alarm opens an assigned order; its clear resolves it; the supervisor's confirmation closes it", async () => {
    const opened = await openWorkOrderForAlarm(t.db, null, { alarmId: 77, title: "核心交换机端口 down", description: "", severity: "p1", providerId: cuId, departmentId: null }, sh("2024-06-10 03:00"));
    let o = await order(opened.workOrderId);
    // p1 faults run on the 24x7 clock
    expect([o.status, o.alarmId, o.clock, shText(o.responseDueAt), o.reviewRequired]).toEqual(["assigned", 77, "calendar", "2024-06-10 03:15", true]);
    await workOrderAlarmCleared(t.db, opened.workOrderId, sh("2024-06-10 03:40"));
    o = await order(opened.workOrderId);
    expect([o.status, o.resolutionSeconds]).toEqual(["resolved", 2400]);
    await workOrderAlarmClearConfirmed(t.db, opened.workOrderId, actors.sup, sh("2024-06-10 09:00"));
    expect((await order(opened.workOrderId)).status).toBe("closed");
    const steps = await t.db.ticketEvent.findMany({ where: { workOrderId: opened.workOrderId }, orderBy: { id: "asc" } });
    expect(steps.map((s) => `${s.action}:${s.actorName}`)).toEqual(["create:告警规则", "alarm-cleared:告警源", "alarm-clear-confirmed:监管员"]);
  });

  test("tabs, scope and the by-provider summary", async () => {
    const now = sh("2024-06-20 10:00");
    const all = await listWorkOrders(t.db, actors.sup, { tab: "all", pageSize: 100 }, now);
    const ct = await listWorkOrders(t.db, actors.ct, { tab: "all", pageSize: 100 }, now);
    const cu = await listWorkOrders(t.db, actors.cu, { tab: "all", pageSize: 100 }, now);
    expect(ct.rows.every((r) => r.providerId === ctId) && cu.rows.every((r) => r.providerId === cuId)).toBe(true);
    expect(ct.total + cu.total).toBe(all.total);
    expect((await listWorkOrders(t.db, actors.jw, { pageSize: 100 }, now)).total).toBe(0);
    const summary = await workOrderSummaryByProvider(t.db, actors.sup, now);
    expect(summary.every((s) => s.overdue <= s.open)).toBe(true);
    expect((await workOrderSummaryByProvider(t.db, actors.cu, now)).map((s) => s.providerId).every((p) => p === cuId)).toBe(true);
  });
});
