import { getActor } from "@/app/_server/actor";
import { jsonError } from "@/app/_server/api-auth";
import { importCatalog, readCatalogFile } from "@/lib/catalog/import-catalog";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getQueues } from "@/lib/jobs/portal-queues";
import { requestRerate } from "@/lib/jobs/queues";

export const dynamic = "force-dynamic";

/** POST multipart `file` (xlsx or csv); `?apply=1` applies, otherwise a dry run that changes nothing. */
export async function POST(request: Request) {
  const actor = await getActor();
  if (!actor) return jsonError(401, "unauthorized", "请先登录");
  const file = (await request.formData().catch(() => null))?.get("file");
  if (!(file instanceof File)) return jsonError(400, "bad_request", "请选择要导入的 .xlsx 或 .csv 文件");
  const read = await readCatalogFile(file.name, Buffer.from(await file.arrayBuffer()));
  const apply = new URL(request.url).searchParams.get("apply") === "1";
  if (read.problems.length) return Response.json({ applied: false, plan: { added: [], changed: [], retired: [], unchanged: 0, problems: read.problems } });
  try {
    const result = await importCatalog(getDb().db, actor, read.rows, { dryRun: !apply });
    const rerateJobId = result.applied ? await requestRerate(getQueues(), { only: "all", reason: "catalog imported" }) : undefined;
    return Response.json({ ...result, rerateJobId });
  } catch (e) {
    if (e instanceof AppError) return jsonError(e.status, e.code, e.message);
    throw e;
  }
}
