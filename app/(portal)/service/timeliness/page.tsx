import { requireActor } from "@/app/_server/actor";
import { getT } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { monthsEnding, timelinessByProvider, timelinessTrend } from "@/lib/itsm/timeliness";
import { listDictionaryEntries } from "@/lib/system/dictionaries";
import { isMonth, shanghaiMonth } from "@/lib/time/shanghai";
import { TimelinessView } from "@/components/sla/timeliness-view";
import { Title } from "@/components/ui/typography";

export const metadata = { title: "时效统计" };

export default async function TimelinessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("itsm.workorder.read");
  const sp = await searchParams;
  const current = shanghaiMonth(Date.now());
  const months = monthsEnding(current, 24).reverse();
  const asked = oneParam(sp.month);
  const month = asked && isMonth(asked) && asked <= current ? asked : current;
  const { db } = getDb();
  const [t, report, trend, reasons] = await Promise.all([
    getT(), timelinessByProvider(db, actor.scope, month), timelinessTrend(db, actor.scope, month, 12), listDictionaryEntries(db, "delay-reason"),
  ]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{t("sla.timeliness.title")}</Title>
      <TimelinessView
        month={month} months={months.includes(month) ? months : [month, ...months]} report={report} trend={trend}
        reasons={reasons.map((r) => ({ code: r.code, label: r.label, labelEn: r.labelEn }))}
        sort={oneParam(sp.sort) ?? null} order={oneParam(sp.order) === "asc" ? "asc" : "desc"}
      />
    </>
  );
}
