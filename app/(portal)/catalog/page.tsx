import { requireActor } from "@/app/_server/actor";
import { getT } from "@/app/_server/locale";
import { oneParam, pageParam, type SearchParams } from "@/app/_server/search-params";
import { can } from "@/lib/auth/permissions";
import { listCatalog, unifiedCatalog, catalogQuerySchema } from "@/lib/catalog/list-catalog";
import { todayShanghai } from "@/lib/catalog/plan-catalog-import";
import { getDb } from "@/lib/db";
import { UNIT_FACTORS } from "@/lib/metering/rate/tariff";
import { CatalogView } from "@/components/catalog/catalog-view";
import { Title } from "@/components/ui/typography";
import { deleteDraftAction, publishAction, retireAction, saveDraftAction } from "./actions";

export const metadata = { title: "服务目录" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("catalog.read");
  const sp = await searchParams;
  const editor = can(actor, "catalog.manage");
  const view = oneParam(sp.view) === "unified" ? "unified" : "items";
  const today = todayShanghai();
  const parsed = catalogQuerySchema.safeParse({
    q: oneParam(sp.q), provider: oneParam(sp.provider), category: oneParam(sp.category), status: oneParam(sp.status) || undefined,
    sort: oneParam(sp.sort), order: oneParam(sp.order), page: pageParam(sp.page), pageSize: oneParam(sp.pageSize),
    // the self-service view shows the prices in force today; editors see every version unless they filter
    on: editor ? oneParam(sp.on) || undefined : today,
  });
  const query = parsed.success ? parsed.data : catalogQuerySchema.parse({});
  const { db } = getDb();
  const [items, unified, providers] = await Promise.all([
    listCatalog(db, actor, query),
    view === "unified" ? unifiedCatalog(db, { on: oneParam(sp.on) }) : null,
    db.provider.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
  ]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{(await getT())("nav.catalog")}</Title>
      <CatalogView
        view={view}
        items={items}
        unified={unified}
        query={query}
        providers={providers}
        today={today}
        unitFactors={UNIT_FACTORS}
        permissions={{ manage: editor, publish: can(actor, "catalog.publish") }}
        actions={editor ? { saveDraft: saveDraftAction, deleteDraft: deleteDraftAction, publish: publishAction, retire: retireAction } : null}
      />
    </>
  );
}
