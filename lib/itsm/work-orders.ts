import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere } from "../auth/scope";
import type { Db } from "../db";
import { AppError } from "../errors";
import { emitEvent, type WorkOrderRef } from "../events/emit-event";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import { loadWorkingCalendar } from "../sla/calendar";
import type { WorkingCalendar } from "../sla/clock";
import { policyFor } from "../sla/policies";
import { getTemplate, validateTemplateFields } from "../sla/templates";
import { isMonth, monthStart, nextMonth } from "../time/shanghai";
import { OPEN_WORK_ORDER_STATUSES, SEVERITIES, WORK_ORDER_KINDS, WORK_ORDER_STATUSES, type Severity, type WorkOrderKind } from "./codes";
import { computeDues, slaStateOf, type SlaState } from "./sla-times";
import { addTicketEvent, stepActorOf, type StepActor } from "./timeline";
import { nextTicketNumber } from "./numbers";

type Tx = Prisma.TransactionClient;
export type Policy = Awaited<ReturnType<typeof policyFor>>;

export const workOrderNotFound = () => new AppError("workorder.not-found", "工单不存在或您无权查看", undefined, 404);

/** The event payload of a work order: enough for the message rules to pick recipients without another query. */
export const workOrderRef = (o: { id: number; number: string; title: string; kind: string; severity: string; providerId: number; departmentId: number | null; assigneeId: number | null; requesterId: number | null }): WorkOrderRef => ({
  workOrderId: o.id, number: o.number, title: o.title, kind: o.kind, severity: o.severity, providerId: o.providerId, departmentId: o.departmentId,
  assigneeId: o.assigneeId, requesterId: o.requesterId,
});

export type OpenWorkOrderInput = {
  kind: WorkOrderKind; templateCode: string | null; title: string; description: string; fields: Record<string, unknown>; severity: Severity;
  providerId: number; departmentId: number | null; requestId?: number | null; alarmId?: number | null; requesterId?: number | null; createdById?: number | null;
  comment?: string | null;
};

/**
 * Opens a work order assigned to its provider, in the caller's transaction: a number, the policy's targets copied,
 * the due times from now, the first step on its timeline and the assignment event. Major (p1) orders need a review.
 */
export async function openWorkOrder(tx: Tx, cal: WorkingCalendar, policy: Policy, input: OpenWorkOrderInput, by: StepActor, now: Date) {
  const number = await nextTicketNumber(tx, "WO", now);
  const targets = { clock: policy.clock, responseMinutes: policy.responseMinutes, resolutionMinutes: policy.resolutionMinutes, openedAt: now };
  const dues = computeDues(cal, targets, [], now);
  const order = await tx.workOrder.create({
    data: {
      number, kind: input.kind, templateCode: input.templateCode, title: input.title, description: input.description, fields: input.fields as Prisma.InputJsonValue,
      severity: input.severity, status: "assigned", providerId: input.providerId, departmentId: input.departmentId, requestId: input.requestId ?? null,
      alarmId: input.alarmId ?? null, requesterId: input.requesterId ?? null, createdById: input.createdById ?? null,
      ...targets, warnShare: policy.warnShare, ...dues, reviewRequired: input.severity === "p1", createdAt: now, updatedAt: now,
    },
  });
  await addTicketEvent(tx, { workOrderId: order.id, actor: by, action: "create", to: "assigned", comment: input.comment ?? null, data: { providerId: input.providerId, severity: input.severity }, at: now });
  await emitEvent(tx, "workorder.assigned", `workorder:${order.id}:provider:${input.providerId}`, workOrderRef(order), now);
  return order;
}

