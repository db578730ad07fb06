import { z } from "zod";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { AppError } from "../errors";
import { Dec } from "../money";
import { shanghaiMonth } from "../time/shanghai";
import { invalidBatch, pathText } from "../alarms/alarm-input";
import { NETWORK_METRICS, type NetworkMetric } from "./network-codes";
import { isBreach, loadThresholds, thresholdFor } from "./thresholds";

// Network quality samples (POST /api/v1/network-samples): stored exactly (Decimal, 6 places, half up), and the
// month's roll-up per target and metric (Shanghai month of the sample's time) is updated in the same transaction
// by an atomic upsert, so concurrent calls add up. A re-sent batch is stored and counted again: senders must not
// retry a call that succeeded (there is no sample id to deduplicate on).

export const MAX_SAMPLES_PER_CALL = 5000;

const value = z.union([z.number().finite(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, "value 应为数字")], { message: "value 应为数字或十进制字符串" })
  .transform((v) => new Dec(typeof v === "number" ? v.toString() : v).toDecimalPlaces(6, Dec.ROUND_HALF_UP));

export const networkSampleSchema = z.object({
  target: z.string({ message: "请填写 target（链路或服务）" }).trim().min(1, "请填写 target（链路或服务）").max(200, "target 最多 200 个字符"),
  metric: z.enum(NETWORK_METRICS, { message: `metric 应为 ${NETWORK_METRICS.join("、")} 之一` }),
  value,
  at: z.iso.datetime({ offset: true, message: "at 应为带时区的 ISO 时间，如 2026-03-01T08:00:00+08:00" }),
  provider: z.string().trim().max(50).optional().transform((v) => v || undefined),
}).superRefine((s, ctx) => {
  // runs also when another field failed: only a parsed value is checked
  if (!Dec.isDecimal(s.value)) return;
  if (s.value.isNegative()) ctx.addIssue({ code: "custom", path: ["value"], message: "value 不能为负数" });
  else if (s.metric !== "latency-ms" && s.value.gt(100)) ctx.addIssue({ code: "custom", path: ["value"], message: "百分比不能超过 100" });
  else if (s.value.gte("1e14")) ctx.addIssue({ code: "custom", path: ["value"], message: "value 过大" });
});

export type SampleIntakeResult = { received: number; breaches: number; months: string[] };

