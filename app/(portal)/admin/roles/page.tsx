import { requireActor } from "@/app/_server/actor";
import { listRoles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { RolesView } from "@/components/admin/roles-view";
import { Paragraph, Title } from "@/components/ui/typography";
import { deleteRoleAction, saveRoleAction } from "./actions";

export const metadata = { title: "角色与权限" };

export default async function RolesPage() {
  const actor = await requireActor("system.roles");
  const roles = await listRoles(getDb().db);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>角色与权限</Title>
      <Paragraph type="secondary">内置角色的权限随系统版本固定；如需不同的权限组合，请新建自定义角色。您只能授予自己拥有的权限和数据范围。</Paragraph>
      <RolesView roles={roles} operatorPermissions={actor.permissions} operatorScopeKind={actor.scope.kind} actions={{ save: saveRoleAction, remove: deleteRoleAction }} />
    </>
  );
}
