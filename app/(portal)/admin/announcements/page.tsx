import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { announcementQuerySchema, listAnnouncements } from "@/lib/system/announcements";
import { AnnouncementsView } from "@/components/admin/announcements-view";
import { Title } from "@/components/ui/typography";
import { createAnnouncementAction, deleteAnnouncementAction, updateAnnouncementAction } from "./actions";

export const metadata = { title: "公告" };

export default async function AnnouncementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor("system.announcements");
  const sp = await searchParams;
  // A hand-edited URL with a bad value falls back to the defaults rather than failing the page.
  const parsed = announcementQuerySchema.safeParse({ q: oneParam(sp.q), status: oneParam(sp.status), sort: oneParam(sp.sort), order: oneParam(sp.order), page: oneParam(sp.page), pageSize: oneParam(sp.pageSize) });
  const query = parsed.success ? parsed.data : announcementQuerySchema.parse({});
  const [announcements, locale] = await Promise.all([listAnnouncements(getDb().db, query), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "admin.announcements.title")}</Title>
      <AnnouncementsView
        rows={announcements.rows} total={announcements.total} query={query}
        actions={{ create: createAnnouncementAction, update: updateAnnouncementAction, remove: deleteAnnouncementAction }}
      />
    </>
  );
}
