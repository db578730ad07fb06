import type pg from "pg";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { emitEvent } from "../events/emit-event";
import { isMonth, monthStart, nextMonth } from "../time/shanghai";
import { rerateUsage } from "../metering/rerate-usage";
import { refreshBills } from "./refresh-bills";

function check(actor: Actor, month: string) {
  if (!can(actor, "billing.close")) throw new AppError("auth.forbidden", "您没有月结权限", undefined, 403);
  if (!isMonth(month)) throw new AppError("billing.month", "月份格式为 YYYY-MM");
}

/**
 * Closes a billing month (月结): its bills are rebuilt once more from the usage as it stands, then frozen. A month
 * can close only once it has ended in Shanghai.
 */
export async function closeMonth(ctx: { db: Db; pool: pg.Pool }, actor: Actor, month: string, now = Date.now()): Promise<{ bills: number; net: string }> {
  check(actor, month);
  if (monthStart(nextMonth(month)) > now) throw new AppError("billing.month-open", `${month} 尚未结束，不能月结`);
  await refreshBills(ctx, month);
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bills:' || ${month}))`;
    if (await tx.billingMonth.findUnique({ where: { month } })) throw new AppError("billing.closed", `${month} 已月结`);
    const totals = await tx.bill.aggregate({ where: { month }, _sum: { net: true, gross: true }, _count: true });
    await tx.billingMonth.create({ data: { month, closedAt: new Date(now), closedById: actor.userId, closedBy: actor.displayName } });
    // the bills are final now: each department is told its bill is ready
    const bills = await tx.bill.findMany({ where: { month }, select: { departmentId: true, net: true, department: { select: { name: true } } }, orderBy: { departmentId: "asc" } });
    for (const b of bills) await emitEvent(tx, "bill.ready", `bill:${month}:${b.departmentId}`, { month, departmentId: b.departmentId, departmentName: b.department.name, net: b.net.toFixed(2) }, new Date(now));
    const net = totals._sum.net?.toFixed(2) ?? "0.00";
    await recordAudit(tx, { actor: auditActorOf(actor), action: "billing.close", entity: "billing-month", entityId: month, summary: `${month} 月结：${totals._count} 张账单，折后合计 ¥${net}`, after: { bills: totals._count, gross: totals._sum.gross?.toFixed(2) ?? "0.00", net } });
    return { bills: totals._count, net };
  });
}

/** Reopens a closed month: its usage is rated again with the current prices and mappings and its bills rebuilt; audited. */
export async function reopenMonth(ctx: { db: Db; pool: pg.Pool }, actor: Actor, month: string, reason: string): Promise<void> {
  check(actor, month);
  if (!reason.trim()) throw new AppError("billing.reason", "请填写重开原因", { fieldErrors: { reason: ["请填写重开原因"] } });
  await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bills:' || ${month}))`;
    const closed = await tx.billingMonth.findUnique({ where: { month } });
    if (!closed) throw new AppError("billing.not-closed", `${month} 未月结`);
    await tx.billingMonth.delete({ where: { month } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "billing.reopen", entity: "billing-month", entityId: month, summary: `${month} 重开账期：${reason.trim()}`, before: closed });
  });
  // what changed while it was closed (prices, mappings) reaches it now; the rebuild also applies today's discounts
  await rerateUsage(ctx, { month });
  await refreshBills(ctx, month);
}
