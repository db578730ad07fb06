import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { listAlarmRules } from "@/lib/alarms/alarm-rules";
import { getEscalationSettings } from "@/lib/alarms/escalation-settings";
import { listFilterPolicies, recentAttributeNames } from "@/lib/alarms/filter-policies";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { PoliciesView, type PoliciesTab } from "@/components/alarms/policies-view";
import { Title } from "@/components/ui/typography";
import { createPolicyAction, deleteRuleAction, endPolicyAction, previewPolicyAction, saveEscalationAction, saveRuleAction } from "./actions";

export const metadata = { title: "告警过滤策略与规则" };

// what every alarm carries, suggested before any alarm has arrived
const BASE_ATTRIBUTES = ["source", "name", "severity", "resource", "provider", "department"];

export default async function AlarmPoliciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireActor("alarm.policy");
  const sp = await searchParams;
  const asked = oneParam(sp.tab);
  const tab: PoliciesTab = asked === "rules" || asked === "escalation" ? asked : "filters";
  const which = oneParam(sp.which) === "expired" ? "expired" : "current";
  const { db } = getDb();
  const [policies, rules, escalation, attributes, locale] = await Promise.all([
    listFilterPolicies(db, which), listAlarmRules(db), getEscalationSettings(db), recentAttributeNames(db), getLocale(),
  ]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "alarm.policies.title")}</Title>
      <PoliciesView
        tab={tab} which={which} policies={policies} rules={rules} escalation={escalation} attributes={[...new Set([...BASE_ATTRIBUTES, ...attributes])]}
        actions={{ createPolicy: createPolicyAction, endPolicy: endPolicyAction, preview: previewPolicyAction, saveRule: saveRuleAction, deleteRule: deleteRuleAction, saveEscalation: saveEscalationAction }}
      />
    </>
  );
}
