import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { listRoles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { RolesView } from "@/components/admin/roles-view";
import { Paragraph, Title } from "@/components/ui/typography";
import { deleteRoleAction, saveRoleAction } from "./actions";

export const metadata = { title: "角色与权限" };

export default async function RolesPage() {
  const actor = await requireActor("system.roles");
  const [roles, locale] = await Promise.all([listRoles(getDb().db), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "admin.roles.title")}</Title>
      <Paragraph type="secondary">{translate(locale, "admin.roles.intro")}</Paragraph>
      <RolesView roles={roles} operatorPermissions={actor.permissions} operatorScopeKind={actor.scope.kind} actions={{ save: saveRoleAction, remove: deleteRoleAction }} />
    </>
  );
}
