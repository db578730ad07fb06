import { afterAll, describe, expect, it } from "vitest";
import { dueAt, elapsedMs, warnAt, type ClockStop, type WorkingCalendar } from "../../lib/sla/clock";
import { buildWorkingCalendar, DEFAULT_WORKING_HOURS, packageCalendarDays } from "../../lib/sla/holiday-package";

// Monday to Friday 08:00-18:00 Asia/Shanghai with the 2024 holidays and make-up days as the package has them.
const cal = buildWorkingCalendar(DEFAULT_WORKING_HOURS, packageCalendarDays([2024]));

/** A Shanghai wall-clock time, built by UTC arithmetic only. */
function sh(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/.exec(text);
  if (!m) throw new Error(text);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], +(m[6] ?? 0), +(m[7] ?? 0)));
}
const stop = (a: string, b: string): ClockStop => ({ start: sh(a), end: sh(b) });
const HOUR = 3600_000;

describe("the package's 2024 calendar", () => {
  it("has Labour Day 05-01..05-05 off and 04-28 (Sunday) and 05-11 (Saturday) as working days", () => {
    const may = packageCalendarDays([2024]).filter((d) => d.date >= "2024-04-28" && d.date <= "2024-05-11");
    expect(may).toEqual([
      { date: "2024-04-28", kind: "workday", name: "劳动节" },
      ...["01", "02", "03", "04", "05"].map((d) => ({ date: `2024-05-${d}`, kind: "holiday", name: "劳动节" })),
      { date: "2024-05-11", kind: "workday", name: "劳动节" },
    ]);
  });
});

describe("dueAt on working time", () => {
  const opened = sh("2024-04-26 17:00"); // Friday

  it("a 4-working-hour order opened Friday 17:00 is due on the make-up Sunday 2024-04-28 at 11:00", () => {
    expect(dueAt(cal, "working", opened, 240, [])).toEqual(sh("2024-04-28 11:00"));
  });

  it("a pause on Friday 17:30-18:00 moves it to 11:30", () => {
    expect(dueAt(cal, "working", opened, 240, [stop("2024-04-26 17:30", "2024-04-26 18:00")])).toEqual(sh("2024-04-28 11:30"));
  });

  it("a severity change on Sunday 09:00 to a 2-hour target keeps the 1.5 hours already used: due 09:30", () => {
    const stops = [stop("2024-04-26 17:30", "2024-04-26 18:00")];
    expect(elapsedMs(cal, "working", opened, sh("2024-04-28 09:00"), stops)).toBe(1.5 * HOUR);
    expect(dueAt(cal, "working", opened, 120, stops)).toEqual(sh("2024-04-28 09:30"));
  });

  it("a target used up exactly at 18:00 is due at 18:00, not at the next working start", () => {
    expect(dueAt(cal, "working", sh("2024-04-22 08:00"), 600, [])).toEqual(sh("2024-04-22 18:00"));
    expect(dueAt(cal, "working", sh("2024-04-22 14:00"), 240, [])).toEqual(sh("2024-04-22 18:00"));
    expect(dueAt(cal, "working", opened, 60, [])).toEqual(sh("2024-04-26 18:00"));
  });

  it("an order opened at night or on a holiday starts counting at the next working start", () => {
    expect(dueAt(cal, "working", sh("2024-04-26 20:00"), 60, [])).toEqual(sh("2024-04-28 09:00"));
    expect(dueAt(cal, "working", sh("2024-04-23 06:30"), 30, [])).toEqual(sh("2024-04-23 08:30"));
    expect(dueAt(cal, "working", sh("2024-05-01 22:00"), 60, [])).toEqual(sh("2024-05-06 09:00"));
    expect(elapsedMs(cal, "working", sh("2024-05-01 00:00"), sh("2024-05-06 08:00"), [])).toBe(0);
  });

  it("skips Labour Day 2024 and works on Saturday 05-11", () => {
    expect(dueAt(cal, "working", sh("2024-04-30 16:00"), 240, [])).toEqual(sh("2024-05-06 10:00"));
    expect(dueAt(cal, "working", sh("2024-05-10 09:00"), 600, [])).toEqual(sh("2024-05-11 09:00"));
    // Tuesday 04-30 16:00 to Saturday 05-11 12:00: 2 h + 5 days x 10 h (05-06..05-10) + 4 h
    expect(elapsedMs(cal, "working", sh("2024-04-30 16:00"), sh("2024-05-11 12:00"), [])).toBe(56 * HOUR);
  });

  it("counts overlapping stops once", () => {
    const stops = [stop("2024-04-26 17:10", "2024-04-26 17:40"), stop("2024-04-26 17:30", "2024-04-26 17:50")];
    expect(elapsedMs(cal, "working", opened, sh("2024-04-26 18:00"), stops)).toBe(20 * 60_000);
    expect(dueAt(cal, "working", opened, 240, stops)).toEqual(sh("2024-04-28 11:40"));
  });

  it("a stop outside working hours changes nothing", () => {
    const stops = [stop("2024-04-27 10:00", "2024-04-27 15:00"), stop("2024-04-26 19:00", "2024-04-28 08:00")];
    expect(dueAt(cal, "working", opened, 240, stops)).toEqual(sh("2024-04-28 11:00"));
    expect(elapsedMs(cal, "working", opened, sh("2024-04-28 11:00"), stops)).toBe(4 * HOUR);
  });

  it("clips stops to the interval and ignores stops before the opening", () => {
    const stops = [stop("2024-04-26 08:00", "2024-04-26 17:15"), stop("2024-04-28 10:30", "2024-04-29 12:00")];
    expect(elapsedMs(cal, "working", opened, sh("2024-04-28 11:00"), stops)).toBe(45 * 60_000 + 2.5 * HOUR);
    expect(dueAt(cal, "working", opened, 240, stops)).toEqual(sh("2024-04-29 12:45"));
  });

  it("is 0 when to <= from, and due at the opening for a zero target", () => {
    expect(elapsedMs(cal, "working", opened, opened, [])).toBe(0);
    expect(elapsedMs(cal, "working", opened, sh("2024-04-26 09:00"), [])).toBe(0);
    expect(dueAt(cal, "working", sh("2024-04-27 10:00"), 0, [])).toEqual(sh("2024-04-27 10:00"));
  });
});

