import { requireActor } from "@/app/_server/actor";
import { getT } from "@/app/_server/locale";
import { getDb } from "@/lib/db";
import { getOrgTree } from "@/lib/org/manage-org";
import { OrgTreeView } from "@/components/org/org-tree-view";
import { Title } from "@/components/ui/typography";
import { saveDepartmentAction, saveProjectAction, saveVdcAction } from "./actions";

export const metadata = { title: "组织机构" };

export default async function OrgPage() {
  const actor = await requireActor("system.org");
  const tree = await getOrgTree(getDb().db, actor);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{(await getT())("nav.org")}</Title>
      <OrgTreeView tree={tree} canAddDepartment={actor.scope.kind === "all"} actions={{ saveDepartment: saveDepartmentAction, saveVdc: saveVdcAction, saveProject: saveProjectAction }} />
    </>
  );
}
