"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/app/_server/actor";
import { runAction, type ActionResult } from "@/app/_server/action-result";
import { getDb } from "@/lib/db";
import { importHolidays, removeCalendarDay, setCalendarDay, updateWorkingHours, type CalendarDayInput, type HolidayImportResult, type WorkingHoursInput } from "@/lib/sla/calendar";
import { saveSlaPolicy, type SlaPolicyInput } from "@/lib/sla/policies";
import { saveTemplate, type TemplateInput } from "@/lib/sla/templates";

const PERMISSION = "itsm.sla.manage";
const refresh = () => revalidatePath("/service/sla");

export async function saveSlaPolicyAction(input: SlaPolicyInput): Promise<ActionResult<null>> {
  const actor = await requireActor(PERMISSION);
  return runAction(async () => { await saveSlaPolicy(getDb().db, actor, input); refresh(); return null; });
}

export async function updateWorkingHoursAction(input: WorkingHoursInput): Promise<ActionResult<null>> {
  const actor = await requireActor(PERMISSION);
  return runAction(async () => { await updateWorkingHours(getDb().db, actor, input); refresh(); return null; });
}

export async function setCalendarDayAction(input: CalendarDayInput): Promise<ActionResult<null>> {
  const actor = await requireActor(PERMISSION);
  return runAction(async () => { await setCalendarDay(getDb().db, actor, input); refresh(); return null; });
}

export async function removeCalendarDayAction(date: string): Promise<ActionResult<null>> {
  const actor = await requireActor(PERMISSION);
  return runAction(async () => { await removeCalendarDay(getDb().db, actor, z.string().parse(date)); refresh(); return null; });
}

export async function importHolidaysAction(year: number): Promise<ActionResult<HolidayImportResult>> {
  const actor = await requireActor(PERMISSION);
  return runAction(async () => { const result = await importHolidays(getDb().db, actor, [z.number().int().parse(year)]); refresh(); return result; });
}

export async function saveTemplateAction(input: TemplateInput): Promise<ActionResult<null>> {
  const actor = await requireActor(PERMISSION);
  return runAction(async () => { await saveTemplate(getDb().db, actor, input); refresh(); return null; });
}
