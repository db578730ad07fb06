// Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date
// a CDR can carry, and it never depends on the process's TZ.
const OFFSET_MS = 8 * 3600 * 1000;

/** 'YYYY-MM' of the Shanghai month containing the instant. */
export function shanghaiMonth(utcMs: number): string {
  const d = new Date(utcMs + OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The instant at which a Shanghai month starts. */
export function monthStart(month: string): number {
  const [y, m] = parseMonth(month);
  return Date.UTC(y, m - 1, 1) - OFFSET_MS;
}

export function nextMonth(month: string): string {
  const [y, m] = parseMonth(month);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function secondsInMonth(month: string): number {
  return (monthStart(nextMonth(month)) - monthStart(month)) / 1000;
}

/** The instant at which a Shanghai calendar date (YYYY-MM-DD, or a Date at UTC midnight as Prisma returns @db.Date) begins. */
export function shanghaiDayStart(date: string | Date): number {
  const iso = typeof date === "string" ? date : date.toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS;
}

export function parseMonth(month: string): [number, number] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2])];
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Shanghai wall-clock text for display and exports: 2025-03-10 08:00:00. */
export function formatShanghai(utcMs: number | Date): string {
  const ms = typeof utcMs === "number" ? utcMs : utcMs.getTime();
  return new Date(ms + OFFSET_MS).toISOString().replace("T", " ").slice(0, 19);
}

/** Split [begin, end) at Shanghai month boundaries. */
export function splitByMonth(begin: number, end: number): { month: string; begin: number; end: number }[] {
  const parts = [];
  let from = begin;
  while (true) {
    const month = shanghaiMonth(from);
    const boundary = monthStart(nextMonth(month));
    if (end <= boundary) { parts.push({ month, begin: from, end }); return parts; }
    parts.push({ month, begin: from, end: boundary });
    from = boundary;
  }
}
