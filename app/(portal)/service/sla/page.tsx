import { requireActor } from "@/app/_server/actor";
import { getT } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { listCalendarDays, loadWorkingHours } from "@/lib/sla/calendar";
import { packageYears } from "@/lib/sla/holiday-package";
import { listSlaPolicies } from "@/lib/sla/policies";
import { listTemplates } from "@/lib/sla/templates";
import { shanghaiMonth } from "@/lib/time/shanghai";
import { SlaAdminView } from "@/components/sla/sla-admin-view";
import { SLA_TABS, type SlaTab } from "@/components/sla/sla-tabs";
import { Title } from "@/components/ui/typography";
import { importHolidaysAction, removeCalendarDayAction, saveSlaPolicyAction, saveTemplateAction, setCalendarDayAction, updateWorkingHoursAction } from "./actions";

export const metadata = { title: "SLA 与日历" };

export default async function SlaPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor("itsm.sla.manage");
  const sp = await searchParams;
  const askedTab = oneParam(sp.tab);
  const tab: SlaTab = SLA_TABS.includes(askedTab as SlaTab) ? (askedTab as SlaTab) : "policies";
  const thisYear = Number(shanghaiMonth(Date.now()).slice(0, 4));
  const askedYear = Number(oneParam(sp.year));
  const year = Number.isInteger(askedYear) && askedYear >= 2000 && askedYear <= 2100 ? askedYear : thisYear;
  const { db } = getDb();
  const [t, policies, hours, days, templates] = await Promise.all([getT(), listSlaPolicies(db), loadWorkingHours(db), listCalendarDays(db, year), listTemplates(db)]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{t("sla.title")}</Title>
      <SlaAdminView
        tab={tab} year={year} thisYear={thisYear} policies={policies} hours={hours} days={days} templates={templates} packageYears={packageYears()}
        actions={{ savePolicy: saveSlaPolicyAction, saveHours: updateWorkingHoursAction, setDay: setCalendarDayAction, removeDay: removeCalendarDayAction, importYear: importHolidaysAction, saveTemplate: saveTemplateAction }}
      />
    </>
  );
}
