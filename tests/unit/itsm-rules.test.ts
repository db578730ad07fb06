// The work order rules as pure functions: who may take which step in which state (and the message when not), and
// the SLA state a list shows (remaining clock time, warning, overdue, paused) on a Monday–Friday 08:00–18:00 calendar.
import { describe, expect, test } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { BUILTIN_PERMISSIONS } from "../../lib/auth/permissions";
import { slaStateOf } from "../../lib/itsm/sla-times";
import { allowedActions, refusalOf, type ActionableOrder } from "../../lib/itsm/work-order-actions";
import { buildWorkingCalendar, DEFAULT_WORKING_HOURS } from "../../lib/sla/holiday-package";

const actor = (role: "supervisor" | "tenant" | "provider" | "leader", org: { departmentId?: number; providerId?: number } = {}): Actor => ({
  userId: 1, username: role, displayName: role, role, roleName: role, permissions: [...BUILTIN_PERMISSIONS[role]], sessionVersion: 0,
  departmentId: org.departmentId ?? null, providerId: org.providerId ?? null,
  scope: org.departmentId ? { kind: "departments", departmentIds: [org.departmentId] } : org.providerId ? { kind: "providers", providerIds: [org.providerId] } : { kind: "all" },
});
const order = (over: Partial<ActionableOrder> = {}): ActionableOrder => ({
  status: "assigned", providerId: 1, departmentId: 7, requesterId: 3, assigneeId: null, severity: "p3", resolvedAt: null, stops: [], ...over,
});

const sup = actor("supervisor");
const ct = actor("provider", { providerId: 1 });
const cu = actor("provider", { providerId: 2 });
const tenant = actor("tenant", { departmentId: 7 });
const leader = actor("leader");

describe("who may take which step", () => {
  test("the steps open in each state, per role", () => {
    expect(allowedActions(ct, order())).toEqual(["accept", "delegate", "note", "return"]);
    expect(allowedActions(sup, order())).toEqual(["assign", "note", "pause", "change-severity", "cancel"]);
    expect(allowedActions(ct, order({ status: "in-progress" }))).toEqual(["delegate", "note", "request-pause", "return", "resolve"]);
    expect(allowedActions(sup, order({ status: "in-progress", stops: [{ status: "requested" }] }))).toEqual(["assign", "note", "approve-pause", "reject-pause", "change-severity", "cancel"]);
    expect(allowedActions(ct, order({ status: "pending" }))).toEqual(["delegate", "note", "resume"]);
    expect(allowedActions(tenant, order({ status: "resolved" }))).toEqual(["note", "confirm", "reopen"]);
    expect(allowedActions(sup, order({ status: "closed" }))).toEqual(["review"]);
    expect(allowedActions(leader, order())).toEqual([]);
  });

  test("an order nobody requested is confirmed by the supervisor", () => {
    expect(allowedActions(sup, order({ status: "resolved", requesterId: null, departmentId: null }))).toEqual(["note", "confirm", "reopen", "review"]);
    expect(allowedActions(tenant, order({ status: "resolved", requesterId: null }))).toEqual([]);
  });

  test("clear messages when refused", () => {
    expect(refusalOf(cu, order(), "accept")).toBe("您没有权限对此工单执行该操作");
    expect(refusalOf(tenant, order(), "accept")).toBe("您没有权限对此工单执行该操作");
    expect(refusalOf(ct, order({ status: "closed" }), "resolve")).toBe("工单已关闭，不能再处理");
    expect(refusalOf(ct, order({ status: "cancelled" }), "note")).toBe("工单已取消，不能再处理");
    expect(refusalOf(ct, order({ status: "in-progress" }), "accept")).toBe("工单已被接单");
    expect(refusalOf(ct, order({ status: "pending" }), "resolve")).toBe("工单当前状态为“挂起”，不能执行该操作");
    expect(refusalOf(ct, order({ status: "in-progress", stops: [{ status: "requested" }] }), "request-pause")).toBe("已有待审批的挂起申请");
    expect(refusalOf(sup, order({ status: "in-progress" }), "approve-pause")).toBe("没有待审批的挂起申请");
    expect(refusalOf(actor("tenant", { departmentId: 8 }), order({ status: "resolved" }), "confirm")).toBe("您没有权限对此工单执行该操作");
  });
});

describe("the SLA state of a row", () => {
  const cal = buildWorkingCalendar(DEFAULT_WORKING_HOURS, []);
  const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
  // Monday 2025-03-10 09:00, 1 working hour to respond, 8 to resolve, warning at 80 %
  const base = {
    clock: "working", openedAt: sh("2025-03-10 09:00"), responseMinutes: 60, resolutionMinutes: 480, warnShare: "0.8", status: "assigned",
    respondedAt: null, resolvedAt: null, responseDueAt: sh("2025-03-10 10:00"), resolutionDueAt: sh("2025-03-10 17:00"),
  };

  test("remaining, warning and overdue in clock time", () => {
    expect(slaStateOf(cal, base, [], sh("2025-03-10 09:30"))).toMatchObject({ target: "response", remainingSeconds: 1800, usedSeconds: 1800, level: "ok" });
    expect(slaStateOf(cal, base, [], sh("2025-03-10 09:50"))).toMatchObject({ remainingSeconds: 600, level: "warning" });
    expect(slaStateOf(cal, base, [], sh("2025-03-10 10:30"))).toMatchObject({ remainingSeconds: -1800, level: "overdue" });
    const responded = { ...base, status: "in-progress", respondedAt: sh("2025-03-10 09:40") };
    // the night does not count: Monday 16:00 → Tuesday 09:00 is 3 working hours, 2 past Monday 17:00's due time
    expect(slaStateOf(cal, responded, [], sh("2025-03-11 09:00"))).toMatchObject({ target: "resolution", remainingSeconds: -7200, level: "overdue" });
    expect(slaStateOf(cal, responded, [], sh("2025-03-10 16:00"))).toMatchObject({ remainingSeconds: 3600, level: "warning" });
  });

  test("paused while pending; nothing to measure once resolved", () => {
    const pending = { ...base, status: "pending", respondedAt: sh("2025-03-10 09:40") };
    const stops = [{ status: "active", startedAt: sh("2025-03-10 11:00"), endedAt: null }];
    expect(slaStateOf(cal, pending, stops, sh("2025-03-12 11:00"))).toMatchObject({ target: "resolution", usedSeconds: 7200, remainingSeconds: 6 * 3600, level: "paused" });
    expect(slaStateOf(cal, { ...base, status: "resolved" }, [], sh("2025-03-12 11:00")).level).toBe("done");
  });
});
