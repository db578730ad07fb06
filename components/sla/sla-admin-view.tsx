"use client";

import { Tabs } from "antd";
import type { ActionResult } from "@/app/_server/action-result";
import type { CalendarDayInput, CalendarDayRow, HolidayImportResult, WorkingHoursInput, WorkingHoursRow } from "@/lib/sla/calendar";
import type { SlaPolicyInput, SlaPolicyRow } from "@/lib/sla/policies";
import type { TemplateInput, TemplateRow } from "@/lib/sla/templates";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";
import { CalendarTab } from "./calendar-tab";
import type { SlaTab } from "./sla-tabs";
import { PoliciesTab } from "./policies-tab";
import { TemplatesTab } from "./templates-tab";


export type SlaAdminActions = {
  savePolicy: (input: SlaPolicyInput) => Promise<ActionResult<null>>;
  saveHours: (input: WorkingHoursInput) => Promise<ActionResult<null>>;
  setDay: (input: CalendarDayInput) => Promise<ActionResult<null>>;
  removeDay: (date: string) => Promise<ActionResult<null>>;
  importYear: (year: number) => Promise<ActionResult<HolidayImportResult>>;
  saveTemplate: (input: TemplateInput) => Promise<ActionResult<null>>;
};

/** SLA policies, the working calendar and the work order templates, one tab each (the tab and the year in the URL). */
export function SlaAdminView({ tab, year, thisYear, policies, hours, days, templates, packageYears, actions }: {
  tab: SlaTab; year: number; thisYear: number; policies: SlaPolicyRow[]; hours: WorkingHoursRow; days: CalendarDayRow[]; templates: TemplateRow[]; packageYears: number[]; actions: SlaAdminActions;
}) {
  const { t } = useT();
  const { update } = useQueryState();
  const workdayMinutes = hours.workEnd - hours.workStart;
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => update({ tab: key === "policies" ? null : key })}
      items={[
        { key: "policies", label: t("sla.tab.policies"), children: <PoliciesTab policies={policies} workdayMinutes={workdayMinutes} save={actions.savePolicy} /> },
        { key: "calendar", label: t("sla.tab.calendar"), children: <CalendarTab year={year} thisYear={thisYear} hours={hours} days={days} packageYears={packageYears} actions={actions} /> },
        { key: "templates", label: t("sla.tab.templates"), children: <TemplatesTab templates={templates} save={actions.saveTemplate} /> },
      ]}
    />
  );
}
