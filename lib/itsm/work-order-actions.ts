import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { can, rolePermissions } from "../auth/permissions";
import type { Db } from "../db";
import { AppError } from "../errors";
import { emitEvent } from "../events/emit-event";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import { loadWorkingCalendar } from "../sla/calendar";
import type { WorkingCalendar } from "../sla/clock";
import { policyFor } from "../sla/policies";
import { listDictionaryEntries } from "../system/dictionaries";
import { SEVERITIES, SEVERITY_NAMES, WORK_ORDER_STATUS_NAMES, type Severity, type WorkOrderKind, type WorkOrderStatus } from "./codes";
import { computeDues, usedSeconds, warnTimes, type StopRow } from "./sla-times";
import { addTicketEvent, stepActorOf, type StepActor } from "./timeline";
import { findVisibleWorkOrder, workOrderRef, type Policy } from "./work-orders";

type Tx = Prisma.TransactionClient;

const reason = (what: string) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(2000, `${what}最多 2000 个字符`);
const comment = z.string().trim().max(2000, "说明最多 2000 个字符").nullish();

/** Every step a person can take on a work order, as the portal and the API send it. */
export const workOrderActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept"), comment }),
  z.object({ action: z.literal("assign"), providerId: z.number({ error: "请选择服务商" }).int().positive(), comment }),
  z.object({ action: z.literal("delegate"), assigneeId: z.number({ error: "请选择处理人" }).int().positive(), comment }),
  z.object({ action: z.literal("note"), comment: reason("处理说明") }),
  z.object({ action: z.literal("request-pause"), reason: reason("挂起原因") }),
  z.object({ action: z.literal("approve-pause"), comment }),
  z.object({ action: z.literal("reject-pause"), comment: reason("驳回原因") }),
  z.object({ action: z.literal("pause"), reason: reason("挂起原因") }),
  z.object({ action: z.literal("resume"), comment }),
  z.object({ action: z.literal("return"), reason: reason("退回原因") }),
  z.object({ action: z.literal("resolve"), resolution: reason("解决方案"), delayReason: z.string().trim().max(32).nullish(), delayNote: z.string().trim().max(2000, "延误说明最多 2000 个字符").nullish() }),
  z.object({ action: z.literal("confirm"), comment }),
  z.object({ action: z.literal("reopen"), reason: reason("重新打开的原因") }),
  z.object({ action: z.literal("change-severity"), severity: z.enum(SEVERITIES, { error: "请选择级别" }), comment }),
  z.object({ action: z.literal("cancel"), reason: reason("取消原因") }),
  z.object({ action: z.literal("review"), reviewNote: reason("复盘结论") }),
], { error: "未知的工单操作" });
export type WorkOrderActionInput = z.input<typeof workOrderActionSchema>;
type ActionInput = z.output<typeof workOrderActionSchema>;
export type WorkOrderAction = ActionInput["action"];
export const WORK_ORDER_ACTIONS = workOrderActionSchema.options.map((o) => o.shape.action.value) as WorkOrderAction[];

/** What the rules need to know of an order. */
export type ActionableOrder = {
  status: string; providerId: number; departmentId: number | null; requesterId: number | null; assigneeId: number | null; severity: string;
  resolvedAt: Date | null; stops: readonly { status: string }[];
};

const OPEN = ["new", "assigned", "in-progress", "pending"];

