import { requireActor } from "@/app/_server/actor";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listExceptions } from "@/lib/metering/list-exceptions";
import { listMappingChoices } from "@/lib/metering/list-mapping-choices";
import { UNIT_FACTORS } from "@/lib/metering/rate/tariff";
import { ExceptionsView } from "@/components/metering/exceptions-view";
import { addPriceItemAction, mapProjectAction } from "./actions";
import { Paragraph, Title } from "@/components/ui/typography";

export const metadata = { title: "异常" };

export default async function ExceptionsPage() {
  const actor = await requireActor();
  const { db, pool } = getDb();
  const canResolve = can(actor, "metering.exceptions.resolve");
  const [exceptions, choices] = await Promise.all([listExceptions(pool, actor.scope), canResolve ? listMappingChoices(db) : null]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>异常</Title>
      <Paragraph type="secondary">
        计入用量但无法出账的话单：ProjectID 没有归属部门（未归属），或找不到生效的价格（未定价）。处理后会重新计费并重建受影响月份的账单。
      </Paragraph>
      <ExceptionsView exceptions={exceptions} choices={choices} unitFactors={UNIT_FACTORS} actions={canResolve ? { mapProject: mapProjectAction, addPriceItem: addPriceItemAction } : null} />
    </>
  );
}
