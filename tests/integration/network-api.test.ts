// Network quality samples through POST /api/v1/network-samples: exact decimals, the Shanghai month's roll-up with
// breaches against the threshold in force (a target's own over '*'), refused payloads, provider scopes, and the
// month's figures as the page shows them.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createUser } from "../../lib/auth/users";
import { ensureAlarmDefaults } from "../../lib/alarms/alarm-defaults";
import type { DbContext } from "../../lib/db";
import { getNetworkQuality } from "../../lib/network/network-quality";
import { deleteThreshold, listThresholds, saveThreshold } from "../../lib/network/thresholds";
import { importReference } from "../../lib/reference/import-reference";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const { POST } = await import("../../app/api/v1/network-samples/route");

let t: TestDb;
const tokens: Record<"supervisor" | "ct" | "cu", string> = { supervisor: "", ct: "", cu: "" };
let supervisor: Actor;
let ctId: number;

const send = async (body: unknown, token: string) => {
  const res = await POST(new Request("http://portal.test/api/v1/network-samples", { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) }));
  return { status: res.status, body: await res.json() };
};
const month = (m: string, target: string, metric: string) => t.db.networkQualityMonth.findUnique({ where: { month_target_metric: { month: m, target, metric } } });

beforeAll(async () => {
  t = await createTestDatabase("it_network_api");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  await importReference(t.db, referenceDir);
  await ensureAlarmDefaults(t.db);
  ctId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  const cuId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CU" } })).id;
  const users = {
    supervisor: await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管", role: "supervisor" }),
    ct: await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信", role: "provider", providerId: ctId }),
    cu: await createUser(t.db, { username: "cu", password: "password-1", displayName: "联通", role: "provider", providerId: cuId }),
  };
  for (const k of ["supervisor", "ct", "cu"] as const) tokens[k] = (await createApiToken(t.db, { userId: users[k].id, name: k })).token;
  supervisor = (await loadActorByUsername(t.db, "sup"))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("POST /api/v1/network-samples", () => {
  test("the defaults: latency ≤ 50, loss ≤ 1, availability ≥ 99.9 for every target", async () => {
    expect((await listThresholds(t.db)).map((r) => `${r.metric} ${r.target} ${r.op} ${r.limit}`)).toEqual(["latency-ms * max 50", "loss-pct * max 1", "availability-pct * min 99.9"]);
    expect(await ensureAlarmDefaults(t.db)).toEqual({ escalation: 0, thresholds: 0 });
  });

  test("samples roll up per Shanghai month, exactly, with breaches against the threshold in force", async () => {
    const res = await send([
      // 2026-02-28 23:59:59 in Shanghai: February
      { target: "CT-核心-A", metric: "latency-ms", value: 49.9, at: "2026-02-28T15:59:59Z" },
      // 2026-03-01 00:00 in Shanghai: March
      { target: "CT-核心-A", metric: "latency-ms", value: "50", at: "2026-02-28T16:00:00Z" },
      { target: "CT-核心-A", metric: "latency-ms", value: "50.000001", at: "2026-03-01T08:00:00+08:00" },
      { target: "CT-核心-A", metric: "latency-ms", value: "0.1", at: "2026-03-02T08:00:00+08:00" },
      { target: "CT-核心-A", metric: "latency-ms", value: 0.2, at: "2026-03-03T08:00:00+08:00" },
      { target: "CT-核心-A", metric: "availability-pct", value: "99.9", at: "2026-03-03T08:00:00+08:00" },
      { target: "CT-核心-A", metric: "availability-pct", value: "99.899", at: "2026-03-03T09:00:00+08:00" },
      { target: "CT-核心-A", metric: "loss-pct", value: "1.0000004", at: "2026-03-03T09:00:00+08:00" },
    ], tokens.ct);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 8, breaches: 2, months: ["2026-02", "2026-03"] });
    const feb = await month("2026-02", "CT-核心-A", "latency-ms");
    expect([feb!.samples, feb!.sum.toString(), feb!.breaches, feb!.providerId]).toEqual([1, "49.9", 0, ctId]);
    const mar = await month("2026-03", "CT-核心-A", "latency-ms");
    expect([mar!.samples, mar!.sum.toString(), mar!.min.toString(), mar!.max.toString(), mar!.breaches]).toEqual([4, "100.300001", "0.1", "50.000001", 1]);
    expect((await month("2026-03", "CT-核心-A", "availability-pct"))!.breaches).toBe(1);
    // 6 decimal places, half up: 1.0000004 is stored as 1 and is no breach of "≤ 1"
    expect((await month("2026-03", "CT-核心-A", "loss-pct"))!.breaches).toBe(0);
    expect((await t.db.networkSample.findFirstOrThrow({ where: { metric: "loss-pct" } })).value.toString()).toBe("1");
  });

  test("a target's own threshold overrides the one for every target, from the next sample on", async () => {
    await saveThreshold(t.db, supervisor, { metric: "latency-ms", target: "CT-核心-A", limit: "30" });
    const res = await send([
      { target: "CT-核心-A", metric: "latency-ms", value: 35, at: "2026-03-05T08:00:00+08:00" },
      { target: "CT-核心-B", metric: "latency-ms", value: 35, at: "2026-03-05T08:00:00+08:00" },
    ], tokens.ct);
    expect(res.body.breaches).toBe(1);
    expect((await month("2026-03", "CT-核心-A", "latency-ms"))!.breaches).toBe(2);
    expect((await month("2026-03", "CT-核心-B", "latency-ms"))!.breaches).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "network.threshold-create" } })).toBe(1);
  });

  test("concurrent calls add up on the same roll-up", async () => {
    const batch = Array.from({ length: 50 }, (_, i) => ({ target: "CT-并发", metric: "loss-pct", value: "0.5", at: `2026-03-10T0${i % 10}:00:00+08:00` }));
    const results = await Promise.all(Array.from({ length: 6 }, () => send(batch, tokens.ct)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const r = await month("2026-03", "CT-并发", "loss-pct");
    expect([r!.samples, r!.sum.toString()]).toEqual([300, "150"]);
  });

  test("a wrong sample refuses the call and names it; nothing is stored", async () => {
    const before = await t.db.networkSample.count();
    const bad = await send([
      { target: "CT-核心-A", metric: "latency-ms", value: 10, at: "2026-03-06T08:00:00+08:00" },
      { target: "CT-核心-A", metric: "jitter-ms", value: 10, at: "2026-03-06T08:00:00+08:00" },
      { target: "CT-核心-A", metric: "loss-pct", value: "12%", at: "2026-03-06" },
      { target: "CT-核心-A", metric: "availability-pct", value: 101, at: "2026-03-06T08:00:00+08:00" },
    ], tokens.ct);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fieldErrors)).toEqual(["[1].metric", "[2].value", "[2].at", "[3].value"]);
    expect((await send({ target: "x" }, tokens.ct)).body.error.message).toBe("请求体应为样本数组");
    expect((await send(Array.from({ length: 5001 }, () => ({ target: "x", metric: "loss-pct", value: 0, at: "2026-03-06T08:00:00Z" })), tokens.ct)).status).toBe(400);
    expect(await t.db.networkSample.count()).toBe(before);
  });

  test("a provider reports for its own links only", async () => {
    expect((await send([{ target: "CU-汇聚", metric: "loss-pct", value: 0.1, at: "2026-03-06T08:00:00Z", provider: "CT" }], tokens.cu)).status).toBe(403);
    const taken = await send([{ target: "CT-核心-A", metric: "loss-pct", value: 0.1, at: "2026-03-06T08:00:00Z" }], tokens.cu);
    expect(taken.status).toBe(403);
    expect(taken.body.error.message).toBe("链路 CT-核心-A 属于其他服务商，不能上报其数据");
    expect((await send([{ target: "CU-汇聚", metric: "loss-pct", value: 0.1, at: "2026-03-06T08:00:00Z" }], tokens.cu)).status).toBe(200);
  });
});