/** Clocks drift: a sample up to five minutes ahead of ours is accepted. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export type ParsedSample = { target: string; metric: NetworkMetric; value: Dec; at: Date; providerId: number | null };

/** Validates a call as a whole (nothing is stored when any sample is wrong), resolves providers like the alarm intake. */
async function parseSamples(db: Db, actor: Actor, body: unknown, now: Date): Promise<ParsedSample[]> {
  if (!Array.isArray(body)) throw invalidBatch("network.invalid", [{ path: "", message: "请求体应为样本数组" }]);
  if (!body.length) throw invalidBatch("network.invalid", [{ path: "", message: "样本列表为空" }]);
  if (body.length > MAX_SAMPLES_PER_CALL) throw invalidBatch("network.invalid", [{ path: "", message: `一次最多上报 ${MAX_SAMPLES_PER_CALL} 个样本` }]);
  const parsed = z.array(networkSampleSchema).safeParse(body);
  if (!parsed.success) throw invalidBatch("network.invalid", parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })));
  const codes = [...new Set(parsed.data.map((s) => s.provider).filter((c): c is string => Boolean(c)))];
  const providers = new Map((await db.provider.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  const unknown = parsed.data.flatMap((s, i) => (s.provider && !providers.has(s.provider) ? [{ path: `[${i}].provider`, message: `服务商编码 ${s.provider} 不存在` }] : []));
  // a measurement from the future (a reporter's wrong clock) would sit in a month that has not begun
  const future = parsed.data.flatMap((s, i) => (new Date(s.at).getTime() > now.getTime() + FUTURE_TOLERANCE_MS ? [{ path: `[${i}].at`, message: "测量时间晚于当前时间，请检查上报方的时钟" }] : []));
  if (unknown.length || future.length) throw invalidBatch("network.invalid", [...unknown, ...future]);
  const own = actor.scope.kind === "providers" ? actor.scope.providerIds : null;
  if (own && !own.length) throw new AppError("auth.forbidden", "令牌用户没有所属服务商，不能上报网络质量数据", undefined, 403);
  return parsed.data.map((s, i) => {
    const named = s.provider ? providers.get(s.provider)! : null;
    if (own && named !== null && !own.includes(named)) throw new AppError("auth.forbidden", `[${i}].provider：服务商令牌只能上报本服务商的数据（不能上报 ${s.provider}）`, undefined, 403);
    const providerId = named ?? (own ? (actor.providerId && own.includes(actor.providerId) ? actor.providerId : own[0]) : null);
    return { target: s.target, metric: s.metric, value: s.value, at: new Date(s.at), providerId };
  });
}

export async function ingestNetworkSamples(db: Db, actor: Actor, body: unknown, now = new Date()): Promise<SampleIntakeResult> {
  if (!can(actor, "alarm.ingest")) throw new AppError("auth.forbidden", "令牌用户没有上报网络质量数据的权限（alarm.ingest）", undefined, 403);
  if (actor.scope.kind === "departments") throw new AppError("auth.forbidden", "只有服务商或监管人员的令牌可以上报网络质量数据", undefined, 403);
  const samples = await parseSamples(db, actor, body, now);
  return recordNetworkSamples(db, samples, `api:${actor.username}`, now, actor.scope.kind === "providers");
}

type Group = { month: string; target: string; metric: NetworkMetric; providerId: number | null; samples: number; sum: Dec; min: Dec; max: Dec; breaches: number };

/**
 * Stores samples and adds them to their months' roll-ups. A target belongs to the provider that first reported it:
 * a provider's samples for another provider's target are refused (guarded = the reporter is a provider).
 */
export async function recordNetworkSamples(db: Db, samples: ParsedSample[], source: string, now = new Date(), guarded = false): Promise<SampleIntakeResult> {
  const thresholds = await loadThresholds(db);
  const groups = new Map<string, Group>();
  let breaches = 0;
  for (const s of samples) {
    const month = shanghaiMonth(s.at.getTime());
    const k = `${month}\u0000${s.target}\u0000${s.metric}`;
    const breach = isBreach(s.value, thresholdFor(thresholds, s.metric, s.target));
    if (breach) breaches++;
    const g = groups.get(k);
    if (!g) groups.set(k, { month, target: s.target, metric: s.metric, providerId: s.providerId, samples: 1, sum: s.value, min: s.value, max: s.value, breaches: breach ? 1 : 0 });
    else Object.assign(g, { samples: g.samples + 1, sum: g.sum.plus(s.value), min: Dec.min(g.min, s.value), max: Dec.max(g.max, s.value), breaches: g.breaches + (breach ? 1 : 0) });
  }
  await db.$transaction(async (tx) => {
    if (guarded) {
      const targets = [...new Set(samples.map((s) => s.target))];
      const mine = [...new Set(samples.map((s) => s.providerId))];
      const foreign = await tx.networkQualityMonth.findFirst({ where: { target: { in: targets }, providerId: { not: null, notIn: mine.filter((p): p is number => p !== null) } }, select: { target: true } });
      if (foreign) throw new AppError("auth.forbidden", `链路 ${foreign.target} 属于其他服务商，不能上报其数据`, undefined, 403);
    }
    for (let i = 0; i < samples.length; i += 5000) {
      await tx.networkSample.createMany({
        data: samples.slice(i, i + 5000).map((s) => ({ target: s.target, metric: s.metric, value: s.value.toFixed(6), at: s.at, providerId: s.providerId, source, receivedAt: now })),
      });
    }
    // in key order, so that concurrent calls lock the roll-up rows in the same order
    for (const g of [...groups.values()].sort((a, b) => (`${a.month}${a.target}${a.metric}` < `${b.month}${b.target}${b.metric}` ? -1 : 1))) {
      await tx.$executeRaw`
        INSERT INTO network_quality_month (month, target, metric, provider_id, samples, sum, min, max, breaches)
        VALUES (${g.month}, ${g.target}, ${g.metric}, ${g.providerId}, ${g.samples}, ${g.sum.toFixed(6)}::numeric, ${g.min.toFixed(6)}::numeric, ${g.max.toFixed(6)}::numeric, ${g.breaches})
        ON CONFLICT (month, target, metric) DO UPDATE SET
          provider_id = COALESCE(network_quality_month.provider_id, EXCLUDED.provider_id),
          samples = network_quality_month.samples + EXCLUDED.samples, sum = network_quality_month.sum + EXCLUDED.sum,
          min = LEAST(network_quality_month.min, EXCLUDED.min), max = GREATEST(network_quality_month.max, EXCLUDED.max),
          breaches = network_quality_month.breaches + EXCLUDED.breaches`;
    }
  }, { maxWait: 10_000, timeout: 120_000 });
  return { received: samples.length, breaches, months: [...new Set([...groups.values()].map((g) => g.month))].sort() };
}
