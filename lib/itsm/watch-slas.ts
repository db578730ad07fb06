import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { emitEvent } from "../events/emit-event";
import { loadWorkingCalendar } from "../sla/calendar";
import { computeDues, warnTimes, type SlaTarget } from "./sla-times";
import { addTicketEvent, SYSTEM_STEP } from "./timeline";
import { workOrderRef } from "./work-orders";

/** The clock runs in these; a pending order is never warned or breached. */
const RUNNING = ["new", "assigned", "in-progress"];

const COLUMNS = {
  response: { warned: "responseWarnedAt", breached: "responseBreachedAt", due: "responseDueAt", done: "respondedAt" },
  resolution: { warned: "resolutionWarnedAt", breached: "resolutionBreachedAt", due: "resolutionDueAt", done: "resolvedAt" },
} as const;

/**
 * The SLA watcher (run by the workers' operations tick): early warnings at the policy's share of a target,
 * breaches marked and escalated once each. Safe to run at any interval and concurrently: each mark is a
 * conditional UPDATE (... WHERE warned_at IS NULL) whose winner alone writes the timeline step and the event.
 */
export async function watchSlas(db: Db, now: Date): Promise<{ warned: number; breached: number }> {
  const candidates = await db.workOrder.findMany({
    where: {
      status: { in: RUNNING },
      OR: [
        { respondedAt: null, OR: [{ responseWarnedAt: null }, { responseBreachedAt: null }] },
        { resolvedAt: null, OR: [{ resolutionWarnedAt: null }, { resolutionBreachedAt: null }] },
      ],
    },
    include: { stops: true },
  });
  const result = { warned: 0, breached: 0 };
  if (!candidates.length) return result;
  const cal = await loadWorkingCalendar(db);
  for (const o of candidates) {
    // recomputed, not read: the calendar may have changed since the order was last touched
    const dues = computeDues(cal, o, o.stops, now);
    const warns = warnTimes(cal, o, o.stops, now);
    for (const target of ["response", "resolution"] as const) {
      const c = COLUMNS[target];
      if (o[c.done]) continue;
      const due = target === "response" ? dues.responseDueAt : dues.resolutionDueAt;
      if (!o[c.breached] && now >= due) {
        if (await mark(db, o, target, "breach", due, now)) result.breached++;
      } else if (!o[c.warned] && !o[c.breached] && now >= warns[target]) {
        if (await mark(db, o, target, "warning", due, now)) result.warned++;
      }
    }
  }
  return result;
}

type Candidate = Prisma.WorkOrderGetPayload<{ include: { stops: true } }>;

async function mark(db: Db, o: Candidate, target: SlaTarget, kind: "warning" | "breach", due: Date, now: Date): Promise<boolean> {
  const c = COLUMNS[target];
  return db.$transaction(async (tx) => {
    const where: Prisma.WorkOrderWhereInput = { id: o.id, status: { in: RUNNING }, [c.done]: null, [kind === "warning" ? c.warned : c.breached]: null };
    // a breach found before its warning went out silences the warning: it would only arrive after the fact
    const data: Prisma.WorkOrderUpdateManyMutationInput = kind === "warning"
      ? { [c.warned]: now }
      : { [c.breached]: now, [c.warned]: o[c.warned] ?? now, [c.due]: due, escalationLevel: { increment: 1 }, reviewRequired: true };
    const { count } = await tx.workOrder.updateMany({ where, data });
    if (!count) return false;
    const fresh = await tx.workOrder.findUniqueOrThrow({ where: { id: o.id } });
    await addTicketEvent(tx, {
      workOrderId: o.id, actor: SYSTEM_STEP, action: kind, comment: null, data: { target, dueAt: due.toISOString(), level: fresh.escalationLevel }, at: now,
    });
    await emitEvent(tx, kind === "warning" ? "workorder.warning" : "workorder.breached", `workorder:${o.id}:${target}`, { ...workOrderRef(fresh), target, dueAt: due.toISOString() }, now);
    return true;
  });
}
