// When messages go out: quiet hours in Shanghai time, the dedup window, retries. Pure.
import { shanghaiDayStart, formatShanghai } from "../time/shanghai";

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** Minutes after Shanghai midnight of an instant (00:00 = 0, 23:59 = 1439). */
export function shanghaiMinuteOfDay(at: Date): number {
  const hhmm = formatShanghai(at).slice(11, 16);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export type QuietHours = { start: number; end: number };

/** A rule's quiet hours, or null when it has none (either end missing, or an empty window). */
export function quietHoursOf(rule: { quietStart: number | null; quietEnd: number | null }): QuietHours | null {
  if (rule.quietStart === null || rule.quietEnd === null || rule.quietStart === rule.quietEnd) return null;
  return { start: rule.quietStart, end: rule.quietEnd };
}

/** Whether an instant falls in [start, end) of the Shanghai day; a window with start > end crosses midnight (22:00–07:00). */
export function inQuietHours(at: Date, q: QuietHours): boolean {
  const m = shanghaiMinuteOfDay(at);
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** When an external message may go out: now, or the end of the quiet hours it falls in. */
export function releaseTime(now: Date, q: QuietHours | null): Date {
  if (!q || !inQuietHours(now, q)) return now;
  const today = shanghaiDayStart(formatShanghai(now).slice(0, 10));
  const end = today + q.end * MINUTE;
  // inside a window the end is always ahead: later today, or (before midnight in a crossing window) tomorrow
  return new Date(end > now.getTime() ? end : end + DAY_MINUTES * MINUTE);
}

/** The earliest creation time of a notification that still suppresses a repeat, or null when the rule does not dedup. */
export function dedupSince(now: Date, dedupMinutes: number): Date | null {
  return dedupMinutes > 0 ? new Date(now.getTime() - dedupMinutes * MINUTE) : null;
}

/** Whether a notification created at `last` suppresses one now (the window is open at its start: exactly dedupMinutes later sends again). */
export function withinDedupWindow(last: Date, now: Date, dedupMinutes: number): boolean {
  const since = dedupSince(now, dedupMinutes);
  return since !== null && last > since;
}

/** Attempts before an outbound message is given up. */
export const MAX_ATTEMPTS = 5;

/** The wait after the n-th failed attempt: 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempts: number) => 2 ** Math.max(0, attempts - 1) * MINUTE;

/** Shanghai "HH:mm" of minutes after midnight, and back (null for text that is not a time of day). */
export const minutesToHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
export function hhmmToMinutes(s: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
