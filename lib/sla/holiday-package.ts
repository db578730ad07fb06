import holidayData from "chinese-days/dist/chinese-days.json";
import type { WorkingCalendar } from "./clock";

// China's statutory holidays and make-up working days (调休) as the chinese-days package publishes them (the
// State Council's notice for each year). Its entries read "English name,中文名,days"; weekends inside a holiday
// period are listed as holidays too, which is harmless (they are off either way).

export type CalendarDayKind = "holiday" | "workday";
export type CalendarDayEntry = { date: string; kind: CalendarDayKind; name: string };
export type WorkingHours = { workWeekdays: readonly number[]; workStart: number; workEnd: number };

export const DEFAULT_WORKING_HOURS: WorkingHours = { workWeekdays: [1, 2, 3, 4, 5], workStart: 8 * 60, workEnd: 18 * 60 };

const data = holidayData as { holidays: Record<string, string>; workdays: Record<string, string> };

function chineseName(entry: string): string {
  const [en, zh] = entry.split(",");
  return (zh ?? en ?? "").trim() || "节假日";
}

/** The package's English name of a holiday by its Chinese one (劳动节 -> Labour Day), for pages in English. */
export const PACKAGE_ENGLISH_NAMES: ReadonlyMap<string, string> = new Map(
  [...Object.values(data.holidays), ...Object.values(data.workdays)].map((entry) => { const [en, zh] = entry.split(","); return [(zh ?? "").trim(), (en ?? "").trim()] as const; }).filter(([zh, en]) => zh && en),
);

/** The years the package has data for, ascending. */
export function packageYears(): number[] {
  const years = new Set([...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/** The package's holidays and make-up workdays in the given years, by date, with their Chinese names (劳动节). */
export function packageCalendarDays(years: readonly number[]): CalendarDayEntry[] {
  const wanted = new Set(years.map(String));
  const entries: CalendarDayEntry[] = [];
  for (const [kind, table] of [["holiday", data.holidays], ["workday", data.workdays]] as const) {
    for (const [date, entry] of Object.entries(table)) {
      if (wanted.has(date.slice(0, 4))) entries.push({ date, kind, name: chineseName(entry) });
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** The clock's calendar from working hours and day overrides (later entries for the same date win). */
export function buildWorkingCalendar(hours: WorkingHours, days: readonly { date: string; kind: CalendarDayKind }[]): WorkingCalendar {
  return { workWeekdays: [...hours.workWeekdays], workStart: hours.workStart, workEnd: hours.workEnd, days: new Map(days.map((d) => [d.date, d.kind])) };
}
