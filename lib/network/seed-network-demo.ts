import type { Db } from "../db";
import { Dec } from "../money";
import { monthStart, shanghaiMonth } from "../time/shanghai";
import { recordNetworkSamples, type ParsedSample } from "./ingest-samples";
import type { NetworkMetric } from "./network-codes";

// Demo network quality: four links of the two providers, hourly samples for this month so far and the whole of
// last month, daily ones for the ten months before (the availability trend). Reproducible (a seeded generator);
// runs once (samples from the source "demo" present = done).

const DEMO_SOURCE = "demo";

type Link = { target: string; provider: "CT" | "CU"; latency: [number, number]; latencySpike: number; loss: [number, number]; lossSpike: number; outage: number };
const LINKS: Link[] = [
  { target: "CT-城域核心-A", provider: "CT", latency: [6, 12], latencySpike: 0.002, loss: [0, 0.05], lossSpike: 0.001, outage: 0.001 },
  { target: "CT-云间互联-01", provider: "CT", latency: [18, 36], latencySpike: 0.03, loss: [0, 0.2], lossSpike: 0.01, outage: 0.004 },
  { target: "CU-区县汇聚-B", provider: "CU", latency: [20, 42], latencySpike: 0.05, loss: [0.5, 1.5], lossSpike: 0.04, outage: 0.006 },
  { target: "CU-视频专网-主干", provider: "CU", latency: [10, 20], latencySpike: 0.005, loss: [0, 0.1], lossSpike: 0.005, outage: 0.012 },
];

/** mulberry32: a small seeded generator, so that the demo is the same on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedNetworkDemo(db: Db, now = new Date()): Promise<number> {
  if (await db.networkSample.findFirst({ where: { source: DEMO_SOURCE }, select: { id: true } })) return 0;
  const providers = new Map((await db.provider.findMany({ select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  const random = generator(20260301);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * random();
  const thisMonth = shanghaiMonth(now.getTime());
  const lastMonthStart = monthStart(shanghaiMonth(monthStart(thisMonth) - 1));
  let trendStart = lastMonthStart;
  for (let i = 0; i < 10; i++) trendStart = monthStart(shanghaiMonth(trendStart - 1));

  const samples: ParsedSample[] = [];
  const add = (link: Link, at: number, metric: NetworkMetric, value: number, places: number) =>
    samples.push({ target: link.target, metric, value: new Dec(value.toFixed(places)), at: new Date(at), providerId: providers.get(link.provider) ?? null });
  const measure = (link: Link, at: number) => {
    add(link, at, "latency-ms", random() < link.latencySpike ? between([55, 90]) : between(link.latency), 2);
    add(link, at, "loss-pct", random() < link.lossSpike ? between([1.2, 3.5]) : between(link.loss), 3);
    add(link, at, "availability-pct", random() < link.outage ? between([92, 99.5]) : 100, 3);
  };
  for (const link of LINKS) {
    for (let at = trendStart; at < lastMonthStart; at += 24 * 3600_000) measure(link, at + 10 * 3600_000);
    for (let at = lastMonthStart; at <= now.getTime(); at += 3600_000) measure(link, at);
  }
  await recordNetworkSamples(db, samples, DEMO_SOURCE, now);
  return samples.length;
}
