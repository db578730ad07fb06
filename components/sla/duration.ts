import type { MessageKey } from "@/lib/i18n/messages";
import type { SlaClock } from "@/lib/itsm/codes";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

export type DurationUnit = "minute" | "hour" | "workday" | "day";

/** The units a target is entered in: working days on the working clock (a day of the calendar's hours), days on the 24x7 one. */
export function durationUnits(clock: SlaClock, workdayMinutes: number): { unit: DurationUnit; minutes: number }[] {
  return [{ unit: "minute", minutes: 1 }, { unit: "hour", minutes: 60 }, clock === "working" ? { unit: "workday", minutes: workdayMinutes } : { unit: "day", minutes: 1440 }];
}

/** The largest unit that expresses the minutes exactly. */
export function bestUnit(minutes: number, clock: SlaClock, workdayMinutes: number): { unit: DurationUnit; value: number } {
  const units = durationUnits(clock, workdayMinutes).filter((u) => u.minutes > 0).reverse();
  const fit = units.find((u) => minutes % u.minutes === 0) ?? { unit: "minute" as const, minutes: 1 };
  return { unit: fit.unit, value: minutes / fit.minutes };
}

/** A target as people say it: "4 小时", "1 工作日", "1 小时 30 分钟". */
export function formatTarget(t: T, minutes: number, clock: SlaClock, workdayMinutes: number): string {
  if (clock === "working" && workdayMinutes > 0 && minutes % workdayMinutes === 0) {
    const n = minutes / workdayMinutes;
    return n === 1 ? t("sla.duration.workday") : t("sla.duration.workdays", { n });
  }
  if (clock === "calendar" && minutes % 1440 === 0) {
    const n = minutes / 1440;
    return n === 1 ? t("sla.duration.day") : t("sla.duration.days", { n });
  }
  if (minutes % 60 === 0) return t("sla.duration.hours", { n: minutes / 60 });
  if (minutes > 60) return t("sla.duration.hoursMinutes", { h: Math.floor(minutes / 60), m: minutes % 60 });
  return t("sla.duration.minutes", { n: minutes });
}

/** 480 -> "08:00"; 1440 -> "24:00". */
export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
