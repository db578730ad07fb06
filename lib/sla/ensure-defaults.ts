import type { Db } from "../db";
import { ensureWorkingCalendar } from "./calendar";
import { ensureDefaultSlaPolicies } from "./policies";
import { ensureDefaultTemplates } from "./templates";

/** The years whose holidays a new installation starts with (those the package has). */
export const DEFAULT_HOLIDAY_YEARS = [2024, 2025, 2026, 2027] as const;

/**
 * Production defaults, idempotent: the working-hours row, the package's holidays of DEFAULT_HOLIDAY_YEARS never imported (manual
 * overrides kept), a policy for every kind × severity and one template per kind. Nothing an operator edited changes.
 */
export async function ensureSlaDefaults(db: Db) {
  const calendar = await ensureWorkingCalendar(db, DEFAULT_HOLIDAY_YEARS);
  const policies = await ensureDefaultSlaPolicies(db);
  const templates = await ensureDefaultTemplates(db);
  return { calendarCreated: calendar.calendarCreated, holidays: calendar.holidays, policiesCreated: policies.created, templatesCreated: templates.created };
}
