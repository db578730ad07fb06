import Decimal from "decimal.js";
import type { SlaClock } from "../itsm/codes";

// The SLA clock, pure: every day, weekday and working hour is computed in Asia/Shanghai by fixed UTC+8
// arithmetic on epoch milliseconds (as lib/time/shanghai.ts does), never through Date's local getters, so the
// results do not depend on the process TZ.

/** workWeekdays: ISO weekdays (1 = Monday .. 7 = Sunday); workStart/workEnd: minutes after Shanghai midnight;
 *  days: 'YYYY-MM-DD' (Shanghai) -> holiday | workday, overriding the weekday rule. */
export type WorkingCalendar = { workWeekdays: readonly number[]; workStart: number; workEnd: number; days: ReadonlyMap<string, "holiday" | "workday"> };
/** An interval in which the clock stands still (an approved pause, or resolved-then-reopened); callers pass end = now for a stop still running. */
export type ClockStop = { start: Date; end: Date };

const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A calendar with no working day for this many consecutive days is broken, not merely festive. */
const MAX_IDLE_DAYS = 3 * 366;

type Interval = [number, number];

/** Shanghai day number: days since 1970-01-01 (Shanghai) of the day containing the instant. */
function dayOf(utcMs: number): number {
  return Math.floor((utcMs + OFFSET_MS) / DAY_MS);
}

function dayStartUtc(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1970-01-01 was a Thursday (ISO 4). */
function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

/** The working interval of a Shanghai day, or null when the day is not a working day. */
function workInterval(cal: WorkingCalendar, day: number): Interval | null {
  const override = cal.days.get(dayKey(day));
  const working = override ? override === "workday" : cal.workWeekdays.includes(isoWeekday(day));
  if (!working || cal.workEnd <= cal.workStart) return null;
  const start = dayStartUtc(day);
  return [start + cal.workStart * MINUTE_MS, start + cal.workEnd * MINUTE_MS];
}

function instant(date: Date, what: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new Error(`SLA clock: ${what} is not a valid instant`);
  return ms;
}

/** The stops clipped to [from, to), sorted and merged so that overlapping stops count once. */
function mergeStops(stops: readonly ClockStop[], from: number, to: number): Interval[] {
  const clipped = stops
    .map((s): Interval => [Math.max(instant(s.start, "a stop's start"), from), Math.min(instant(s.end, "a stop's end"), to)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [s, e] of clipped) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Clock time in [a, b) before stops: wall time, or working time summed day by day. */
function clockMs(cal: WorkingCalendar, clock: SlaClock, a: number, b: number): number {
  if (b <= a) return 0;
  if (clock === "calendar") return b - a;
  let total = 0;
  for (let day = dayOf(a); dayStartUtc(day) < b; day++) {
    const work = workInterval(cal, day);
    if (!work) continue;
    const s = Math.max(work[0], a);
    const e = Math.min(work[1], b);
    if (e > s) total += e - s;
  }
  return total;
}

/** Clock time (ms) between from and to: working time on the calendar for "working", wall time for "calendar"; stops excluded (merged when they overlap, clipped to [from, to]). 0 when to <= from. */
export function elapsedMs(cal: WorkingCalendar, clock: SlaClock, from: Date, to: Date, stops: readonly ClockStop[]): number {
  const a = instant(from, "from");
  const b = instant(to, "to");
  if (b <= a) return 0;
  const stopped = mergeStops(stops, a, b).reduce((sum, [s, e]) => sum + clockMs(cal, clock, s, e), 0);
  return clockMs(cal, clock, a, b) - stopped;
}

/** The clock's running segments from `from` on, in order: working intervals (or all time) less the stops. */
function* runningSegments(cal: WorkingCalendar, clock: SlaClock, from: number, stops: Interval[]): Generator<Interval> {
  const spans = clock === "calendar" ? calendarSpans(from) : workingSpans(cal, from);
  let i = 0;
  for (const [spanStart, spanEnd] of spans) {
    let cursor = spanStart;
    while (i < stops.length && stops[i][1] <= cursor) i++;
    for (let j = i; j < stops.length && stops[j][0] < spanEnd; j++) {
      if (stops[j][0] > cursor) yield [cursor, stops[j][0]];
      cursor = Math.max(cursor, stops[j][1]);
    }
    if (cursor < spanEnd) yield [cursor, spanEnd];
  }
}

function* calendarSpans(from: number): Generator<Interval> {
  yield [from, Infinity];
}

function* workingSpans(cal: WorkingCalendar, from: number): Generator<Interval> {
  let idle = 0;
  for (let day = dayOf(from); ; day++) {
    const work = workInterval(cal, day);
    if (work && work[1] > from) {
      idle = 0;
      yield [Math.max(work[0], from), work[1]];
    } else if (++idle > MAX_IDLE_DAYS) {
      throw new Error(`工作日历在 ${dayKey(day - idle + 1)} 之后约三年内没有工作日，无法计算 SLA 时限`);
    }
  }
}

function dueAtMs(cal: WorkingCalendar, clock: SlaClock, from: Date, targetMs: number, stops: readonly ClockStop[]): Date {
  const start = instant(from, "from");
  if (!Number.isFinite(targetMs) || targetMs < 0) throw new Error(`SLA clock: the target must be a non-negative number, got ${targetMs}`);
  let remaining = targetMs;
  if (remaining === 0) return new Date(start);
  // `>=`: a target used up exactly at a segment's end (18:00) is due then, not at the next working start.
  for (const [s, e] of runningSegments(cal, clock, start, mergeStops(stops, start, Infinity))) {
    if (e - s >= remaining) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw new Error("SLA clock: unreachable");
}

/** The earliest instant at which elapsedMs(from, instant) reaches targetMinutes: a target that ends exactly at a working day's end is due then (18:00), not at the next day's start. */
export function dueAt(cal: WorkingCalendar, clock: SlaClock, from: Date, targetMinutes: number, stops: readonly ClockStop[]): Date {
  return dueAtMs(cal, clock, from, Math.ceil(targetMinutes * MINUTE_MS), stops);
}

/** The instant at which a given share of the target is used (early warning): dueAt with targetMinutes * share, exact to the millisecond. */
export function warnAt(cal: WorkingCalendar, clock: SlaClock, from: Date, targetMinutes: number, share: number | string, stops: readonly ClockStop[]): Date {
  // Decimal, so that 0.8 of 4 hours is 11,520,000 ms and not 11,519,999.999...; ceil: the first whole ms that reaches it.
  const targetMs = new Decimal(targetMinutes).mul(MINUTE_MS).mul(new Decimal(share)).ceil().toNumber();
  return dueAtMs(cal, clock, from, targetMs, stops);
}
