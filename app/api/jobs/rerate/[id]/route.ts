import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { can } from "@/lib/auth/permissions";
import { getQueues } from "@/lib/jobs/portal-queues";
import { rerateStatus } from "@/lib/jobs/queues";

export const dynamic = "force-dynamic";

/** A re-rating job's progress, for the people who can start one. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  if (!can(actor, "catalog.publish") && !can(actor, "metering.exceptions.resolve")) return jsonError(403, "forbidden", "没有权限");
  const { id } = await params;
  if (!/^rerate-[0-9a-z-]{1,60}$/.test(id)) return jsonError(400, "bad_request", "任务编号无效");
  return Response.json(await rerateStatus(getQueues(), id));
}
