import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listExceptions } from "@/lib/metering/list-exceptions";
import { listMappingChoices } from "@/lib/metering/list-mapping-choices";
import { UNIT_FACTORS } from "@/lib/metering/rate/tariff";
import { ExceptionsView } from "@/components/metering/exceptions-view";
import { addPriceItemAction, mapProjectAction } from "./actions";
import { Paragraph, Title } from "@/components/ui/typography";

export const metadata = { title: "异常" };

export default async function ExceptionsPage() {
  const actor = await requireActor("metering.exceptions.read");
  const { db, pool } = getDb();
  const canResolve = can(actor, "metering.exceptions.resolve");
  const [exceptions, choices, locale] = await Promise.all([listExceptions(pool, actor.scope), canResolve ? listMappingChoices(db, actor.scope) : null, getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "metering.exceptions.title")}</Title>
      <Paragraph type="secondary">
        {translate(locale, "metering.exceptions.intro")}
      </Paragraph>
      <ExceptionsView exceptions={exceptions} choices={choices} unitFactors={UNIT_FACTORS} actions={canResolve ? { mapProject: mapProjectAction, addPriceItem: addPriceItemAction } : null} />
    </>
  );
}