type Role = "manager" | "handler" | "requester" | "any";
/** Who may take each step, and from which states. */
const RULES: Record<WorkOrderAction, { who: Role[]; from: string[] }> = {
  accept: { who: ["handler"], from: ["assigned"] },
  assign: { who: ["manager"], from: ["new", "assigned", "in-progress"] },
  delegate: { who: ["handler"], from: ["assigned", "in-progress", "pending"] },
  note: { who: ["manager", "handler", "requester"], from: [...OPEN, "resolved"] },
  "request-pause": { who: ["handler"], from: ["in-progress"] },
  "approve-pause": { who: ["manager"], from: ["in-progress"] },
  "reject-pause": { who: ["manager"], from: ["in-progress"] },
  pause: { who: ["manager"], from: ["assigned", "in-progress"] },
  resume: { who: ["handler", "manager"], from: ["pending"] },
  return: { who: ["handler"], from: ["assigned", "in-progress"] },
  resolve: { who: ["handler"], from: ["in-progress"] },
  confirm: { who: ["requester"], from: ["resolved"] },
  reopen: { who: ["requester"], from: ["resolved"] },
  "change-severity": { who: ["manager"], from: OPEN },
  cancel: { who: ["manager"], from: OPEN },
  review: { who: ["manager"], from: ["resolved", "closed"] },
};

function rolesOf(actor: Actor, o: ActionableOrder): Set<Role> {
  const roles = new Set<Role>();
  if (can(actor, "itsm.workorder.manage")) roles.add("manager");
  // a provider's staff work their own provider's orders only
  if (can(actor, "itsm.workorder.handle") && actor.providerId !== null && actor.providerId === o.providerId) roles.add("handler");
  // the requesting department confirms; an order nobody requested (an inspection, an alarm) is confirmed by the supervisor
  if (o.requesterId !== null) {
    if (can(actor, "itsm.request.submit") && o.departmentId !== null && actor.scope.kind === "departments" && actor.scope.departmentIds.includes(o.departmentId)) roles.add("requester");
  } else if (roles.has("manager")) roles.add("requester");
  return roles;
}

/** Why the actor may not take this step now (a message for them), or null when they may. Checked in every action, shown as the buttons. */
export function refusalOf(actor: Actor, o: ActionableOrder, action: WorkOrderAction): string | null {
  const rule = RULES[action];
  const roles = rolesOf(actor, o);
  if (!rule.who.some((r) => roles.has(r))) return "您没有权限对此工单执行该操作";
  if (o.status === "closed" && action !== "review") return "工单已关闭，不能再处理";
  if (o.status === "cancelled") return "工单已取消，不能再处理";
  if (!rule.from.includes(o.status)) {
    if (action === "accept" && o.status === "in-progress") return "工单已被接单";
    return `工单当前状态为“${WORK_ORDER_STATUS_NAMES[o.status as WorkOrderStatus] ?? o.status}”，不能执行该操作`;
  }
  const requested = o.stops.some((s) => s.status === "requested");
  if (action === "request-pause" && requested) return "已有待审批的挂起申请";
  if ((action === "approve-pause" || action === "reject-pause") && !requested) return "没有待审批的挂起申请";
  if (action === "pause" && requested) return "已有待审批的挂起申请，请先审批";
  return null;
}

export function allowedActions(actor: Actor, o: ActionableOrder): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((a) => refusalOf(actor, o, a) === null);
}

type Order = Awaited<ReturnType<typeof findVisibleWorkOrder>>;
type Context = { tx: Tx; actor: Actor; by: StepActor; order: Order; cal: WorkingCalendar; now: Date; policy: Policy | null; delayReasons: string[] };

const fieldError = (field: string, message: string) => new AppError("workorder.invalid", message, { fieldErrors: { [field]: [message] } });

/** Writes the order's change with its recomputed due times (the stops as they are after the change) and the timeline step. */
async function apply(c: Context, step: { action: string; to?: string; comment?: string | null; data?: Prisma.InputJsonValue }, data: Prisma.WorkOrderUncheckedUpdateInput, stopsAfter?: StopRow[]) {
  const o = c.order;
  const stops = stopsAfter ?? o.stops;
  const targets = {
    clock: (data.clock as string | undefined) ?? o.clock, openedAt: o.openedAt,
    responseMinutes: (data.responseMinutes as number | undefined) ?? o.responseMinutes, resolutionMinutes: (data.resolutionMinutes as number | undefined) ?? o.resolutionMinutes,
    respondedAt: (data.respondedAt as Date | undefined) ?? o.respondedAt,
  };
  const to = step.to ?? o.status;
  const updated = await c.tx.workOrder.update({ where: { id: o.id }, data: { ...data, ...computeDues(c.cal, targets, stops, c.now), status: to, updatedAt: c.now } });
  await addTicketEvent(c.tx, { workOrderId: o.id, actor: c.by, action: step.action, from: o.status, to: to === o.status ? null : to, comment: step.comment ?? null, data: step.data, at: c.now });
  return updated;
}

