import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listRoleOptions, listRules, listTemplates } from "@/lib/messages/manage-messages";
import { MessageAdminView } from "@/components/messages/message-admin-view";
import { Title } from "@/components/ui/typography";
import { createRuleAction, deleteRuleAction, setRuleEnabledAction, updateRuleAction, updateTemplateAction } from "./actions";

export const metadata = { title: "消息模板与规则" };

export default async function MessageAdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("messages.manage");
  const tab = oneParam((await searchParams).tab) === "rules" ? "rules" : "templates";
  const db = getDb().db;
  const [templates, rules, roles, locale] = await Promise.all([listTemplates(db, actor), listRules(db, actor), listRoleOptions(db), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "notify.admin.title")}</Title>
      <MessageAdminView
        tab={tab} templates={templates} rules={rules} roles={roles}
        actions={{ updateTemplate: updateTemplateAction, createRule: createRuleAction, updateRule: updateRuleAction, setRuleEnabled: setRuleEnabledAction, deleteRule: deleteRuleAction }}
      />
    </>
  );
}
