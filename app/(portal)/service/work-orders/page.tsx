import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import type { SearchParams } from "@/app/_server/search-params";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listWorkOrders, workOrderQuerySchema, workOrderSummaryByProvider, type WorkOrderTab } from "@/lib/itsm/work-orders";
import { listTemplates } from "@/lib/sla/templates";
import { listDictionaryEntries } from "@/lib/system/dictionaries";
import { WorkOrdersView } from "@/components/itsm/work-orders-view";
import { Title } from "@/components/ui/typography";
import { createWorkOrderAction } from "./actions";

export const metadata = { title: "工单" };

// the filters the timeliness page links with: a link with any of them opens the whole list, not the to-dos
const FILTERS = ["kind", "severity", "status", "provider", "department", "month", "breached", "delayReason", "review", "q"];

export default async function WorkOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("itsm.workorder.read");
  const sp = await searchParams;
  const summaryTab = sp.tab === "provider";
  const parsed = workOrderQuerySchema.safeParse({ ...sp, tab: summaryTab ? undefined : sp.tab });
  // a hand-edited URL with a bad value falls back to the defaults rather than failing the page
  const query = parsed.success ? parsed.data : workOrderQuerySchema.parse({});
  const hasTodos = can(actor, "itsm.workorder.manage") || can(actor, "itsm.workorder.handle") || can(actor, "itsm.request.submit");
  const tab: WorkOrderTab = query.tab ?? (FILTERS.some((f) => sp[f] !== undefined) || !hasTodos ? "all" : "todo");
  const { db } = getDb();
  const canManage = can(actor, "itsm.workorder.manage");
  const [orders, summary, providers, departments, delayReasons, templates, locale] = await Promise.all([
    listWorkOrders(db, actor, { ...query, tab }),
    workOrderSummaryByProvider(db, actor),
    // the provider names are no secret (the filter offers them all); departments only to whom opens orders for them
    db.provider.findMany({ select: { id: true, name: true }, orderBy: { code: "asc" } }),
    canManage ? db.department.findMany({ select: { id: true, name: true }, orderBy: { code: "asc" } }) : [],
    listDictionaryEntries(db, "delay-reason"),
    canManage ? listTemplates(db, { enabledOnly: true }) : [],
    getLocale(),
  ]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "itsm.orders.title")}</Title>
      <WorkOrdersView
        rows={orders.rows} total={orders.total} query={{ ...query, tab }} tab={summaryTab ? "provider" : tab} summary={summary} create={createWorkOrderAction}
        options={{
          providers, departments, delayReasons, templates, canCreate: canManage, canManage,
          showProvider: actor.scope.kind !== "providers",
        }}
      />
    </>
  );
}