/** A target missed by the time of a step the watcher had not seen yet is marked as the watcher would have. */
function lateMarks(o: Order, now: Date, target: "response" | "resolution"): Prisma.WorkOrderUncheckedUpdateInput {
  const due = target === "response" ? o.responseDueAt : o.resolutionDueAt;
  const marked = target === "response" ? o.responseBreachedAt : o.resolutionBreachedAt;
  if (marked || now <= due) return {};
  return { [target === "response" ? "responseBreachedAt" : "resolutionBreachedAt"]: now, escalationLevel: { increment: 1 }, reviewRequired: true };
}

async function act(c: Context, input: ActionInput): Promise<void> {
  const { tx, order: o, now, actor } = c;
  const liveStop = o.stops.find((s) => s.status === "active");
  const requestedStop = o.stops.find((s) => s.status === "requested");
  // a pause request is for the work in hand: a step that ends that work turns it down, or it could be approved later, on other work
  const dropPauseRequest = async () => { if (requestedStop) await tx.workOrderStop.update({ where: { id: requestedStop.id }, data: { status: "rejected" } }); };
  switch (input.action) {
    case "accept": {
      const responded = o.respondedAt ?? now;
      await apply(c, { action: "accept", to: "in-progress", comment: input.comment }, {
        assigneeId: actor.userId, respondedAt: responded, responseSeconds: o.responseSeconds ?? usedSeconds(c.cal, o, o.stops, responded, now), ...(o.respondedAt ? {} : lateMarks(o, now, "response")),
      });
      return;
    }
    case "assign": {
      const provider = await tx.provider.findUnique({ where: { id: input.providerId } });
      if (!provider) throw fieldError("providerId", "服务商不存在");
      await dropPauseRequest();
      const updated = await apply(c, { action: o.status === "new" ? "assign" : "transfer", to: "assigned", comment: input.comment, data: { providerId: provider.id, providerName: provider.name, fromProviderId: o.providerId } }, { providerId: provider.id, assigneeId: null });
      await emitEvent(tx, "workorder.assigned", `workorder:${o.id}:provider:${provider.id}`, workOrderRef(updated), now);
      return;
    }
    case "delegate": {
      const colleague = await tx.user.findFirst({ where: { id: input.assigneeId, enabled: true, providerId: o.providerId }, include: { roleRef: true } });
      if (!colleague || !rolePermissions(colleague.roleRef).includes("itsm.workorder.handle")) throw fieldError("assigneeId", "处理人须为本服务商有工单处理权限的在用账号");
      const updated = await apply(c, { action: "delegate", comment: input.comment, data: { assigneeId: colleague.id, assigneeName: colleague.displayName } }, { assigneeId: colleague.id });
      await emitEvent(tx, "workorder.assigned", `workorder:${o.id}:assignee:${colleague.id}`, workOrderRef(updated), now);
      return;
    }
    case "note":
      await apply(c, { action: "note", comment: input.comment }, {});
      return;
    case "request-pause": {
      await tx.workOrderStop.create({ data: { workOrderId: o.id, kind: "pause", reason: input.reason, status: "requested", requestedById: actor.userId, requestedAt: now } });
      await apply(c, { action: "pause-request", comment: input.reason }, {});
      await emitEvent(tx, "workorder.pause-requested", `workorder:${o.id}:pause:${now.getTime()}`, { ...workOrderRef(o), reason: input.reason }, now);
      return;
    }
    case "approve-pause": {
      // the pause counts from the approval, not from the request
      await tx.workOrderStop.update({ where: { id: requestedStop!.id }, data: { status: "active", approvedById: actor.userId, startedAt: now } });
      await apply(c, { action: "pause-approve", to: "pending", comment: input.comment, data: { reason: requestedStop!.reason } }, {}, [...o.stops.filter((s) => s.id !== requestedStop!.id), { status: "active", startedAt: now, endedAt: null }]);
      return;
    }
    case "reject-pause": {
      await tx.workOrderStop.update({ where: { id: requestedStop!.id }, data: { status: "rejected", approvedById: actor.userId } });
      await apply(c, { action: "pause-reject", comment: input.comment, data: { reason: requestedStop!.reason } }, {});
      return;
    }
    case "pause": {
      await tx.workOrderStop.create({ data: { workOrderId: o.id, kind: "pause", reason: input.reason, status: "active", requestedById: actor.userId, requestedAt: now, approvedById: actor.userId, startedAt: now } });
      await apply(c, { action: "pause", to: "pending", comment: input.reason, data: { resumeTo: o.status } }, {}, [...o.stops, { status: "active", startedAt: now, endedAt: null }]);
      return;
    }
    case "resume": {
      if (liveStop) await tx.workOrderStop.update({ where: { id: liveStop.id }, data: { status: "ended", endedAt: now } });
      const stops = o.stops.map((s) => (s.id === liveStop?.id ? { ...s, status: "ended", endedAt: now } : s));
      await apply(c, { action: "resume", to: o.respondedAt ? "in-progress" : "assigned", comment: input.comment }, {}, stops);
      return;
    }
    case "return":
      await dropPauseRequest();
      await apply(c, { action: "return", to: "new", comment: input.reason }, { assigneeId: null });
      return;
    case "resolve": {
      const late = lateMarks(o, now, "resolution");
      const breached = Boolean(o.responseBreachedAt || o.resolutionBreachedAt || late.resolutionBreachedAt);
      if (breached) {
        if (!input.delayReason) throw fieldError("delayReason", "工单已超时，请选择延误原因");
        if (!c.delayReasons.includes(input.delayReason)) throw fieldError("delayReason", "延误原因不在字典中");
        if (!input.delayNote) throw fieldError("delayNote", "工单已超时，请填写延误说明");
      }
      await dropPauseRequest();
      const updated = await apply(c, { action: "resolve", to: "resolved", comment: input.resolution, data: breached ? { delayReason: input.delayReason!, delayNote: input.delayNote! } : undefined }, {
        resolvedAt: now, resolutionSeconds: usedSeconds(c.cal, o, o.stops, now, now), resolution: input.resolution,
        delayReason: breached ? input.delayReason : null, delayNote: breached ? input.delayNote : null, ...late,
      });
      await emitEvent(tx, "workorder.resolved", `workorder:${o.id}:resolved:${now.getTime()}`, workOrderRef(updated), now);
      return;
    }
    case "confirm":
      await apply(c, { action: "confirm", to: "closed", comment: input.comment }, { closedAt: now });
      return;
    case "reopen": {
      // the time between the resolution and the reopening is not the provider's
      const stop = { status: "ended", startedAt: o.resolvedAt ?? now, endedAt: now };
      await tx.workOrderStop.create({ data: { workOrderId: o.id, kind: "resolved", reason: input.reason, status: "ended", requestedById: actor.userId, requestedAt: now, approvedById: actor.userId, startedAt: stop.startedAt, endedAt: now } });
      const updated = await apply(c, { action: "reopen", to: "in-progress", comment: input.reason }, { resolvedAt: null, resolutionSeconds: null, closedAt: null }, [...o.stops, stop]);
      await emitEvent(tx, "workorder.reopened", `workorder:${o.id}:reopened:${now.getTime()}`, { ...workOrderRef(updated), reason: input.reason }, now);
      return;
    }
    case "change-severity": {
      if (input.severity === o.severity) throw fieldError("severity", "级别未改变");
      const p = c.policy!;
      // the order keeps its clock: the time used so far is measured on it, and another clock would re-measure it
      // (a working-time order raised to a 24x7 policy would count every night and weekend since its opening)
      const targets = { clock: o.clock, responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes, warnShare: p.warnShare };
      // a warning already sent goes out again when the new targets move it into the future
      const warn = warnTimes(c.cal, { ...o, ...targets }, o.stops, now);
      const data: Prisma.WorkOrderUncheckedUpdateInput = {
        severity: input.severity, ...targets, reviewRequired: o.reviewRequired || input.severity === "p1",
        ...(o.responseWarnedAt && !o.responseBreachedAt && !o.respondedAt && warn.response > now ? { responseWarnedAt: null } : {}),
        ...(o.resolutionWarnedAt && !o.resolutionBreachedAt && warn.resolution > now ? { resolutionWarnedAt: null } : {}),
      };
      await apply(c, { action: "severity", comment: input.comment, data: { from: o.severity, to: input.severity, responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes } }, data);
      await recordAudit(tx, { actor: auditActorOf(actor), action: "workorder.severity", entity: "work-order", entityId: o.id, summary: `工单 ${o.number} 级别由${SEVERITY_NAMES[o.severity as Severity] ?? o.severity}调整为${SEVERITY_NAMES[input.severity]}`, before: { severity: o.severity }, after: { severity: input.severity } });
      return;
    }
    case "cancel": {
      if (liveStop) await tx.workOrderStop.update({ where: { id: liveStop.id }, data: { status: "ended", endedAt: now } });
      if (requestedStop) await tx.workOrderStop.update({ where: { id: requestedStop.id }, data: { status: "rejected" } });
      await apply(c, { action: "cancel", to: "cancelled", comment: input.reason }, { closedAt: now });
      await recordAudit(tx, { actor: auditActorOf(actor), action: "workorder.cancel", entity: "work-order", entityId: o.id, summary: `取消工单 ${o.number}：${input.reason}`, before: { status: o.status }, after: { status: "cancelled" } });
      return;
    }
    case "review":
      await apply(c, { action: "review", comment: input.reviewNote }, { reviewNote: input.reviewNote, reviewedAt: now });
      return;
  }
}

