// The SLA watcher as it runs in production: the workers' scheduled operations tick, several times over, against a real
// database and Redis. A warning goes out exactly once (one domain event, one timeline step, one notification per
// recipient when the message center is there), a breach is marked and escalated once, and two watchers racing on the
// same order still act once.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import { env } from "../../lib/env";
import { watchSlas } from "../../lib/itsm/watch-slas";
import { performWorkOrderAction } from "../../lib/itsm/work-order-actions";
import { createWorkOrder } from "../../lib/itsm/work-orders";
import { redisConnection } from "../../lib/jobs/queues";
import { startWorkers } from "../../lib/jobs/start-workers";
import { importReference } from "../../lib/reference/import-reference";
import { ensureSlaDefaults } from "../../lib/sla/ensure-defaults";
import { saveSlaPolicy } from "../../lib/sla/policies";
import { ensureMessageDefaults } from "../../lib/messages/message-defaults";
import { ensureDefaultDictionaries } from "../../lib/system/dictionaries";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let sup: Actor;
let ctId: number;
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
const HOUR = 3600_000;

const open = (title: string, severity: "p3" | "p4", openedAt: Date) =>
  createWorkOrder(t.db, sup, { kind: "consultation", title, description: "SLA 监控测试", severity, providerId: ctId }, openedAt);

beforeAll(async () => {
  t = await createTestDatabase("itsm_watcher");
  await importReference(t.db, referenceDir);
  await ensureDefaultDictionaries(t.db);
  await ensureSlaDefaults(t.db);
  await ensureMessageDefaults(t.db);
  ctId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管员", role: "supervisor" });
  await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信工程师", role: "provider", providerId: ctId });
  sup = (await loadActorByUsername(t.db, "sup"))!;
  // on the 24x7 clock, so that the test's times do not depend on when it runs
  await saveSlaPolicy(t.db, sup, { kind: "consultation", severity: "p3", clock: "calendar", responseMinutes: 600, resolutionMinutes: 6000, warnShare: "0.8" });
  await saveSlaPolicy(t.db, sup, { kind: "consultation", severity: "p4", clock: "calendar", responseMinutes: 60, resolutionMinutes: 6000, warnShare: "0.8" });
});

afterAll(async () => {
  await workers?.close();
  await t?.drop();
  await dropTemplate();
});

describe("the scheduled SLA watcher", () => {
  test("warns exactly once, and marks a breach once, over many ticks", async () => {
    // response warning at 8 h of 10: passed 9 h after opening; due not yet
    const warned = await open("预警工单", "p3", new Date(Date.now() - 9 * HOUR));
    // response due after 1 h: breached 2 h after opening (its warning would only come after the fact)
    const breached = await open("超时工单", "p4", new Date(Date.now() - 2 * HOUR));

    workers = await startWorkers({
      ctx: t, sources: [], connection: redisConnection(env.REDIS_URL), prefix: `it-itsm-watch-${process.pid}`, concurrency: 1,
      pollEveryMs: 60_000, operationsEveryMs: 300, log: () => {},
    });
    const ticks = async () => (await workers!.queues.operations.getCompletedCount());
    const until = Date.now() + 20_000;
    while ((await ticks()) < 5 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await ticks()).toBeGreaterThanOrEqual(5);
    await workers.close();
    workers = undefined;

    const events = await t.db.domainEvent.findMany({ where: { type: { in: ["workorder.warning", "workorder.breached"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ["workorder.warning", `workorder:${warned.id}:response`],
      ["workorder.breached", `workorder:${breached.id}:response`],
    ]);
    expect(events[0].payload).toMatchObject({ workOrderId: warned.id, number: warned.number, target: "response", providerId: ctId });
    expect(await t.db.ticketEvent.count({ where: { workOrderId: warned.id, action: "warning" } })).toBe(1);
    expect(await t.db.ticketEvent.count({ where: { workOrderId: warned.id, action: "breach" } })).toBe(0);
    expect(await t.db.ticketEvent.count({ where: { workOrderId: breached.id, action: { in: ["warning", "breach"] } } })).toBe(1);

    const w = await t.db.workOrder.findUniqueOrThrow({ where: { id: warned.id } });
    expect([w.responseWarnedAt !== null, w.responseBreachedAt, w.resolutionWarnedAt, w.escalationLevel, w.reviewRequired]).toEqual([true, null, null, 0, false]);
    const b = await t.db.workOrder.findUniqueOrThrow({ where: { id: breached.id } });
    expect([b.responseBreachedAt !== null, b.escalationLevel, b.reviewRequired, b.resolutionBreachedAt]).toEqual([true, 1, true, null]);

    // the message center notifies each recipient once: the warning the provider's staff (no assignee yet), the breach them and the supervisors
    const notified = await t.db.notification.groupBy({ by: ["eventType", "userId"], where: { eventType: { in: ["workorder.warning", "workorder.breached"] } }, _count: { _all: true }, orderBy: [{ eventType: "asc" }, { userId: "asc" }] });
    const [ctUser, supUser] = [(await loadActorByUsername(t.db, "ct"))!.userId, sup.userId];
    // (the supervisor was created first: the lower id)
    expect(notified.map((x) => [x.eventType, x.userId, x._count._all])).toEqual([
      ["workorder.breached", supUser, 1], ["workorder.breached", ctUser, 1], ["workorder.warning", ctUser, 1],
    ]);
  });

  test("two watchers racing on one order act once", async () => {
    const o = await open("并发预警工单", "p3", new Date(Date.now() - 9 * HOUR));
    const now = new Date();
    const results = await Promise.all([watchSlas(t.db, now), watchSlas(t.db, now), watchSlas(t.db, now)]);
    expect(results.reduce((n, r) => n + r.warned, 0)).toBe(1);
    expect(await t.db.domainEvent.count({ where: { type: "workorder.warning", subject: `workorder:${o.id}:response` } })).toBe(1);
    expect(await watchSlas(t.db, new Date())).toEqual({ warned: 0, breached: 0 });
  });

  test("a pending order is never warned", async () => {
    const ct = (await loadActorByUsername(t.db, "ct"))!;
    const o = await open("挂起工单", "p3", new Date(Date.now() - 9 * HOUR));
    const marks = () => t.db.ticketEvent.findMany({ where: { workOrderId: o.id, action: { in: ["warning", "breach"] } }, select: { action: true } });
    await performWorkOrderAction(t.db, sup, o.id, { action: "pause", reason: "等待用户确认时间" });
    await watchSlas(t.db, new Date(Date.now() + 30 * HOUR));
    expect(await marks()).toEqual([]);
    await performWorkOrderAction(t.db, ct, o.id, { action: "resume" });
    await watchSlas(t.db, new Date());
    expect(await marks()).toEqual([{ action: "warning" }]);
  });
});
