import { dueAt, elapsedMs, warnAt, type ClockStop, type WorkingCalendar } from "../sla/clock";
import type { SlaClock } from "./codes";

/** What the SLA arithmetic needs of a work order. */
export type SlaOrder = {
  clock: string; openedAt: Date; responseMinutes: number; resolutionMinutes: number; warnShare: { toString(): string } | string;
  status: string; respondedAt: Date | null; resolvedAt: Date | null; responseDueAt: Date; resolutionDueAt: Date;
};
/** A work_order_stop row as far as the clock cares. */
export type StopRow = { status: string; startedAt: Date | null; endedAt: Date | null };

export const asClock = (clock: string): SlaClock => (clock === "calendar" ? "calendar" : "working");

/** The intervals in which the clock stood (or stands) still: approved pauses and resolved-then-reopened spans; a running one ends now. */
export function clockStopsOf(stops: readonly StopRow[], now: Date): ClockStop[] {
  return stops
    .filter((s) => s.startedAt && (s.status === "active" || s.status === "ended"))
    .map((s) => ({ start: s.startedAt!, end: s.endedAt ?? (now > s.startedAt! ? now : s.startedAt!) }));
}

/** The due times from the opening, the targets and every stop so far: recomputed whenever the stops or the targets change. */
export function computeDues(cal: WorkingCalendar, o: Pick<SlaOrder, "clock" | "openedAt" | "responseMinutes" | "resolutionMinutes"> & { respondedAt?: Date | null }, stops: readonly StopRow[], now: Date) {
  const clockStops = clockStopsOf(stops, now);
  // a response already given is measured: a pause after it does not move the response's due time
  const responded = o.respondedAt;
  const responseStops = responded ? clockStops.filter((s) => s.start < responded) : clockStops;
  return {
    responseDueAt: dueAt(cal, asClock(o.clock), o.openedAt, o.responseMinutes, responseStops),
    resolutionDueAt: dueAt(cal, asClock(o.clock), o.openedAt, o.resolutionMinutes, clockStops),
  };
}

/** The early-warning instants of both targets. */
export function warnTimes(cal: WorkingCalendar, o: SlaOrder, stops: readonly StopRow[], now: Date) {
  const clockStops = clockStopsOf(stops, now);
  const share = o.warnShare.toString();
  return {
    response: warnAt(cal, asClock(o.clock), o.openedAt, o.responseMinutes, share, clockStops),
    resolution: warnAt(cal, asClock(o.clock), o.openedAt, o.resolutionMinutes, share, clockStops),
  };
}

/** Clock seconds used from the opening to `to`, without the stops. */
export function usedSeconds(cal: WorkingCalendar, o: Pick<SlaOrder, "clock" | "openedAt">, stops: readonly StopRow[], to: Date, now: Date): number {
  return Math.round(elapsedMs(cal, asClock(o.clock), o.openedAt, to, clockStopsOf(stops, now)) / 1000);
}

export type SlaTarget = "response" | "resolution";
/** ok: within the target; warning: past the early-warning share; overdue: past due; paused: pending; done: nothing left to measure. */
export type SlaLevel = "ok" | "warning" | "overdue" | "paused" | "done";
/** The SLA state a list shows: which target runs, how much clock time is left (negative: overdue by), and the used share. */
export type SlaState = { target: SlaTarget | null; dueAt: string | null; remainingSeconds: number | null; usedSeconds: number | null; targetSeconds: number | null; level: SlaLevel };

const OPEN = new Set(["new", "assigned", "in-progress", "pending"]);

/** The running target of an open order (response until responded, then resolution), measured on its clock. */
export function slaStateOf(cal: WorkingCalendar, o: SlaOrder, stops: readonly StopRow[], now: Date): SlaState {
  if (!OPEN.has(o.status)) return { target: null, dueAt: null, remainingSeconds: null, usedSeconds: null, targetSeconds: null, level: "done" };
  const target: SlaTarget = o.respondedAt ? "resolution" : "response";
  const due = target === "response" ? o.responseDueAt : o.resolutionDueAt;
  const targetSeconds = (target === "response" ? o.responseMinutes : o.resolutionMinutes) * 60;
  const used = usedSeconds(cal, o, stops, now, now);
  const clock = asClock(o.clock);
  const remainingSeconds = due > now ? Math.round(elapsedMs(cal, clock, now, due, []) / 1000) : -Math.round(elapsedMs(cal, clock, due, now, []) / 1000);
  const base = { target, dueAt: due.toISOString(), targetSeconds, usedSeconds: used };
  if (o.status === "pending") return { ...base, remainingSeconds: targetSeconds - used, level: "paused" };
  const level: SlaLevel = due <= now ? "overdue" : used >= targetSeconds * Number(o.warnShare.toString()) ? "warning" : "ok";
  return { ...base, remainingSeconds, level };
}
