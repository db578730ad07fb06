import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { getNetworkQuality } from "@/lib/network/network-quality";
import { listThresholds } from "@/lib/network/thresholds";
import { NetworkView } from "@/components/network/network-view";
import { Title } from "@/components/ui/typography";
import { deleteThresholdAction, saveThresholdAction } from "./actions";

export const metadata = { title: "网络质量" };

export default async function NetworkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("alarm.read");
  const asked = oneParam((await searchParams).month);
  const { db } = getDb();
  const [quality, thresholds, locale] = await Promise.all([getNetworkQuality(db, actor.scope, asked), listThresholds(db), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "network.title")}</Title>
      <NetworkView
        quality={quality} thresholds={thresholds} asked={asked ?? null}
        editThresholds={can(actor, "alarm.policy") ? { save: saveThresholdAction, remove: deleteThresholdAction } : null}
      />
    </>
  );
}
