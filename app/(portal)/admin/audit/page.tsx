import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/list-audit-events";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { AUDIT_EXPORT_LIMIT } from "@/lib/system/export-audit";
import { AuditView } from "@/components/admin/audit-view";
import { Title } from "@/components/ui/typography";

export const metadata = { title: "审计日志" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor("system.audit");
  const sp = await searchParams;
  // A hand-edited URL with a bad value falls back to the defaults rather than failing the page.
  const parsed = auditQuerySchema.safeParse({ q: oneParam(sp.q), action: oneParam(sp.action), from: oneParam(sp.from), to: oneParam(sp.to), page: oneParam(sp.page), pageSize: oneParam(sp.pageSize) });
  const query = parsed.success ? { ...parsed.data, pageSize: Math.min(parsed.data.pageSize, 100) } : auditQuerySchema.parse({});
  const [events, locale] = await Promise.all([listAuditEvents(getDb().db, query), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "admin.audit.title")}</Title>
      <AuditView rows={events.rows} total={events.total} query={query} exportLimit={AUDIT_EXPORT_LIMIT} />
    </>
  );
}
