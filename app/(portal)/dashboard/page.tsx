import { requireActor } from "@/app/_server/actor";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listFileHours, getHomeOverview } from "@/lib/reports/home-overview";
import { listTodos } from "@/lib/reports/list-todos";
import { listActiveAnnouncements } from "@/lib/system/announcements";
import { DashboardView } from "@/components/dashboard/dashboard-view";

export const metadata = { title: "首页" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("home.read");
  const ctx = getDb();
  const overview = await getHomeOverview(ctx.pool, actor.scope, { month: oneParam((await searchParams).month) });
  const regionCodes = actor.scope.kind === "providers"
    ? (await ctx.db.provider.findMany({ where: { id: { in: actor.scope.providerIds } } })).flatMap((p) => p.regionCodes)
    : undefined;
  // a file carries many departments' records: department-scoped users see no files (as in the file list)
  const [files, todos, announcements] = await Promise.all([
    overview.month && can(actor, "metering.files.read") && actor.scope.kind !== "departments" ? listFileHours(ctx.pool, { month: overview.month, regionCodes }) : null,
    listTodos(ctx, actor),
    listActiveAnnouncements(ctx.db),
  ]);
  return <DashboardView overview={overview} files={files} todos={todos} announcements={announcements} displayName={actor.displayName} billsLinked={can(actor, "billing.read") && actor.scope.kind !== "providers"} />;
}