describe("the month's figures", () => {
  test("average, compliance and whether the average meets the threshold; providers see their own links", async () => {
    const all = await getNetworkQuality(t.db, supervisor.scope, "2026-03");
    const row = (target: string, metric: string) => all.rows.find((r) => r.target === target && r.metric === metric)!;
    expect(row("CT-核心-A", "latency-ms")).toMatchObject({ samples: 5, average: "27.060", min: "0.1", max: "50.000001", breaches: 2, compliance: "0.6000", threshold: { op: "max", limit: "30" }, meets: true });
    expect(row("CT-核心-A", "availability-pct")).toMatchObject({ samples: 2, average: "99.900", breaches: 1, compliance: "0.5000", threshold: { op: "min", limit: "99.9" }, meets: false });
    expect(all.months).toEqual(["2026-03", "2026-02"]);
    expect(all.trend.months).toHaveLength(12);
    expect(all.trend.points.at(-1)).toEqual({ month: "2026-03", values: { "CT-核心-A": "99.900" } });
    const ct = await getNetworkQuality(t.db, (await loadActorByUsername(t.db, "ct"))!.scope, "2026-03");
    expect(new Set(ct.rows.map((r) => r.target))).toEqual(new Set(["CT-核心-A", "CT-核心-B", "CT-并发"]));
    const cu = await getNetworkQuality(t.db, (await loadActorByUsername(t.db, "cu"))!.scope, "2026-03");
    expect(cu.rows.map((r) => r.target)).toEqual(["CU-汇聚"]);
  });

  test("a target's own threshold can be removed; the one for every target cannot", async () => {
    const own = (await listThresholds(t.db)).find((r) => r.target === "CT-核心-A")!;
    await deleteThreshold(t.db, supervisor, own.id);
    const star = (await listThresholds(t.db)).find((r) => r.target === "*")!;
    await expect(deleteThreshold(t.db, supervisor, star.id)).rejects.toMatchObject({ status: 409 });
    await expect(saveThreshold(t.db, supervisor, { metric: "loss-pct", target: "*", limit: "120" })).rejects.toMatchObject({ issues: [{ path: ["limit"], message: "百分比不能超过 100" }] });
  });
});