/**
 * Takes one step on a work order: the order is locked (two concurrent steps never both apply), read again
 * within the actor's scope, the step checked against who they are and the order's state, then applied with
 * its timeline entry and events in the same transaction.
 */
export async function performWorkOrderAction(db: Db, actor: Actor, id: number, raw: WorkOrderActionInput, now = new Date()): Promise<{ id: number; number: string; status: string }> {
  const input = workOrderActionSchema.parse(raw);
  const orderId = z.number().int().positive().parse(id);
  // read before the transaction (they take their own connections): what the step may need
  const visible = await findVisibleWorkOrder(db, actor, orderId);
  const [cal, policy, delayReasons] = await Promise.all([
    loadWorkingCalendar(db),
    input.action === "change-severity" ? policyFor(db, visible.kind as WorkOrderKind, input.severity) : null,
    input.action === "resolve" ? listDictionaryEntries(db, "delay-reason", { enabledOnly: true }).then((e) => e.map((x) => x.code)) : [],
  ]);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM work_order WHERE id = ${orderId} FOR UPDATE`;
    const order = await findVisibleWorkOrder(tx, actor, orderId);
    const refusal = refusalOf(actor, order, input.action);
    if (refusal) throw new AppError(refusal.startsWith("您没有") ? "workorder.forbidden" : "workorder.state", refusal, undefined, refusal.startsWith("您没有") ? 403 : 409);
    await act({ tx, actor, by: stepActorOf(actor), order, cal, now, policy, delayReasons }, input);
    const after = await tx.workOrder.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, number: true, status: true } });
    return after;
  });
}

/** System steps (an alarm's clear) on a locked order, outside the people's rules. */
export async function lockedOrder(tx: Tx, id: number) {
  await tx.$queryRaw`SELECT id FROM work_order WHERE id = ${id} FOR UPDATE`;
  return tx.workOrder.findUnique({ where: { id }, include: { stops: { orderBy: { id: "asc" } } } });
}
