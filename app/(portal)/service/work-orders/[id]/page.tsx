import { notFound } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getWorkOrderDetail, listProviderColleagues } from "@/lib/itsm/work-order-detail";
import { listDictionaryEntries } from "@/lib/system/dictionaries";
import { WorkOrderDetailView } from "@/components/itsm/work-order-detail-view";
import { workOrderStepAction } from "../actions";

export const metadata = { title: "工单详情" };

export default async function WorkOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("itsm.workorder.read");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const { db } = getDb();
  const order = await getWorkOrderDetail(db, actor, id).catch((e) => {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  });
  const [providers, colleagues, delayReasons, faultCategories] = await Promise.all([
    order.actions.includes("assign") ? db.provider.findMany({ select: { id: true, name: true }, orderBy: { code: "asc" } }) : [],
    order.actions.includes("delegate") ? listProviderColleagues(db, actor, order.providerId) : [],
    listDictionaryEntries(db, "delay-reason", { enabledOnly: true }),
    listDictionaryEntries(db, "fault-category"),
  ]);
  return <WorkOrderDetailView order={order} options={{ providers, colleagues, delayReasons, faultCategories, alarmsLinked: can(actor, "alarm.read") }} step={workOrderStepAction} />;
}