describe("the calendar clock", () => {
  it("ignores the working calendar", () => {
    expect(dueAt(cal, "calendar", sh("2024-04-26 17:00"), 240, [])).toEqual(sh("2024-04-26 21:00"));
    expect(dueAt(cal, "calendar", sh("2024-04-30 16:00"), 24 * 60, [])).toEqual(sh("2024-05-01 16:00"));
    expect(elapsedMs(cal, "calendar", sh("2024-05-01 00:00"), sh("2024-05-06 00:00"), [])).toBe(120 * HOUR);
  });

  it("excludes stops, merged", () => {
    const stops = [stop("2024-04-26 17:30", "2024-04-26 18:00"), stop("2024-04-26 17:45", "2024-04-26 18:30")];
    expect(dueAt(cal, "calendar", sh("2024-04-26 17:00"), 240, stops)).toEqual(sh("2024-04-26 22:00"));
    expect(elapsedMs(cal, "calendar", sh("2024-04-26 17:00"), sh("2024-04-26 22:00"), stops)).toBe(4 * HOUR);
  });
});

describe("warnAt", () => {
  it("is due at 80 % of the target", () => {
    // 192 min: 60 on Friday, 132 on the make-up Sunday
    expect(warnAt(cal, "working", sh("2024-04-26 17:00"), 240, 0.8, [])).toEqual(sh("2024-04-28 10:12"));
    expect(warnAt(cal, "working", sh("2024-04-26 17:00"), 240, "0.800", [])).toEqual(sh("2024-04-28 10:12"));
    expect(warnAt(cal, "calendar", sh("2024-04-26 17:00"), 15, "0.8", [])).toEqual(sh("2024-04-26 17:12"));
  });

  it("is exact to the millisecond", () => {
    expect(warnAt(cal, "working", sh("2024-04-22 08:00"), 1, "0.3333", [])).toEqual(sh("2024-04-22 08:00:19.998"));
    expect(warnAt(cal, "working", sh("2024-04-22 17:59"), 7, "0.333", [])).toEqual(sh("2024-04-23 08:01:19.860"));
  });
});

describe("long targets and broken calendars", () => {
  it("computes a 30-day calendar target and a 200-working-hour target quickly", () => {
    const t0 = performance.now();
    expect(dueAt(cal, "calendar", sh("2024-04-26 17:00"), 30 * 24 * 60, [])).toEqual(sh("2024-05-26 17:00"));
    // 20 working days of 10 h from Monday 2024-09-02: 19 up to Friday 09-27 (Mid-autumn 09-16/17 off, Saturday 09-14 worked), the 20th the make-up Sunday 09-29
    expect(dueAt(cal, "working", sh("2024-09-02 08:00"), 200 * 60, [])).toEqual(sh("2024-09-29 18:00"));
    // 2024: 262 weekdays - 19 weekday holidays + 8 make-up days = 251 working days
    expect(elapsedMs(cal, "working", sh("2024-01-01 00:00"), sh("2025-01-01 00:00"), [])).toBe(2510 * HOUR);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it("throws a clear error when no working day comes within about three years", () => {
    const never: WorkingCalendar = { workWeekdays: [], workStart: 480, workEnd: 1080, days: new Map() };
    expect(() => dueAt(never, "working", sh("2024-04-26 17:00"), 60, [])).toThrow(/三年内没有工作日/);
    expect(dueAt(never, "calendar", sh("2024-04-26 17:00"), 60, [])).toEqual(sh("2024-04-26 18:00"));
  });
});

describe("independence from the process time zone", () => {
  const original = process.env.TZ;
  afterAll(() => { if (original === undefined) delete process.env.TZ; else process.env.TZ = original; });

  it("gives the same instants under TZ=America/New_York", () => {
    const compute = () => {
      const opened = sh("2024-04-26 17:00");
      const stops = [stop("2024-04-26 17:30", "2024-04-26 18:00")];
      return [dueAt(cal, "working", opened, 240, []), dueAt(cal, "working", opened, 240, stops), dueAt(cal, "working", opened, 120, stops),
        warnAt(cal, "working", opened, 240, "0.8", []), dueAt(cal, "working", sh("2024-04-30 16:00"), 240, [])].map((d) => d.toISOString());
    };
    process.env.TZ = "Asia/Shanghai";
    const shanghai = compute();
    process.env.TZ = "America/New_York";
    expect(new Date(Date.UTC(2024, 3, 26)).getTimezoneOffset()).toBe(240); // Node applied the change
    expect(compute()).toEqual(shanghai);
    expect(shanghai).toEqual(["2024-04-28T03:00:00.000Z", "2024-04-28T03:30:00.000Z", "2024-04-28T01:30:00.000Z", "2024-04-28T02:12:00.000Z", "2024-05-06T02:00:00.000Z"]);
  });
});
