import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { Dec } from "../money";
import { ANY_TARGET, DEFAULT_NETWORK_THRESHOLDS, METRIC_THRESHOLD_OP, NETWORK_METRIC_NAMES, NETWORK_METRICS, type NetworkMetric, type ThresholdOp } from "./network-codes";

// Thresholds per metric: a row for every target ('*') and rows for single targets that override it. A sample is a
// breach when it is on the wrong side of the threshold in force when it arrives; changing a threshold later does
// not recount old samples (the month's average is compared with the threshold in force now).

export type Threshold = { op: ThresholdOp; limit: Dec };
export type ThresholdRow = { id: number; metric: NetworkMetric; target: string; op: ThresholdOp; limit: string };
export type ThresholdBook = Map<string, Threshold>;

const key = (metric: string, target: string) => `${metric}\u0000${target}`;

export async function loadThresholds(db: Pick<Db, "networkThreshold">): Promise<ThresholdBook> {
  const rows = await db.networkThreshold.findMany();
  return new Map(rows.map((r) => [key(r.metric, r.target), { op: r.op as ThresholdOp, limit: new Dec(r.limit.toString()) }]));
}

/** The target's own threshold, else the one for every target, else none. */
export function thresholdFor(book: ThresholdBook, metric: NetworkMetric, target: string): Threshold | null {
  return book.get(key(metric, target)) ?? book.get(key(metric, ANY_TARGET)) ?? null;
}

export function isBreach(value: Dec, t: Threshold | null): boolean {
  if (!t) return false;
  return t.op === "max" ? value.gt(t.limit) : value.lt(t.limit);
}

export async function listThresholds(db: Db): Promise<ThresholdRow[]> {
  const rows = await db.networkThreshold.findMany({ orderBy: [{ metric: "asc" }, { target: "asc" }] });
  const rank = (m: string) => NETWORK_METRICS.indexOf(m as NetworkMetric);
  return rows
    .map((r) => ({ id: r.id, metric: r.metric as NetworkMetric, target: r.target, op: r.op as ThresholdOp, limit: new Dec(r.limit.toString()).toString() }))
    .sort((a, b) => rank(a.metric) - rank(b.metric) || (a.target === ANY_TARGET ? -1 : b.target === ANY_TARGET ? 1 : a.target.localeCompare(b.target)));
}

export const thresholdSchema = z.object({
  metric: z.enum(NETWORK_METRICS, { message: "请选择指标" }),
  target: z.string({ message: "请填写链路或服务，* 表示全部" }).trim().min(1, "请填写链路或服务，* 表示全部").max(200, "最多 200 个字符").default(ANY_TARGET),
  limit: z.union([z.number(), z.string().trim()], { message: "请填写阈值" })
    .transform((v) => String(v))
    .refine((v) => /^\d+(\.\d{1,6})?$/.test(v), "阈值应为非负数，最多 6 位小数"),
}).superRefine((t, ctx) => {
  if (t.metric !== "latency-ms" && /^\d+(\.\d+)?$/.test(String(t.limit)) && new Dec(t.limit).gt(100)) ctx.addIssue({ code: "custom", path: ["limit"], message: "百分比不能超过 100" });
});
export type ThresholdInput = z.input<typeof thresholdSchema>;

function requireThresholdManager(actor: Actor) {
  if (!can(actor, "alarm.policy")) throw new AppError("auth.forbidden", "您没有修改网络质量阈值的权限", undefined, 403);
}

const describe = (t: { metric: NetworkMetric; target: string; limit: string }) =>
  `${NETWORK_METRIC_NAMES[t.metric]} ${t.target === ANY_TARGET ? "全部链路" : t.target} ${METRIC_THRESHOLD_OP[t.metric] === "max" ? "≤" : "≥"} ${t.limit}`;

/** Sets a metric's threshold for every target or for one (the direction follows the metric). */
export async function saveThreshold(db: Db, actor: Actor, input: ThresholdInput): Promise<ThresholdRow> {
  requireThresholdManager(actor);
  const t = thresholdSchema.parse(input);
  const op = METRIC_THRESHOLD_OP[t.metric];
  return db.$transaction(async (tx) => {
    const before = await tx.networkThreshold.findUnique({ where: { metric_target: { metric: t.metric, target: t.target } } });
    const after = await tx.networkThreshold.upsert({
      where: { metric_target: { metric: t.metric, target: t.target } }, create: { metric: t.metric, target: t.target, op, limit: t.limit }, update: { op, limit: t.limit },
    });
    await recordAudit(tx, { actor: auditActorOf(actor), action: before ? "network.threshold-update" : "network.threshold-create", entity: "network-threshold", entityId: after.id, summary: `网络质量阈值：${describe(t)}`, before, after });
    return { id: after.id, metric: t.metric, target: t.target, op, limit: new Dec(t.limit).toString() };
  });
}

/** Removes a target's own threshold (the one for every target applies again); the '*' rows stay. */
export async function deleteThreshold(db: Db, actor: Actor, id: number): Promise<void> {
  requireThresholdManager(actor);
  const thresholdId = z.number().int().positive().parse(id);
  await db.$transaction(async (tx) => {
    const before = await tx.networkThreshold.findUnique({ where: { id: thresholdId } });
    if (!before) throw new AppError("network.threshold-not-found", "阈值不存在", undefined, 404);
    if (before.target === ANY_TARGET) throw new AppError("network.threshold-default", "全部链路的阈值不能删除，可以修改", undefined, 409);
    await tx.networkThreshold.delete({ where: { id: thresholdId } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "network.threshold-delete", entity: "network-threshold", entityId: thresholdId, summary: `删除 ${before.target} 的${NETWORK_METRIC_NAMES[before.metric as NetworkMetric] ?? before.metric}阈值`, before });
  });
}

/** The '*' thresholds (latency ≤ 50 ms, loss ≤ 1 %, availability ≥ 99.9 %) where none is set; existing ones are left as edited. */
export async function ensureNetworkThresholds(db: Db): Promise<{ created: number }> {
  let created = 0;
  for (const metric of NETWORK_METRICS) {
    const { count } = await db.networkThreshold.createMany({ data: [{ metric, target: ANY_TARGET, op: METRIC_THRESHOLD_OP[metric], limit: DEFAULT_NETWORK_THRESHOLDS[metric] }], skipDuplicates: true });
    created += count;
  }
  return { created };
}
