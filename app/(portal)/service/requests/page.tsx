import { redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import type { SearchParams } from "@/app/_server/search-params";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listRequests, requestQuerySchema } from "@/lib/itsm/requests";
import { requestFormOptions } from "@/lib/itsm/request-form-options";
import { RequestsView } from "@/components/itsm/requests-view";
import { Title } from "@/components/ui/typography";
import { resubmitRequestAction, submitRequestAction } from "./actions";

export const metadata = { title: "服务申请" };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, "itsm.request.submit") && !can(actor, "itsm.request.review")) redirect("/forbidden");
  // a hand-edited URL with a bad value falls back to the defaults rather than failing the page
  const parsed = requestQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : requestQuerySchema.parse({});
  const { db } = getDb();
  const canSubmit = can(actor, "itsm.request.submit") && actor.departmentId !== null;
  const [requests, formOptions, locale] = await Promise.all([listRequests(db, actor, query), canSubmit ? requestFormOptions(db, actor) : null, getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, can(actor, "itsm.request.review") ? "itsm.requests.queueTitle" : "itsm.requests.title")}</Title>
      <RequestsView rows={requests.rows} total={requests.total} query={query} canSubmit={canSubmit} formOptions={formOptions} actions={{ submit: submitRequestAction, resubmit: resubmitRequestAction }} />
    </>
  );
}
