import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere } from "../auth/scope";
import { asDbDate } from "../catalog/price-item-schema";
import { todayShanghai } from "../catalog/plan-catalog-import";
import type { Db } from "../db";
import { AppError } from "../errors";
import { emitEvent, type RequestRef } from "../events/emit-event";
import { loadWorkingCalendar } from "../sla/calendar";
import { policyFor } from "../sla/policies";
import { getTemplate, validateTemplateFields } from "../sla/templates";
import { listDictionaryEntries } from "../system/dictionaries";
import { REQUEST_KINDS, REQUEST_STATUSES, SEVERITIES, type RequestStatus, type Severity, type WorkOrderKind } from "./codes";
import { nextTicketNumber } from "./numbers";
import { addTicketEvent, stepActorOf } from "./timeline";
import { openWorkOrder } from "./work-orders";

type Tx = Prisma.TransactionClient;

/** The template kinds a catalog request can take (opening a service, or changing one); a fault report takes the fault templates. */
export const SERVICE_TEMPLATE_KINDS = ["provisioning", "change"] as const satisfies readonly WorkOrderKind[];
/**
 * A fault report's category (from the fault-category dictionary, so that new categories apply at once) lives in its
 * fields under this key: the key the default fault template gives its category, which the dictionary supersedes.
 */
export const FAULT_CATEGORY_FIELD = "category";
/** The template field a catalog request's quantity fills. */
export const SERVICE_QUANTITY_FIELD = "quantity";