const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 个字符`);

export const createWorkOrderSchema = z.object({
  kind: z.enum(WORK_ORDER_KINDS, { error: "请选择工单类型" }),
  templateCode: z.string().trim().max(64).nullish(),
  title: text(200, "标题"),
  description: text(5000, "描述"),
  fields: z.record(z.string(), z.unknown()).default({}),
  severity: z.enum(SEVERITIES, { error: "请选择级别" }),
  providerId: z.number({ error: "请选择服务商" }).int().positive(),
  departmentId: z.number().int().positive().nullish(),
  attachmentIds: z.array(z.number().int().positive()).max(20).default([]),
});
export type CreateWorkOrderInput = z.input<typeof createWorkOrderSchema>;

/** The supervisor opens a work order directly (an inspection, a consultation ...), assigned to a provider at once. */
export async function createWorkOrder(db: Db, actor: Actor, raw: CreateWorkOrderInput, now = new Date()): Promise<{ id: number; number: string }> {
  if (!can(actor, "itsm.workorder.manage")) throw new AppError("workorder.forbidden", "您没有创建工单的权限", undefined, 403);
  const input = createWorkOrderSchema.parse(raw);
  const fieldError = (field: string, message: string) => new AppError("workorder.invalid", message, { fieldErrors: { [field]: [message] } });
  if (!(await db.provider.findUnique({ where: { id: input.providerId } }))) throw fieldError("providerId", "服务商不存在");
  if (input.departmentId && !(await db.department.findUnique({ where: { id: input.departmentId } }))) throw fieldError("departmentId", "单位不存在");
  let fields: Record<string, unknown> = {};
  if (input.templateCode) {
    const template = await getTemplate(db, input.templateCode);
    if (!template || !template.enabled || template.kind !== input.kind) throw fieldError("templateCode", "模板不存在、已停用或与工单类型不符");
    fields = validateTemplateFields(template, input.fields);
  }
  const [cal, policy] = await Promise.all([loadWorkingCalendar(db), policyFor(db, input.kind, input.severity)]);
  return db.$transaction(async (tx) => {
    const order = await openWorkOrder(tx, cal, policy, {
      kind: input.kind, templateCode: input.templateCode ?? null, title: input.title, description: input.description, fields, severity: input.severity,
      providerId: input.providerId, departmentId: input.departmentId ?? null, createdById: actor.userId,
    }, stepActorOf(actor), now);
    if (input.attachmentIds.length) {
      await tx.attachment.updateMany({ where: { id: { in: input.attachmentIds }, uploadedById: actor.userId, requestId: null, workOrderId: null }, data: { workOrderId: order.id } });
    }
    await recordAudit(tx, { actor: auditActorOf(actor), action: "workorder.create", entity: "work-order", entityId: order.id, summary: `创建工单 ${order.number}《${order.title}》`, after: { number: order.number, kind: order.kind, severity: order.severity, providerId: order.providerId } });
    return { id: order.id, number: order.number };
  });
}

export const WORK_ORDER_TABS = ["todo", "open", "overdue", "all"] as const;
export type WorkOrderTab = (typeof WORK_ORDER_TABS)[number];
const one = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v === "" ? undefined : v), s.optional());
const many = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : [v]), z.array(s).optional());

export const workOrderQuerySchema = z.object({
  tab: one(z.enum(WORK_ORDER_TABS)),
  kind: many(z.enum(WORK_ORDER_KINDS)),
  severity: many(z.enum(SEVERITIES)),
  status: many(z.enum(WORK_ORDER_STATUSES)),
  provider: one(z.coerce.number().int().positive()),
  department: one(z.coerce.number().int().positive()),
  /** opened in this Shanghai month */
  month: one(z.string().refine(isMonth, "月份格式为 YYYY-MM")),
  /** 1: a response or resolution target was breached */
  breached: one(z.enum(["1"])),
  delayReason: one(z.string().trim().max(32)),
  /** pending: a review is required and not written yet */
  review: one(z.enum(["pending"])),
  q: one(z.string().trim().max(100)),
  sort: one(z.enum(["openedAt", "resolutionDueAt", "severity", "number", "updatedAt"])),
  order: one(z.enum(["asc", "desc"])),
  page: one(z.coerce.number().int().positive()),
  pageSize: one(z.coerce.number().int().min(1).max(200)),
});
export type WorkOrderQuery = z.input<typeof workOrderQuerySchema>;
export type ParsedWorkOrderQuery = z.output<typeof workOrderQuerySchema>;

const OPEN = [...OPEN_WORK_ORDER_STATUSES];

/** Open orders that are late now: past a due time while the clock runs, or already marked breached. */
export function overdueWhere(now: Date): Prisma.WorkOrderWhereInput {
  return {
    status: { in: OPEN },
    OR: [
      { resolutionBreachedAt: { not: null } },
      { status: { not: "pending" }, resolutionDueAt: { lte: now } },
      { respondedAt: null, OR: [{ responseBreachedAt: { not: null } }, { status: { not: "pending" }, responseDueAt: { lte: now } }] },
    ],
  };
}

/** What awaits this actor: to assign, pauses to decide, escalated breaches and reviews to write (supervisor); to accept and work on (provider); to confirm (requester). */
export function todoWhere(actor: Actor): Prisma.WorkOrderWhereInput {
  const any: Prisma.WorkOrderWhereInput[] = [];
  if (can(actor, "itsm.workorder.manage")) {
    any.push({ status: "new" }, { status: { in: OPEN }, stops: { some: { status: "requested" } } }, { status: "resolved", requesterId: null },
      { status: { in: OPEN }, OR: [{ responseBreachedAt: { not: null }, respondedAt: null }, { resolutionBreachedAt: { not: null } }] },
      { reviewRequired: true, reviewNote: null, status: { in: ["resolved", "closed"] } });
  }
  if (can(actor, "itsm.workorder.handle") && actor.providerId) {
    any.push({ providerId: actor.providerId, status: { in: ["assigned", "in-progress", "pending"] }, OR: [{ assigneeId: null }, { assigneeId: actor.userId }] });
  }
  if (can(actor, "itsm.request.submit")) any.push({ status: "resolved", requesterId: { not: null } });
  return any.length ? { OR: any } : { id: { in: [] } };
}

export function workOrderWhere(actor: Actor, q: ParsedWorkOrderQuery, now: Date): Prisma.WorkOrderWhereInput {
  const tab = q.tab ?? "all";
  const and: Prisma.WorkOrderWhereInput[] = [orgWhere(actor.scope)];
  if (tab === "todo") and.push(todoWhere(actor));
  if (tab === "open") and.push({ status: { in: OPEN } });
  if (tab === "overdue") and.push(overdueWhere(now));
  if (q.kind?.length) and.push({ kind: { in: q.kind } });
  if (q.severity?.length) and.push({ severity: { in: q.severity } });
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.provider) and.push({ providerId: q.provider });
  if (q.department) and.push({ departmentId: q.department });
  if (q.month) and.push({ openedAt: { gte: new Date(monthStart(q.month)), lt: new Date(monthStart(nextMonth(q.month))) } });
  if (q.breached) and.push({ OR: [{ responseBreachedAt: { not: null } }, { resolutionBreachedAt: { not: null } }] });
  if (q.delayReason) and.push({ delayReason: q.delayReason });
  if (q.review) and.push({ reviewRequired: true, reviewNote: null });
  if (q.q) and.push({ OR: [{ number: { contains: q.q, mode: "insensitive" } }, { title: { contains: q.q, mode: "insensitive" } }, { description: { contains: q.q, mode: "insensitive" } }] });
  return { AND: and };
}

export type WorkOrderRow = {
  id: number; number: string; kind: string; title: string; severity: string; status: string; providerId: number; providerName: string;
  departmentId: number | null; departmentName: string | null; assigneeName: string | null; openedAt: string; respondedAt: string | null; resolvedAt: string | null;
  closedAt: string | null; responseDueAt: string; resolutionDueAt: string; responseBreached: boolean; resolutionBreached: boolean; delayReason: string | null;
  reviewRequired: boolean; reviewed: boolean; pauseRequested: boolean; requestId: number | null; alarmId: number | null; sla: SlaState;
};

type OrderWithStops = Prisma.WorkOrderGetPayload<{ include: { stops: true } }>;

async function namesOf(db: Db, orders: { providerId: number; departmentId: number | null; assigneeId: number | null }[]) {
  const ids = (pick: (o: (typeof orders)[number]) => number | null) => [...new Set(orders.map(pick).filter((v): v is number => v !== null))];
  const [providers, departments, users] = await Promise.all([
    db.provider.findMany({ where: { id: { in: ids((o) => o.providerId) } }, select: { id: true, name: true } }),
    db.department.findMany({ where: { id: { in: ids((o) => o.departmentId) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids((o) => o.assigneeId) } }, select: { id: true, displayName: true } }),
  ]);
  return {
    provider: new Map(providers.map((p) => [p.id, p.name])),
    department: new Map(departments.map((d) => [d.id, d.name])),
    user: new Map(users.map((u) => [u.id, u.displayName])),
  };
}

function rowsOf(cal: WorkingCalendar, orders: OrderWithStops[], names: Awaited<ReturnType<typeof namesOf>>, now: Date): WorkOrderRow[] {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return orders.map((o) => ({
    id: o.id, number: o.number, kind: o.kind, title: o.title, severity: o.severity, status: o.status, providerId: o.providerId,
    providerName: names.provider.get(o.providerId) ?? String(o.providerId), departmentId: o.departmentId,
    departmentName: o.departmentId ? names.department.get(o.departmentId) ?? null : null, assigneeName: o.assigneeId ? names.user.get(o.assigneeId) ?? null : null,
    openedAt: o.openedAt.toISOString(), respondedAt: iso(o.respondedAt), resolvedAt: iso(o.resolvedAt), closedAt: iso(o.closedAt),
    responseDueAt: o.responseDueAt.toISOString(), resolutionDueAt: o.resolutionDueAt.toISOString(),
    responseBreached: o.responseBreachedAt !== null, resolutionBreached: o.resolutionBreachedAt !== null, delayReason: o.delayReason,
    reviewRequired: o.reviewRequired, reviewed: o.reviewNote !== null, pauseRequested: o.stops.some((s) => s.status === "requested"),
    requestId: o.requestId, alarmId: o.alarmId, sla: slaStateOf(cal, o, o.stops, now),
  }));
}

export function requireWorkOrderReader(actor: Actor) {
  if (!can(actor, "itsm.workorder.read")) throw new AppError("workorder.forbidden", "您没有查看工单的权限", undefined, 403);
}

function orderByOf(q: ParsedWorkOrderQuery): Prisma.WorkOrderOrderByWithRelationInput[] {
  const order = q.order ?? (q.sort === "resolutionDueAt" || q.sort === "severity" ? "asc" : "desc");
  return [{ [q.sort ?? "openedAt"]: order }, { id: order }];
}

/** The work orders the actor may see, with the page's filters, sort and page; each row with its running SLA target. */
export async function listWorkOrders(db: Db, actor: Actor, raw: WorkOrderQuery, now = new Date()): Promise<{ rows: WorkOrderRow[]; total: number }> {
  requireWorkOrderReader(actor);
  const q = workOrderQuerySchema.parse(raw);
  const where = workOrderWhere(actor, q, now);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [orders, total, cal] = await Promise.all([
    db.workOrder.findMany({ where, include: { stops: true }, orderBy: orderByOf(q), skip: (page - 1) * pageSize, take: pageSize }),
    db.workOrder.count({ where }),
    loadWorkingCalendar(db),
  ]);
  return { total, rows: rowsOf(cal, orders, await namesOf(db, orders), now) };
}

/** Every matching order (no paging) for the export, newest first unless sorted. */
export async function listAllWorkOrders(db: Db, actor: Actor, raw: WorkOrderQuery, now = new Date(), limit = 20_000): Promise<WorkOrderRow[]> {
  requireWorkOrderReader(actor);
  const q = workOrderQuerySchema.parse(raw);
  const [orders, cal] = await Promise.all([
    db.workOrder.findMany({ where: workOrderWhere(actor, q, now), include: { stops: true }, orderBy: orderByOf(q), take: limit }),
    loadWorkingCalendar(db),
  ]);
  return rowsOf(cal, orders, await namesOf(db, orders), now);
}

export type ProviderSummaryRow = { providerId: number; providerName: string; open: number; overdue: number; pending: number };

/** Open and overdue orders per provider, within the actor's scope. */
export async function workOrderSummaryByProvider(db: Db, actor: Actor, now = new Date()): Promise<ProviderSummaryRow[]> {
  requireWorkOrderReader(actor);
  const scope = orgWhere(actor.scope);
  const [open, overdue, pending] = await Promise.all([
    db.workOrder.groupBy({ by: ["providerId"], where: { AND: [scope, { status: { in: OPEN } }] }, _count: { _all: true } }),
    db.workOrder.groupBy({ by: ["providerId"], where: { AND: [scope, overdueWhere(now)] }, _count: { _all: true } }),
    db.workOrder.groupBy({ by: ["providerId"], where: { AND: [scope, { status: "pending" }] }, _count: { _all: true } }),
  ]);
  const ids = [...new Set(open.map((r) => r.providerId))];
  const providers = await db.provider.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { code: "asc" } });
  const count = (rows: { providerId: number; _count: { _all: number } }[], id: number) => rows.find((r) => r.providerId === id)?._count._all ?? 0;
  return providers.map((p) => ({ providerId: p.id, providerName: p.name, open: count(open, p.id), overdue: count(overdue, p.id), pending: count(pending, p.id) }));
}

/** One order as the actor may see it (not found when out of scope), with its stops. */
export async function findVisibleWorkOrder(db: Db | Tx, actor: Actor, id: number) {
  const order = await db.workOrder.findFirst({ where: { id: z.number().int().positive().parse(id), ...orgWhere(actor.scope) }, include: { stops: { orderBy: { id: "asc" } } } });
  if (!order) throw workOrderNotFound();
  return order;
}

export { namesOf as workOrderNamesOf, rowsOf as workOrderRowsOf };
