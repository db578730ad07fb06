import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { mayConfirmClears } from "@/lib/alarms/handle-alarms";
import { alarmFilterOptions, alarmQueryFromParams, alarmQuerySchema, countLiveAlarms, getAlarmDetail, listAlarms } from "@/lib/alarms/list-alarms";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { AlarmsView } from "@/components/alarms/alarms-view";
import { Title } from "@/components/ui/typography";
import { ackAlarmAction, clearAlarmAction, confirmClearAction, openWorkOrderAction, unackAlarmAction } from "./actions";

export const metadata = { title: "告警" };

export default async function AlarmsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("alarm.read");
  const sp = await searchParams;
  // A hand-edited URL with a bad value falls back to the defaults rather than failing the page.
  const parsed = alarmQueryFromParams((k) => { const v = sp[k]; return v === undefined ? [] : Array.isArray(v) ? v : [v]; });
  const query = parsed.success ? parsed.data : alarmQuerySchema.parse({});
  const openId = Number(oneParam(sp.alarm));
  const { db } = getDb();
  const chooseProvider = actor.scope.kind === "all";
  const [alarms, counts, options, detail, providers, locale] = await Promise.all([
    listAlarms(db, actor.scope, query),
    countLiveAlarms(db, actor.scope),
    alarmFilterOptions(db, actor.scope),
    Number.isInteger(openId) && openId > 0 ? getAlarmDetail(db, actor.scope, openId).catch(() => null) : null,
    chooseProvider ? db.provider.findMany({ select: { id: true, code: true, name: true }, orderBy: { id: "asc" } }) : null,
    getLocale(),
  ]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "alarm.title")}</Title>
      <AlarmsView
        rows={alarms.rows} total={alarms.total} query={query} counts={counts} sources={options.sources} providers={providers ?? options.providers}
        detail={detail} now={new Date().toISOString()}
        powers={{ handle: can(actor, "alarm.handle"), confirm: mayConfirmClears(actor), chooseProvider }}
        actions={{ ack: ackAlarmAction, unack: unackAlarmAction, clear: clearAlarmAction, confirmClear: confirmClearAction, openWorkOrder: openWorkOrderAction }}
      />
    </>
  );
}
