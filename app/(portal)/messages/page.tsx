import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listNotifications, notificationQuerySchema } from "@/lib/messages/notifications";
import { eventTypesFor, getPreferences } from "@/lib/messages/preferences";
import { MessagesView } from "@/components/messages/messages-view";
import { Title } from "@/components/ui/typography";
import { markAllNotificationsReadAction, markNotificationReadAction, setPreferenceAction } from "./actions";

export const metadata = { title: "消息中心" };

export default async function MessagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  // a hand-edited URL with a bad value falls back to the defaults rather than failing the page
  const parsed = notificationQuerySchema.safeParse({ status: oneParam(sp.status), type: oneParam(sp.type), page: oneParam(sp.page), pageSize: oneParam(sp.pageSize) });
  const query = parsed.success ? parsed.data : notificationQuerySchema.parse({});
  const tab = oneParam(sp.tab) === "preferences" ? "preferences" : "inbox";
  const db = getDb().db;
  const [notifications, preferences, locale] = await Promise.all([listNotifications(db, actor, query), getPreferences(db, actor), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "notify.page.title")}</Title>
      <MessagesView
        tab={tab} query={query} notifications={notifications} preferences={preferences} eventTypes={eventTypesFor(actor)}
        actions={{ markRead: markNotificationReadAction, markAllRead: markAllNotificationsReadAction, setPreference: setPreferenceAction }}
      />
    </>
  );
}
