import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit, SYSTEM_ACTOR } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { WorkingCalendar } from "./clock";
import { buildWorkingCalendar, DEFAULT_WORKING_HOURS, PACKAGE_ENGLISH_NAMES, packageCalendarDays, packageYears, type CalendarDayKind, type WorkingHours } from "./holiday-package";

// The working calendar in the database: one row of working hours and the dates that differ from their weekday.
// Changing it never rewrites history: stored due times stay as they were computed; the work-order module
// recomputes an open order's due times from its opening, its targets and its stops (with the calendar in force)
// the next time it touches the order, so there is no calendar version to track.

export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export const CALENDAR_DAY_SOURCES = ["package", "manual"] as const;
export type CalendarDaySource = (typeof CALENDAR_DAY_SOURCES)[number];
/** nameEn: the package's English name for a holiday name it knows (a name typed by hand has none) */
export type CalendarDayRow = { date: string; kind: CalendarDayKind; name: string; nameEn: string | null; source: CalendarDaySource };
export type WorkingHoursRow = WorkingHours & { workWeekdays: number[] };

const CALENDAR_ID = 1;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
/** A @db.Date column takes the date at UTC midnight. */
const dbDate = (date: string) => new Date(`${date}T00:00:00.000Z`);
const asKind = (k: string): CalendarDayKind => (k === "workday" ? "workday" : "holiday");
const dayRow = (d: { date: Date; kind: string; name: string; source: string }): CalendarDayRow => ({
  date: isoDate(d.date), kind: asKind(d.kind), name: d.name, nameEn: PACKAGE_ENGLISH_NAMES.get(d.name) ?? null, source: d.source === "manual" ? "manual" : "package",
});

function requireSlaAdmin(actor: Actor) {
  if (!can(actor, "itsm.sla.manage")) throw new AppError("auth.forbidden", "您没有管理工作日历的权限", undefined, 403);
}

export async function loadWorkingHours(db: Db): Promise<WorkingHoursRow> {
  const row = await db.workCalendar.findUnique({ where: { id: CALENDAR_ID } });
  const hours = row ?? DEFAULT_WORKING_HOURS;
  return { workWeekdays: [...hours.workWeekdays], workStart: hours.workStart, workEnd: hours.workEnd };
}

/** The calendar the SLA clock runs on: the working hours (Mon–Fri 08:00–18:00 if never set) and every override. */
export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const [hours, days] = await Promise.all([loadWorkingHours(db), db.workCalendarDay.findMany({ select: { date: true, kind: true } })]);
  return buildWorkingCalendar(hours, days.map((d) => ({ date: isoDate(d.date), kind: asKind(d.kind) })));
}

const yearSchema = z.number().int().min(2000, "年份无效").max(2100, "年份无效");

export async function listCalendarDays(db: Db, year: number): Promise<CalendarDayRow[]> {
  const y = yearSchema.parse(year);
  const rows = await db.workCalendarDay.findMany({ where: { date: { gte: dbDate(`${y}-01-01`), lt: dbDate(`${y + 1}-01-01`) } }, orderBy: { date: "asc" } });
  return rows.map(dayRow);
}

export type HolidayImportResult = { years: number[]; created: number; updated: number; unchanged: number; removed: number; keptManual: number };

/**
 * Holidays and make-up workdays of the years from the chinese-days package. Manual rows are never overwritten;
 * package rows the package no longer lists for those years are removed (a corrected notice). Audited when
 * someone asked for it, or when it changed anything.
 */
export async function importHolidays(db: Db, actor: Actor | null, years: number[]): Promise<HolidayImportResult> {
  if (actor) requireSlaAdmin(actor);
  const wanted = [...new Set(z.array(yearSchema).min(1, "请选择年份").parse(years))].sort((a, b) => a - b);
  const available = new Set(packageYears());
  const missing = wanted.filter((y) => !available.has(y));
  if (missing.length) {
    throw new AppError("sla.calendar.no-data", `数据包中没有 ${missing.join("、")} 年的节假日数据（现有 ${Math.min(...available)}–${Math.max(...available)} 年）`, { fieldErrors: { year: ["数据包中没有该年份"] } });
  }
  const entries = packageCalendarDays(wanted);
  return db.$transaction(async (tx) => {
    const existing = new Map((await tx.workCalendarDay.findMany({
      where: { OR: wanted.map((y) => ({ date: { gte: dbDate(`${y}-01-01`), lt: dbDate(`${y + 1}-01-01`) } })) },
    })).map((d) => [isoDate(d.date), d]));
    const result: HolidayImportResult = { years: wanted, created: 0, updated: 0, unchanged: 0, removed: 0, keptManual: 0 };
    const listed = new Set<string>();
    for (const e of entries) {
      listed.add(e.date);
      const before = existing.get(e.date);
      if (before?.source === "manual") { result.keptManual++; continue; }
      if (!before) {
        await tx.workCalendarDay.create({ data: { date: dbDate(e.date), kind: e.kind, name: e.name, source: "package" } });
        result.created++;
      } else if (before.kind !== e.kind || before.name !== e.name) {
        await tx.workCalendarDay.update({ where: { date: before.date }, data: { kind: e.kind, name: e.name } });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    const stale = [...existing.values()].filter((d) => d.source === "package" && !listed.has(isoDate(d.date)));
    if (stale.length) {
      await tx.workCalendarDay.deleteMany({ where: { date: { in: stale.map((d) => d.date) }, source: "package" } });
      result.removed = stale.length;
    }
    if (actor || result.created + result.updated + result.removed > 0) {
      await recordAudit(tx, {
        actor: actor ? auditActorOf(actor) : SYSTEM_ACTOR, action: "sla.calendar.import", entity: "work-calendar", entityId: wanted.join(","),
        summary: `从节假日数据包导入 ${wanted.join("、")} 年：新增 ${result.created}，更新 ${result.updated}，删除 ${result.removed}，保留人工设置 ${result.keptManual}`,
        after: result,
      });
    }
    return result;
  });
}

const dateSchema = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && isoDate(dbDate(s)) === s, "日期无效")
  .refine((s) => { const y = Number(s.slice(0, 4)); return y >= 2000 && y <= 2100; }, "日期须在 2000–2100 年之间");

export const calendarDaySchema = z.object({
  date: dateSchema,
  kind: z.enum(CALENDAR_DAY_KINDS, { error: "请选择休息日或工作日" }),
  name: z.string().trim().min(1, "请填写名称").max(32, "名称最多 32 个字符"),
});
export type CalendarDayInput = z.input<typeof calendarDaySchema>;

/** A manual override of one date (a package import never overwrites it). */
export async function setCalendarDay(db: Db, actor: Actor, input: CalendarDayInput): Promise<CalendarDayRow> {
  requireSlaAdmin(actor);
  const d = calendarDaySchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.workCalendarDay.findUnique({ where: { date: dbDate(d.date) } });
    const after = await tx.workCalendarDay.upsert({
      where: { date: dbDate(d.date) }, create: { date: dbDate(d.date), kind: d.kind, name: d.name, source: "manual" }, update: { kind: d.kind, name: d.name, source: "manual" },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor), action: "sla.calendar.day.set", entity: "work-calendar-day", entityId: d.date,
      summary: `设置 ${d.date} 为${d.kind === "holiday" ? "休息日" : "工作日"}（${d.name}）`, before: before ? dayRow(before) : undefined, after: dayRow(after),
    });
    return dayRow(after);
  });
}

