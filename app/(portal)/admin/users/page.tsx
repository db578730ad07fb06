import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { listUsers, userQuerySchema } from "@/lib/auth/list-users";
import { listRoles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { canManageUser } from "@/lib/system/can-manage-user";
import { listOrganisations } from "@/lib/system/list-organisations";
import { UsersView } from "@/components/admin/users-view";
import { Title } from "@/components/ui/typography";
import { createUserAction, resetPasswordAction, signOutEverywhereAction, updateUserAction } from "./actions";

export const metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("system.users");
  const locale = await getLocale();
  const sp = await searchParams;
  // A hand-edited URL with a bad value falls back to the defaults rather than failing the page.
  const parsed = userQuerySchema.safeParse({
    q: oneParam(sp.q), role: oneParam(sp.role), enabled: oneParam(sp.enabled), sort: oneParam(sp.sort), order: oneParam(sp.order), page: oneParam(sp.page), pageSize: oneParam(sp.pageSize),
  });
  const query = parsed.success ? { ...parsed.data, pageSize: Math.min(parsed.data.pageSize, 100) } : userQuerySchema.parse({});
  const { db } = getDb();
  const [users, roles, organisations] = await Promise.all([listUsers(db, query, actor.scope), listRoles(db), listOrganisations(db, actor.scope)]);
  const roleBy = new Map(roles.map((r) => [r.code, r]));
  const roleChoices = roles.map((r) => ({ code: r.code, name: r.name, scopeKind: r.scopeKind, grantable: r.permissions.every((p) => actor.permissions.includes(p)) }));
  const rows = users.rows.map((u) => ({ ...u, manageable: canManageUser(actor, u, roleBy.get(u.role)) }));
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "admin.users.title")}</Title>
      <UsersView
        rows={rows} total={users.total} query={query} roles={roleChoices} organisations={organisations} currentUserId={actor.userId} operatorScopeKind={actor.scope.kind}
        actions={{ create: createUserAction, update: updateUserAction, resetPassword: resetPasswordAction, signOutEverywhere: signOutEverywhereAction }}
      />
    </>
  );
}