const text = (max: number, what: string) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 个字符`);
const quantity = z.union([z.number(), z.string().trim()], { error: "请填写数量" }).transform((v, ctx) => {
  const s = String(v);
  if (!/^\d{1,14}(\.\d{1,6})?$/.test(s) || Number(s) <= 0) { ctx.addIssue({ code: "custom", message: "数量须为大于 0 的数（最多 6 位小数）" }); return z.NEVER; }
  return s;
});

const common = {
  title: text(200, "标题"),
  description: text(5000, "描述"),
  templateCode: z.string({ error: "请选择模板" }).trim().min(1, "请选择模板").max(64),
  fields: z.record(z.string(), z.unknown()).default({}),
  attachmentIds: z.array(z.number().int().positive()).max(20, "最多 20 个附件").default([]),
};

export const submitRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("service"), ...common,
    priceItemId: z.number({ error: "请选择服务" }).int().positive(),
    quantity,
    severity: z.enum(SEVERITIES, { error: "请选择紧急程度" }).default("p3"),
  }),
  z.object({
    kind: z.literal("fault"), ...common,
    providerId: z.number({ error: "请选择服务商" }).int().positive(),
    faultCategory: z.string({ error: "请选择故障类别" }).trim().min(1, "请选择故障类别").max(32),
    severity: z.enum(SEVERITIES, { error: "请选择级别" }),
  }),
], { error: "请选择申请类型" });
export type SubmitRequestInput = z.input<typeof submitRequestSchema>;
type Submission = z.output<typeof submitRequestSchema>;

const fieldError = (field: string, message: string) => new AppError("request.invalid", message, { fieldErrors: { [field]: [message] } });
export const requestNotFound = () => new AppError("request.not-found", "申请不存在或您无权查看", undefined, 404);

const requestRef = (r: { id: number; number: string; title: string; departmentId: number; providerId: number; requesterId: number }): RequestRef => ({
  requestId: r.id, number: r.number, title: r.title, departmentId: r.departmentId, providerId: r.providerId, requesterId: r.requesterId,
});

function requireSubmitter(actor: Actor): number {
  if (!can(actor, "itsm.request.submit")) throw new AppError("request.forbidden", "您没有提交服务申请的权限", undefined, 403);
  if (!actor.departmentId) throw new AppError("request.forbidden", "您的账号没有所属单位，不能提交申请", undefined, 403);
  return actor.departmentId;
}

/** The checked columns of a submission: the price item in force (its provider), or the chosen provider; the template's fields. */
async function resolveSubmission(db: Db, s: Submission, now: Date) {
  const template = await getTemplate(db, s.templateCode);
  const kinds: readonly string[] = s.kind === "service" ? SERVICE_TEMPLATE_KINDS : ["fault"];
  if (!template || !template.enabled || !kinds.includes(template.kind)) throw fieldError("templateCode", s.kind === "service" ? "请选择开通或变更类的模板" : "请选择故障类的模板");
  const own = s.kind === "fault" ? { fields: template.fields.filter((f) => f.key !== FAULT_CATEGORY_FIELD) } : template;
  // a catalog request's quantity is the template's quantity field too, when it has one (asked once in the form)
  const values = s.kind === "service" && template.fields.some((f) => f.key === SERVICE_QUANTITY_FIELD) ? { ...s.fields, [SERVICE_QUANTITY_FIELD]: s.quantity } : s.fields;
  const fields: Record<string, unknown> = { ...validateTemplateFields(own, values) };
  if (s.kind === "service") {
    const today = asDbDate(todayShanghai(now.getTime()));
    const item = await db.priceItem.findFirst({ where: { id: s.priceItemId, status: "published", validFrom: { lte: today }, OR: [{ validTo: null }, { validTo: { gt: today } }] } });
    if (!item) throw fieldError("priceItemId", "该服务未发布或不在有效期内");
    return { template, fields, providerId: item.providerId, priceItemId: item.id, quantity: s.quantity };
  }
  if (!(await db.provider.findUnique({ where: { id: s.providerId } }))) throw fieldError("providerId", "服务商不存在");
  const categories = (await listDictionaryEntries(db, "fault-category", { enabledOnly: true })).map((e) => e.code);
  if (!categories.includes(s.faultCategory)) throw fieldError("faultCategory", "故障类别不在字典中");
  fields[FAULT_CATEGORY_FIELD] = s.faultCategory;
  return { template, fields, providerId: s.providerId, priceItemId: null, quantity: null };
}

async function linkAttachments(tx: Tx, actor: Actor, requestId: number, ids: number[]) {
  if (ids.length) await tx.attachment.updateMany({ where: { id: { in: ids }, uploadedById: actor.userId, requestId: null, workOrderId: null }, data: { requestId } });
}

/** A tenant submits a catalog service request or a fault report for their department; the supervisor reviews it. */
export async function submitRequest(db: Db, actor: Actor, raw: SubmitRequestInput, now = new Date()): Promise<{ id: number; number: string }> {
  const departmentId = requireSubmitter(actor);
  const s = submitRequestSchema.parse(raw);
  const r = await resolveSubmission(db, s, now);
  return db.$transaction(async (tx) => {
    const number = await nextTicketNumber(tx, "SR", now);
    const request = await tx.serviceRequest.create({
      data: {
        number, kind: s.kind, templateCode: r.template.code, title: s.title, description: s.description, fields: r.fields as Prisma.InputJsonValue, severity: s.severity,
        priceItemId: r.priceItemId, quantity: r.quantity, departmentId, providerId: r.providerId, requesterId: actor.userId, status: "submitted", createdAt: now, updatedAt: now,
      },
    });
    await linkAttachments(tx, actor, request.id, s.attachmentIds);
    await addTicketEvent(tx, { requestId: request.id, actor: stepActorOf(actor), action: "submit", to: "submitted", at: now });
    await emitEvent(tx, "request.submitted", `request:${request.id}`, requestRef(request), now);
    return { id: request.id, number: request.number };
  });
}

/** Locks a request and reads it again within the actor's scope. */
async function lockedRequest(tx: Tx, actor: Actor, id: number) {
  await tx.$queryRaw`SELECT id FROM service_request WHERE id = ${id} FOR UPDATE`;
  const r = await tx.serviceRequest.findFirst({ where: { id, ...orgWhere(actor.scope) } });
  if (!r) throw requestNotFound();
  return r;
}

const STATUS_NAMES: Record<string, string> = { submitted: "待审核", returned: "已退回", rejected: "已驳回", approved: "已通过", cancelled: "已撤销" };
function requireStatus(r: { status: string }, allowed: RequestStatus[], what: string) {
  if (!allowed.includes(r.status as RequestStatus)) throw new AppError("request.state", `申请当前状态为“${STATUS_NAMES[r.status] ?? r.status}”，不能${what}`, undefined, 409);
}
function requireOwnDepartment(actor: Actor, r: { departmentId: number }, what: string) {
  if (!can(actor, "itsm.request.submit") || actor.departmentId !== r.departmentId) throw new AppError("request.forbidden", `只有申请单位的用户可以${what}`, undefined, 403);
}

/** The requester's department edits a returned request and submits it again. */
export async function resubmitRequest(db: Db, actor: Actor, id: number, raw: SubmitRequestInput, now = new Date()): Promise<{ id: number; number: string }> {
  requireSubmitter(actor);
  const requestId = z.number().int().positive().parse(id);
  const s = submitRequestSchema.parse(raw);
  const r = await resolveSubmission(db, s, now);
  return db.$transaction(async (tx) => {
    const before = await lockedRequest(tx, actor, requestId);
    requireOwnDepartment(actor, before, "修改申请");
    requireStatus(before, ["returned"], "重新提交");
    if (before.kind !== s.kind) throw fieldError("kind", "申请类型不能修改");
    const after = await tx.serviceRequest.update({
      where: { id: before.id },
      data: {
        templateCode: r.template.code, title: s.title, description: s.description, fields: r.fields as Prisma.InputJsonValue, severity: s.severity,
        priceItemId: r.priceItemId, quantity: r.quantity, providerId: r.providerId, status: "submitted", updatedAt: now,
      },
    });
    await linkAttachments(tx, actor, before.id, s.attachmentIds);
    await addTicketEvent(tx, { requestId: before.id, actor: stepActorOf(actor), action: "resubmit", from: "returned", to: "submitted", at: now });
    await emitEvent(tx, "request.submitted", `request:${before.id}:${now.getTime()}`, requestRef(after), now);
    return { id: after.id, number: after.number };
  });
}

/** The requester's department withdraws a request before it is approved. */
export async function cancelRequest(db: Db, actor: Actor, id: number, comment: string | null = null, now = new Date()): Promise<void> {
  const requestId = z.number().int().positive().parse(id);
  const note = z.string().trim().max(2000).nullable().parse(comment);
  await db.$transaction(async (tx) => {
    const r = await lockedRequest(tx, actor, requestId);
    requireOwnDepartment(actor, r, "撤销申请");
    requireStatus(r, ["submitted", "returned"], "撤销");
    await tx.serviceRequest.update({ where: { id: r.id }, data: { status: "cancelled", updatedAt: now } });
    await addTicketEvent(tx, { requestId: r.id, actor: stepActorOf(actor), action: "cancel", from: r.status, to: "cancelled", comment: note || null, at: now });
  });
}

export const reviewRequestSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approved"), comment: z.string().trim().max(2000, "意见最多 2000 个字符").nullish() }),
  z.object({ decision: z.literal("returned"), comment: text(2000, "退回原因") }),
  z.object({ decision: z.literal("rejected"), comment: text(2000, "驳回原因") }),
], { error: "请选择审核结果" });
export type ReviewRequestInput = z.input<typeof reviewRequestSchema>;

const TEMPLATE_KIND_FALLBACK: Record<string, WorkOrderKind> = { service: "provisioning", fault: "fault" };

/**
 * The supervisor approves (the request becomes a work order for its provider, assigned, on the policy of its kind
 * and severity), returns with a reason (the requester edits and resubmits) or rejects with a reason.
 */
export async function reviewRequest(db: Db, actor: Actor, id: number, raw: ReviewRequestInput, now = new Date()): Promise<{ status: string; workOrderId: number | null; workOrderNumber: string | null }> {
  if (!can(actor, "itsm.request.review")) throw new AppError("request.forbidden", "您没有审核服务申请的权限", undefined, 403);
  const requestId = z.number().int().positive().parse(id);
  const d = reviewRequestSchema.parse(raw);
  const visible = await db.serviceRequest.findFirst({ where: { id: requestId, ...orgWhere(actor.scope) } });
  if (!visible) throw requestNotFound();
  const template = visible.templateCode ? await getTemplate(db, visible.templateCode) : null;
  const kind = (template?.kind as WorkOrderKind | undefined) ?? TEMPLATE_KIND_FALLBACK[visible.kind] ?? "fault";
  const [cal, policy] = d.decision === "approved" ? await Promise.all([loadWorkingCalendar(db), policyFor(db, kind, visible.severity as Severity)]) : [null, null];
  return db.$transaction(async (tx) => {
    const r = await lockedRequest(tx, actor, requestId);
    requireStatus(r, ["submitted"], "审核");
    const comment = d.comment || null;
    const after = await tx.serviceRequest.update({ where: { id: r.id }, data: { status: d.decision, reviewerId: actor.userId, reviewComment: comment, reviewedAt: now, updatedAt: now } });
    const action = { approved: "approve", returned: "return", rejected: "reject" }[d.decision];
    await addTicketEvent(tx, { requestId: r.id, actor: stepActorOf(actor), action, from: r.status, to: d.decision, comment, at: now });
    await emitEvent(tx, "request.reviewed", `request:${r.id}:${d.decision}:${now.getTime()}`, { ...requestRef(after), decision: d.decision, comment }, now);
    if (d.decision !== "approved") return { status: after.status, workOrderId: null, workOrderNumber: null };
    const order = await openWorkOrder(tx, cal!, policy!, {
      kind, templateCode: r.templateCode, title: r.title, description: r.description, fields: (r.fields ?? {}) as Record<string, unknown>, severity: r.severity as Severity,
      providerId: r.providerId, departmentId: r.departmentId, requestId: r.id, requesterId: r.requesterId, createdById: actor.userId,
    }, stepActorOf(actor), now);
    return { status: after.status, workOrderId: order.id, workOrderNumber: order.number };
  });
}

export const requestQuerySchema = z.object({
  status: z.preprocess((v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : [v]), z.array(z.enum(REQUEST_STATUSES)).optional()),
  kind: z.preprocess((v) => (Array.isArray(v) ? v[0] : v === "" ? undefined : v), z.enum(REQUEST_KINDS).optional()),
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().trim().max(100).optional()),
  /** queue: to review first (submitted, then returned ...), newest first within */
  sort: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["queue", "createdAt", "updatedAt"]).optional()),
  order: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["asc", "desc"]).optional()),
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().positive().optional()),
  pageSize: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(100).optional()),
});
export type RequestQuery = z.input<typeof requestQuerySchema>;

export type RequestRow = {
  id: number; number: string; kind: string; title: string; severity: string; status: string; departmentName: string; providerId: number; providerName: string;
  requesterName: string; itemName: string | null; itemCode: string | null; quantity: string | null; unit: string | null; unitPrice: string | null;
  createdAt: string; updatedAt: string; reviewedAt: string | null; reviewerName: string | null; reviewComment: string | null;
  workOrderId: number | null; workOrderNumber: string | null; workOrderStatus: string | null;
};

function requireRequestReader(actor: Actor) {
  if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.request.review") && !can(actor, "itsm.workorder.read")) {
    throw new AppError("request.forbidden", "您没有查看服务申请的权限", undefined, 403);
  }
}

type RequestRecord = Prisma.ServiceRequestGetPayload<{ include: { workOrder: { select: { id: true; number: true; status: true } } } }>;

async function requestRows(db: Db, rows: RequestRecord[]): Promise<RequestRow[]> {
  const ids = (pick: (r: RequestRecord) => number | null) => [...new Set(rows.map(pick).filter((v): v is number => v !== null))];
  const [departments, providers, users, items] = await Promise.all([
    db.department.findMany({ where: { id: { in: ids((r) => r.departmentId) } }, select: { id: true, name: true } }),
    db.provider.findMany({ where: { id: { in: ids((r) => r.providerId) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: [...ids((r) => r.requesterId), ...ids((r) => r.reviewerId)] } }, select: { id: true, displayName: true } }),
    db.priceItem.findMany({ where: { id: { in: ids((r) => r.priceItemId) } }, select: { id: true, itemCode: true, name: true, unit: true, unitPrice: true } }),
  ]);
  const name = <T extends { id: number }>(list: T[], id: number | null, pick: (t: T) => string) => (id === null ? null : (list.find((x) => x.id === id) ? pick(list.find((x) => x.id === id)!) : null));
  return rows.map((r) => {
    const item = items.find((i) => i.id === r.priceItemId);
    return {
      id: r.id, number: r.number, kind: r.kind, title: r.title, severity: r.severity, status: r.status,
      departmentName: name(departments, r.departmentId, (d) => d.name) ?? String(r.departmentId), providerId: r.providerId,
      providerName: name(providers, r.providerId, (p) => p.name) ?? String(r.providerId), requesterName: name(users, r.requesterId, (u) => u.displayName) ?? "",
      itemName: item?.name ?? null, itemCode: item?.itemCode ?? null, quantity: r.quantity?.toString() ?? null, unit: item?.unit ?? null, unitPrice: item?.unitPrice.toString() ?? null,
      createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), reviewedAt: r.reviewedAt?.toISOString() ?? null,
      reviewerName: name(users, r.reviewerId, (u) => u.displayName), reviewComment: r.reviewComment,
      workOrderId: r.workOrder?.id ?? null, workOrderNumber: r.workOrder?.number ?? null, workOrderStatus: r.workOrder?.status ?? null,
    };
  });
}

/** The requests the actor may see: their department's (tenant), everything (supervisor: the review queue first). */
export async function listRequests(db: Db, actor: Actor, raw: RequestQuery): Promise<{ rows: RequestRow[]; total: number }> {
  requireRequestReader(actor);
  const q = requestQuerySchema.parse(raw);
  const where: Prisma.ServiceRequestWhereInput = {
    AND: [
      orgWhere(actor.scope),
      q.status?.length ? { status: { in: q.status } } : {},
      q.kind ? { kind: q.kind } : {},
      q.q ? { OR: [{ number: { contains: q.q, mode: "insensitive" } }, { title: { contains: q.q, mode: "insensitive" } }] } : {},
    ],
  };
  const sort = q.sort ?? "queue";
  const order = q.order ?? "desc";
  // "queue": the status codes sort descending as submitted, returned, rejected, cancelled, approved: the work first
  const orderBy: Prisma.ServiceRequestOrderByWithRelationInput[] = sort === "queue" ? [{ status: "desc" }, { createdAt: "desc" }, { id: "desc" }] : [{ [sort]: order }, { id: order }];
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, total] = await Promise.all([
    db.serviceRequest.findMany({ where, orderBy, skip: (page - 1) * pageSize, take: pageSize, include: { workOrder: { select: { id: true, number: true, status: true } } } }),
    db.serviceRequest.count({ where }),
  ]);
  return { total, rows: await requestRows(db, rows) };
}

/** One request within the actor's scope (not found otherwise), with what its page shows. */
export async function getRequest(db: Db, actor: Actor, id: number) {
  requireRequestReader(actor);
  const r = await db.serviceRequest.findFirst({ where: { id: z.number().int().positive().parse(id), ...orgWhere(actor.scope) }, include: { workOrder: { select: { id: true, number: true, status: true } } } });
  if (!r) throw requestNotFound();
  const [row] = await requestRows(db, [r]);
  return { ...row, description: r.description, templateCode: r.templateCode, fields: (r.fields ?? {}) as Record<string, unknown>, departmentId: r.departmentId, requesterId: r.requesterId, priceItemId: r.priceItemId };
}
export type RequestDetail = Awaited<ReturnType<typeof getRequest>>;

/** Which steps the actor may take on a request now (the buttons; every step checks again). */
export function requestActionsFor(actor: Actor, r: { status: string; departmentId: number }): ("approve" | "return" | "reject" | "resubmit" | "cancel")[] {
  const out: ("approve" | "return" | "reject" | "resubmit" | "cancel")[] = [];
  if (r.status === "submitted" && can(actor, "itsm.request.review")) out.push("approve", "return", "reject");
  const own = can(actor, "itsm.request.submit") && actor.departmentId === r.departmentId;
  if (own && r.status === "returned") out.push("resubmit");
  if (own && (r.status === "submitted" || r.status === "returned")) out.push("cancel");
  return out;
}