/** Removes a date's override, so the weekday rule applies again (a package day comes back with the next import). */
export async function removeCalendarDay(db: Db, actor: Actor, date: string): Promise<void> {
  requireSlaAdmin(actor);
  const d = dateSchema.parse(date);
  const before = await db.workCalendarDay.findUnique({ where: { date: dbDate(d) } });
  if (!before) throw new AppError("sla.calendar.not-found", `${d} 没有特殊设置`, undefined, 404);
  await db.$transaction(async (tx) => {
    await tx.workCalendarDay.delete({ where: { date: before.date } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "sla.calendar.day.remove", entity: "work-calendar-day", entityId: d, summary: `删除 ${d} 的日历设置（${before.name}）`, before: dayRow(before) });
  });
}

export const workingHoursSchema = z.object({
  workWeekdays: z.array(z.number().int().min(1).max(7), { error: "请选择工作日" }).min(1, "至少选择一个工作日")
    .refine((days) => new Set(days).size === days.length, "工作日不能重复")
    .transform((days) => [...days].sort((a, b) => a - b)),
  workStart: z.number({ error: "请填写上班时间" }).int("时间须为整分钟").min(0, "时间须在 00:00–24:00 之间").max(1439, "时间须在 00:00–24:00 之间"),
  workEnd: z.number({ error: "请填写下班时间" }).int("时间须为整分钟").min(1, "时间须在 00:00–24:00 之间").max(1440, "时间须在 00:00–24:00 之间"),
}).refine((h) => h.workStart < h.workEnd, { path: ["workEnd"], message: "下班时间须晚于上班时间" });
export type WorkingHoursInput = z.input<typeof workingHoursSchema>;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export async function updateWorkingHours(db: Db, actor: Actor, input: WorkingHoursInput): Promise<WorkingHoursRow> {
  requireSlaAdmin(actor);
  const h = workingHoursSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.workCalendar.findUnique({ where: { id: CALENDAR_ID } });
    const data = { workWeekdays: h.workWeekdays, workStart: h.workStart, workEnd: h.workEnd, updatedAt: new Date() };
    const after = await tx.workCalendar.upsert({ where: { id: CALENDAR_ID }, create: { id: CALENDAR_ID, ...data }, update: data });
    await recordAudit(tx, {
      actor: auditActorOf(actor), action: "sla.calendar.hours", entity: "work-calendar", entityId: CALENDAR_ID,
      summary: `修改工作时间：每周 ${h.workWeekdays.join("、")}，${hhmm(h.workStart)}–${hhmm(h.workEnd)}`, before: before ?? undefined, after,
    });
    return { workWeekdays: after.workWeekdays, workStart: after.workStart, workEnd: after.workEnd };
  });
}

/**
 * The calendar row if absent (never changing an edited one), and the package's holidays of those of the years it
 * has that were never imported: a year with package rows is left alone, so a day an operator removed stays removed.
 */
export async function ensureWorkingCalendar(db: Db, years: readonly number[]): Promise<{ calendarCreated: boolean; holidays: HolidayImportResult | null }> {
  const created = await db.workCalendar.createMany({ data: [{ id: CALENDAR_ID, ...DEFAULT_WORKING_HOURS, workWeekdays: [...DEFAULT_WORKING_HOURS.workWeekdays] }], skipDuplicates: true });
  const available = new Set(packageYears());
  const imported = new Set((await db.workCalendarDay.findMany({ where: { source: "package" }, select: { date: true } })).map((d) => d.date.getUTCFullYear()));
  const importable = years.filter((y) => available.has(y) && !imported.has(y));
  return { calendarCreated: created.count > 0, holidays: importable.length ? await importHolidays(db, null, importable) : null };
}
