// The alarm API through its route handlers with real tokens against a real database: intake and dedup, clears
// and new occurrences, refused payloads, provider scopes, filter policies, escalation, and the round trip from an
// alarm to a closed work order.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createUser } from "../../lib/auth/users";
import { ensureAlarmDefaults } from "../../lib/alarms/alarm-defaults";
import { saveAlarmRule } from "../../lib/alarms/alarm-rules";
import { escalateUnackedAlarms } from "../../lib/alarms/escalate-alarms";
import { saveEscalationSettings } from "../../lib/alarms/escalation-settings";
import { createFilterPolicy, endFilterPolicy, listFilterPolicies, previewPolicy } from "../../lib/alarms/filter-policies";
import { alarmsToXlsx } from "../../lib/alarms/export-alarms";
import { alarmFilterOptions, countLiveAlarms } from "../../lib/alarms/list-alarms";
import { readXlsxRows } from "../../lib/export/table-xlsx";
import type { DbContext } from "../../lib/db";
import { importReference } from "../../lib/reference/import-reference";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const alarmsRoute = await import("../../app/api/v1/alarms/route");
const alertmanagerRoute = await import("../../app/api/v1/alarms/alertmanager/route");
const alarmRoute = await import("../../app/api/v1/alarms/[id]/route");
const actionRoute = await import("../../app/api/v1/alarms/[id]/[action]/route");

let t: TestDb;
const tokens: Record<"supervisor" | "ct" | "cu" | "tenant", string> = { supervisor: "", ct: "", cu: "", tenant: "" };
let supervisor: Actor;
let ctId: number;
let cuId: number;

const headers = (token?: string) => ({ "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) });
const report = async (body: unknown, token: string) => {
  const res = await alarmsRoute.POST(new Request("http://portal.test/api/v1/alarms", { method: "POST", headers: headers(token), body: typeof body === "string" ? body : JSON.stringify(body) }));
  return { status: res.status, body: await res.json() };
};
const list = async (query: string, token: string) => {
  const res = await alarmsRoute.GET(new Request(`http://portal.test/api/v1/alarms${query}`, { headers: headers(token) }));
  return { status: res.status, body: await res.json() };
};
const act = async (id: number, action: string, token: string, body?: unknown) => {
  const res = await actionRoute.POST(
    new Request(`http://portal.test/api/v1/alarms/${id}/${action}`, { method: "POST", headers: headers(token), body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve({ id: String(id), action }) },
  );
  return { status: res.status, body: await res.json() };
};
const detail = async (id: number, token: string) => {
  const res = await alarmRoute.GET(new Request(`http://portal.test/api/v1/alarms/${id}`, { headers: headers(token) }), { params: Promise.resolve({ id: String(id) }) });
  return { status: res.status, body: await res.json() };
};
const alarmsCount = () => t.db.alarm.count();
const minutesAfter = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

beforeAll(async () => {
  t = await createTestDatabase("it_alarm_api");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  await importReference(t.db, referenceDir);
  await ensureAlarmDefaults(t.db);
  ctId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  cuId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CU" } })).id;
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  const users = {
    supervisor: await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管", role: "supervisor" }),
    ct: await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信", role: "provider", providerId: ctId }),
    cu: await createUser(t.db, { username: "cu", password: "password-1", displayName: "联通", role: "provider", providerId: cuId }),
    tenant: await createUser(t.db, { username: "wjw", password: "password-1", displayName: "卫健委", role: "tenant", departmentId: wjw.id }),
  };
  for (const k of ["supervisor", "ct", "cu", "tenant"] as const) tokens[k] = (await createApiToken(t.db, { userId: users[k].id, name: k })).token;
  supervisor = (await loadActorByUsername(t.db, "sup"))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("intake", () => {
  test("401 without a token, 403 for a user without alarm.ingest", async () => {
    const res = await alarmsRoute.POST(new Request("http://portal.test/api/v1/alarms", { method: "POST", headers: headers(), body: "{}" }));
    expect(res.status).toBe(401);
    const tenant = await report({ source: "zabbix", name: "x", severity: "minor" }, tokens.tenant);
    expect(tenant.status).toBe(403);
    expect(await alarmsCount()).toBe(0);
  });

  test("repeated firings of one fingerprint count on one occurrence", async () => {
    const alarm = { source: "zabbix", name: "CPU 使用率过高", severity: "major", resource: "vm-1", labels: { env: "prod" }, at: "2026-03-01T08:00:00+08:00" };
    const first = await report([alarm, { ...alarm, at: "2026-03-01T08:05:00+08:00" }], tokens.supervisor);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 2, opened: 1, repeated: 1, cleared: 0, ignored: 0 });
    expect(first.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(["opened", "repeated"]);
    const again = await report({ ...alarm, at: "2026-03-01T08:10:00+08:00", summary: "94%" }, tokens.supervisor);
    expect(again.body.items[0]).toMatchObject({ alarmId: first.body.items[0].alarmId, outcome: "repeated" });
    const row = await t.db.alarm.findUniqueOrThrow({ where: { id: first.body.items[0].alarmId } });
    expect(row).toMatchObject({ status: "firing", count: 3, summary: "94%", firstAt: new Date("2026-03-01T00:00:00Z"), lastAt: new Date("2026-03-01T00:10:00Z"), providerId: null });
    expect(row.attributes).toEqual({ env: "prod", source: "zabbix", name: "CPU 使用率过高", severity: "major", resource: "vm-1" });
    // vm-10 is another alarm
    const other = await report({ ...alarm, resource: "vm-10" }, tokens.supervisor);
    expect(other.body.opened).toBe(1);
  });

  test("concurrent firings meet on one row", async () => {
    const alarm = { fingerprint: "race-1", source: "prometheus", name: "NodeDown", severity: "critical" };
    const results = await Promise.all(Array.from({ length: 8 }, () => report(alarm, tokens.supervisor)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await t.db.alarm.findMany({ where: { fingerprint: "race-1" } });
    expect(rows.map((r) => [r.status, r.count])).toEqual([["firing", 8]]);
    expect(results.filter((r) => r.body.opened === 1)).toHaveLength(1);
  });

  test("a resolved notification clears the occurrence; a firing after it opens a new one", async () => {
    const alarm = { fingerprint: "disk-7", source: "zabbix", name: "磁盘空间不足", severity: "warning", resource: "vm-7" };
    const opened = await report({ ...alarm, at: "2026-03-02T09:00:00+08:00" }, tokens.supervisor);
    const firstId = opened.body.items[0].alarmId;
    const cleared = await report({ ...alarm, status: "resolved", at: "2026-03-02T09:30:00+08:00" }, tokens.supervisor);
    expect(cleared.body.items[0]).toEqual({ index: 0, alarmId: firstId, outcome: "cleared", suppressed: false });
    expect(await t.db.alarm.findUniqueOrThrow({ where: { id: firstId } })).toMatchObject({ status: "cleared", clearedBy: "source", clearedAt: new Date("2026-03-02T01:30:00Z"), count: 1 });
    // nothing to clear twice
    expect((await report({ ...alarm, status: "resolved" }, tokens.supervisor)).body.items[0]).toMatchObject({ alarmId: null, outcome: "ignored" });
    const refired = await report({ ...alarm, at: "2026-03-02T10:00:00+08:00" }, tokens.supervisor);
    expect(refired.body.items[0].outcome).toBe("opened");
    expect(refired.body.items[0].alarmId).not.toBe(firstId);
    expect((await t.db.alarm.findMany({ where: { fingerprint: "disk-7" }, orderBy: { id: "asc" } })).map((a) => [a.status, a.count])).toEqual([["cleared", 1], ["firing", 1]]);
    // in one call: firing, resolved, firing = two occurrences, in the order sent
    const flap = await report([{ ...alarm, fingerprint: "flap" }, { ...alarm, fingerprint: "flap", status: "resolved" }, { ...alarm, fingerprint: "flap" }], tokens.supervisor);
    expect(flap.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(["opened", "cleared", "opened"]);
    const events = await t.db.alarmEvent.findMany({ where: { alarmId: firstId }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorName])).toEqual([["opened", "监管（sup）"], ["cleared", "监管（sup）"]]);
  });

  test("a wrong payload is a 400 naming the item and the field, and nothing is written", async () => {
    const before = await alarmsCount();
    const ok = { source: "zabbix", name: "x", severity: "minor" };
    const bad = await report([ok, { ...ok, severity: "fatal" }, { ...ok, name: "", at: "yesterday" }], tokens.supervisor);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("alarm.invalid");
    expect(Object.keys(bad.body.error.details.fieldErrors)).toEqual(["[1].severity", "[2].name", "[2].at"]);
    expect(bad.body.error.message).toMatch(/^\[1\]\.severity：severity 应为 critical、major、minor、warning、info 之一/);
    const single = await report({ source: "zabbix", severity: "minor" }, tokens.supervisor);
    expect(single.body.error.details.fieldErrors).toEqual({ name: ["请填写 name（告警名称）"] });
    expect((await report([ok, { ...ok, provider: "XX" }], tokens.supervisor)).body.error.details.fieldErrors).toEqual({ "[1].provider": ["服务商编码 XX 不存在"] });
    expect((await report({ ...ok, labels: { env: 1 } }, tokens.supervisor)).body.error.details.fieldErrors).toEqual({ "labels.env": ["标签值应为字符串"] });
    expect((await report("{not json", tokens.supervisor)).status).toBe(400);
    expect((await report(Array.from({ length: 1001 }, () => ok), tokens.supervisor)).body.error.message).toBe("一次最多上报 1000 条告警");
    expect((await report([], tokens.supervisor)).status).toBe(400);
    expect(await alarmsCount()).toBe(before);
  });

  test("the Alertmanager webhook maps onto the same occurrences", async () => {
    const alert = {
      status: "firing", labels: { alertname: "HostHighLoad", instance: "10.0.0.5:9100", severity: "critical", job: "node" }, annotations: { summary: "load15 = 18" },
      startsAt: "2026-03-03T01:00:00Z", endsAt: "0001-01-01T00:00:00Z", generatorURL: "http://prom/graph", fingerprint: "am-5",
    };
    const post = (body: unknown, token = tokens.ct) => alertmanagerRoute.POST(new Request("http://portal.test/api/v1/alarms/alertmanager", { method: "POST", headers: headers(token), body: JSON.stringify(body) }));
    expect((await post({ version: "4", status: "firing", receiver: "r", alerts: [alert] })).status).toBe(200);
    expect((await post({ version: "4", status: "firing", receiver: "r", alerts: [alert] })).status).toBe(200);
    const row = await t.db.alarm.findFirstOrThrow({ where: { fingerprint: `p${ctId}:am-5` } });
    expect(row).toMatchObject({ source: "alertmanager", name: "HostHighLoad", severity: "critical", resource: "10.0.0.5:9100", summary: "load15 = 18", count: 2, providerId: ctId, firstAt: new Date("2026-03-03T01:00:00Z") });
    const resolved = await (await post({ version: "4", status: "resolved", alerts: [{ ...alert, status: "resolved", endsAt: "2026-03-03T01:20:00Z" }] })).json();
    expect(resolved).toMatchObject({ cleared: 1 });
    const bad = await post({ version: "4", alerts: [{ ...alert, labels: { severity: "critical" } }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.fieldErrors).toEqual({ "alerts[0].labels.alertname": ["缺少 alertname 标签"] });
  });
});

describe("provider scope", () => {
  test("a provider's token reports for its own provider only", async () => {
    const ok = await report({ fingerprint: "shared-fp", source: "zabbix", name: "主机不可达", severity: "critical", resource: "ecs-ct-1" }, tokens.ct);
    expect(await t.db.alarm.findUniqueOrThrow({ where: { id: ok.body.items[0].alarmId } })).toMatchObject({ providerId: ctId });
    expect((await report({ source: "zabbix", name: "x", severity: "minor", provider: "CT" }, tokens.ct)).status).toBe(200);
    const foreign = await report([{ source: "zabbix", name: "x", severity: "minor" }, { source: "zabbix", name: "y", severity: "minor", provider: "CU" }], tokens.ct);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/^\[1\]\.provider：服务商令牌只能上报本服务商的告警/);
    // the same fingerprint from another provider is another alarm; it neither counts on nor clears CT's
    const cu = await report({ fingerprint: "shared-fp", source: "zabbix", name: "主机不可达", severity: "critical", resource: "ecs-cu-1" }, tokens.cu);
    expect(cu.body.items[0]).toMatchObject({ outcome: "opened" });
    await report({ fingerprint: "shared-fp", source: "zabbix", name: "主机不可达", severity: "critical", status: "resolved" }, tokens.cu);
    expect(await t.db.alarm.findUniqueOrThrow({ where: { id: ok.body.items[0].alarmId } })).toMatchObject({ status: "firing" });
    // a supervisor names any provider
    const named = await report({ source: "zabbix", name: "z", severity: "info", provider: "CU" }, tokens.supervisor);
    expect(await t.db.alarm.findUniqueOrThrow({ where: { id: named.body.items[0].alarmId } })).toMatchObject({ providerId: cuId });
  });

  test("a provider sees and handles only its provider's alarms", async () => {
    const ctList = await list("?tab=all&pageSize=200", tokens.ct);
    expect(ctList.status).toBe(200);
    expect(ctList.body.rows.length).toBeGreaterThan(0);
    expect(new Set(ctList.body.rows.map((r: { providerId: number }) => r.providerId))).toEqual(new Set([ctId]));
    const cuAlarm = await t.db.alarm.findFirstOrThrow({ where: { providerId: cuId, status: "firing" } });
    expect((await detail(cuAlarm.id, tokens.ct)).status).toBe(404);
    expect((await act(cuAlarm.id, "ack", tokens.ct, { comment: "mine?" })).status).toBe(404);
    expect((await detail(cuAlarm.id, tokens.cu)).status).toBe(200);
    const all = await list("?tab=all&pageSize=200", tokens.supervisor);
    expect(all.body.total).toBeGreaterThan(ctList.body.total);
    const ct = (await loadActorByUsername(t.db, "ct"))!;
    expect((await alarmFilterOptions(t.db, ct.scope)).providers.map((p) => p.code)).toEqual(["CT"]);
    const live = await countLiveAlarms(t.db, ct.scope);
    expect(Object.values(live.firing).reduce((a, b) => a + b, 0) + live.suppressed).toBe(await t.db.alarm.count({ where: { providerId: ctId, status: "firing" } }));
    expect((await list("", tokens.tenant)).status).toBe(403);
    expect((await list("?tab=nope", tokens.supervisor)).status).toBe(400);
  });
});

describe("export", () => {
  test("the console's list as xlsx, within the reader's scope", async () => {
    const ct = (await loadActorByUsername(t.db, "ct"))!;
    const { header, rows } = await readXlsxRows(await alarmsToXlsx(t.db, ct.scope, { tab: "all", source: ["alertmanager"] }));
    expect(header.slice(0, 6)).toEqual(["编号", "级别", "状态", "名称", "资源", "来源"]);
    expect(rows.map((r) => [r.values["名称"], r.values["级别"], r.values["状态"], r.values["服务商"]])).toEqual([["HostHighLoad", "严重", "已清除", "中国电信政务云"]]);
  });
});

describe("handling", () => {
  test("acknowledge, unacknowledge, clear and confirm, each once, on the timeline", async () => {
    const { body } = await report({ source: "zabbix", name: "内存使用率过高", severity: "minor", resource: "ecs-ct-9" }, tokens.ct);
    const id = body.items[0].alarmId;
    const acked = await act(id, "ack", tokens.ct, { comment: "排查中" });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ id, ackComment: "排查中" });
    expect((await act(id, "ack", tokens.ct)).status).toBe(409);
    expect((await act(id, "unack", tokens.ct)).body.ackedAt).toBeNull();
    expect((await act(id, "confirm-clear", tokens.supervisor)).status).toBe(409);
    const noComment = await act(id, "clear", tokens.ct, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.details.fieldErrors).toEqual({ comment: ["请填写清除说明"] });
    expect((await act(id, "clear", tokens.ct, { comment: "已扩容" })).body.alarm).toMatchObject({ status: "cleared", clearedBy: "manual" });
    expect((await act(id, "confirm-clear", tokens.ct)).status).toBe(403);
    expect((await act(id, "confirm-clear", tokens.supervisor, { comment: "复核" })).body.alarm.clearConfirmedAt).not.toBeNull();
    expect((await act(id, "nonsense", tokens.ct)).status).toBe(404);
    const timeline = (await detail(id, tokens.ct)).body.events.map((e: { action: string; actorName: string; comment: string | null }) => `${e.action}:${e.actorName}:${e.comment ?? ""}`);
    expect(timeline).toEqual(["opened:电信（ct）:", "acked:电信（ct）:排查中", "unacked:电信（ct）:", "cleared:电信（ct）:已扩容", "clear-confirmed:监管（sup）:复核"]);
  });
});

describe("filter policies", () => {
  test("the preview lists what a policy would hide; saved, it hides them from the list and the escalation; ended, they show again", async () => {
    const now = new Date();
    const test1 = await report([
      { source: "zabbix", name: "磁盘空间不足", severity: "critical", resource: "ecs-test-1", labels: { env: "test" }, at: new Date(now.getTime() - 3600_000).toISOString() },
      { source: "zabbix", name: "磁盘空间不足", severity: "critical", resource: "ecs-test-2", labels: { env: "test" }, at: new Date(now.getTime() - 3600_000).toISOString() },
      { source: "zabbix", name: "磁盘空间不足", severity: "critical", resource: "ecs-prod-1", labels: { env: "prod" }, at: new Date(now.getTime() - 3600_000).toISOString() },
    ], tokens.ct);
    const [a, b, prod] = test1.body.items.map((i: { alarmId: number }) => i.alarmId);
    const matchers = [{ attribute: "env", op: "eq" as const, value: "test" }];
    const preview = await previewPolicy(t.db, supervisor.scope, matchers);
    expect(preview.total).toBe(2);
    expect(preview.rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    // an absent attribute never matches: neq on a label nobody has hides nothing
    expect((await previewPolicy(t.db, supervisor.scope, [{ attribute: "datacenter", op: "neq", value: "x" }])).total).toBe(0);

    const policy = await createFilterPolicy(t.db, supervisor, { name: "测试环境维护", reason: "迁移中", matchers }, now);
    expect(policy).toMatchObject({ status: "active", hiding: 2, authorName: "监管", endsAt: null });
    expect((await listFilterPolicies(t.db, "current", now)).map((p) => [p.id, p.hiding])).toEqual([[policy.id, 2]]);
    const visible = (await list("?pageSize=200", tokens.ct)).body.rows.map((r: { id: number }) => r.id);
    expect(visible).toContain(prod);
    expect(visible).not.toContain(a);
    const shown = (await list("?pageSize=200&showSuppressed=true", tokens.ct)).body.rows.filter((r: { id: number }) => r.id === a);
    expect(shown).toMatchObject([{ suppressedByPolicyId: policy.id, suppressedByPolicyName: "测试环境维护" }]);
    // a new firing while the policy is in force is hidden at intake, and rules and escalation skip it
    const later = await report({ source: "zabbix", name: "主机不可达", severity: "critical", resource: "ecs-test-3", labels: { env: "test" } }, tokens.ct);
    expect(later.body).toMatchObject({ suppressed: 1 });
    await escalateUnackedAlarms(t.db, minutesAfter(now, 10));
    const levels = new Map((await t.db.alarm.findMany({ where: { id: { in: [a, b, prod] } }, select: { id: true, escalationLevel: true } })).map((l) => [l.id, l.escalationLevel]));
    expect([a, b, prod].map((x) => levels.get(x))).toEqual([0, 0, 3]);
    // a bad regex is a field error; an empty list is refused
    await expect(createFilterPolicy(t.db, supervisor, { name: "x", reason: "y", matchers: [{ attribute: "resource", op: "regex", value: "(" }] })).rejects.toMatchObject({ issues: [{ path: ["matchers", 0, "value"] }] });
    await expect(createFilterPolicy(t.db, supervisor, { name: "x", reason: "y", matchers: [] })).rejects.toThrow();
    const ct = (await loadActorByUsername(t.db, "ct"))!;
    await expect(createFilterPolicy(t.db, ct, { name: "x", reason: "y", matchers })).rejects.toMatchObject({ status: 403 });

    const ended = await endFilterPolicy(t.db, supervisor, policy.id, minutesAfter(now, 11));
    expect(ended.status).toBe("expired");
    expect(await t.db.alarm.count({ where: { id: { in: [a, b] }, suppressedByPolicyId: null } })).toBe(2);
    expect((await listFilterPolicies(t.db, "expired", minutesAfter(now, 12))).map((p) => p.id)).toContain(policy.id);
    expect((await listFilterPolicies(t.db, "current", minutesAfter(now, 12))).map((p) => p.id)).not.toContain(policy.id);
    const events = await t.db.alarmEvent.findMany({ where: { alarmId: a }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["opened", "suppressed", "unsuppressed"]);
  });

  test("a scheduled policy hides from its start and stops at its end, applied by the tick", async () => {
    const now = new Date();
    const { body } = await report({ source: "netflow", name: "端口 Down", severity: "info", resource: "sw-9 Gi0/9", labels: { site: "lab" } }, tokens.cu);
    const id = body.items[0].alarmId;
    await createFilterPolicy(t.db, supervisor, { name: "实验室", reason: "割接", matchers: [{ attribute: "site", op: "eq", value: "lab" }], startsAt: minutesAfter(now, 30), endsAt: minutesAfter(now, 90) }, now);
    expect((await t.db.alarm.findUniqueOrThrow({ where: { id } })).suppressedByPolicyId).toBeNull();
    await escalateUnackedAlarms(t.db, minutesAfter(now, 31));
    expect((await t.db.alarm.findUniqueOrThrow({ where: { id } })).suppressedByPolicyId).not.toBeNull();
    await escalateUnackedAlarms(t.db, minutesAfter(now, 91));
    expect((await t.db.alarm.findUniqueOrThrow({ where: { id } })).suppressedByPolicyId).toBeNull();
  });
});

describe("escalation", () => {
  test("an unacknowledged alarm escalates once per level, at most three, exactly once under concurrent ticks", async () => {
    const start = new Date("2026-04-01T00:00:00Z");
    const { body } = await report({ source: "zabbix", name: "链路中断", severity: "major", resource: "link-esc", at: start.toISOString() }, tokens.cu);
    const id = body.items[0].alarmId;
    const acked = (await report({ source: "zabbix", name: "链路中断", severity: "major", resource: "link-acked", at: start.toISOString() }, tokens.cu)).body.items[0].alarmId;
    await act(acked, "ack", tokens.cu, { comment: "处理中" });
    const levelOf = async () => (await t.db.alarm.findUniqueOrThrow({ where: { id } })).escalationLevel;
    const subjects = async () => (await t.db.domainEvent.findMany({ where: { type: "alarm.unacked", subject: { startsWith: `alarm:${id}:` } }, orderBy: { id: "asc" } })).map((e) => e.subject);

    await escalateUnackedAlarms(t.db, minutesAfter(start, 14));
    expect(await levelOf()).toBe(0);
    await Promise.all([0, 1, 2, 3].map(() => escalateUnackedAlarms(t.db, minutesAfter(start, 15))));
    expect(await levelOf()).toBe(1);
    expect(await subjects()).toEqual([`alarm:${id}:1`]);
    await escalateUnackedAlarms(t.db, minutesAfter(start, 29));
    expect(await subjects()).toEqual([`alarm:${id}:1`]);
    await Promise.all([0, 1, 2].map(() => escalateUnackedAlarms(t.db, minutesAfter(start, 31))));
    expect(await subjects()).toEqual([`alarm:${id}:1`, `alarm:${id}:2`]);
    await escalateUnackedAlarms(t.db, minutesAfter(start, 600));
    await escalateUnackedAlarms(t.db, minutesAfter(start, 6000));
    expect(await levelOf()).toBe(3);
    expect(await subjects()).toEqual([`alarm:${id}:1`, `alarm:${id}:2`, `alarm:${id}:3`]);
    const payload = (await t.db.domainEvent.findFirstOrThrow({ where: { subject: `alarm:${id}:2` } })).payload;
    expect(payload).toEqual({ alarmId: id, name: "链路中断", severity: "major", resource: "link-esc", source: "zabbix", providerId: cuId, departmentId: null, minutes: 31, level: 2 });
    // acknowledged in time: never
    expect((await t.db.alarm.findUniqueOrThrow({ where: { id: acked } })).escalationLevel).toBe(0);
  });

  test("the minutes per severity are editable; info never escalates by default", async () => {
    const start = new Date("2026-05-01T00:00:00Z");
    const info = (await report({ source: "zabbix", name: "证书即将过期", severity: "info", resource: "cert-x", at: start.toISOString() }, tokens.cu)).body.items[0].alarmId;
    await escalateUnackedAlarms(t.db, minutesAfter(start, 10_000));
    expect((await t.db.alarm.findUniqueOrThrow({ where: { id: info } })).escalationLevel).toBe(0);
    await saveEscalationSettings(t.db, supervisor, { critical: 5, major: 15, minor: 30, warning: 60, info: 120 });
    await escalateUnackedAlarms(t.db, minutesAfter(start, 250));
    expect((await t.db.alarm.findUniqueOrThrow({ where: { id: info } })).escalationLevel).toBe(2);
    expect(await t.db.auditEvent.count({ where: { action: "alarm.escalation-update" } })).toBe(1);
  });
});

describe("alarm to work order and back", () => {
  test("round trip: work order from the alarm, resolved when the source clears, closed when the clear is confirmed", async () => {
    const alarm = { fingerprint: "rt-1", source: "zabbix", name: "主机不可达", severity: "critical", resource: "ecs-ct-rt" };
    const opened = await report(alarm, tokens.ct);
    const id = opened.body.items[0].alarmId;

    const wo = await act(id, "work-order", tokens.ct, {});
    expect(wo.status).toBe(200);
    expect(wo.body).toMatchObject({ created: true });
    const again = await act(id, "work-order", tokens.ct, {});
    expect(again.body).toEqual({ ...wo.body, created: false });
    const order = await t.db.workOrder.findUniqueOrThrow({ where: { id: wo.body.workOrderId } });
    expect(order).toMatchObject({ alarmId: id, providerId: ctId, severity: "p1", kind: "fault", number: wo.body.number });
    expect(["new", "assigned", "in-progress"]).toContain(order.status);
    expect(await t.db.workOrder.count({ where: { alarmId: id } })).toBe(1);

    const cleared = await report({ ...alarm, status: "resolved" }, tokens.ct);
    expect(cleared.body).toMatchObject({ cleared: 1 });
    expect((await t.db.workOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("resolved");

    expect((await act(id, "confirm-clear", tokens.ct)).status).toBe(403);
    const confirmed = await act(id, "confirm-clear", tokens.supervisor, { comment: "业务已恢复" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.workOrderError).toBeNull();
    expect((await t.db.workOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("closed");

    const { body } = await detail(id, tokens.ct);
    expect(body.workOrder).toMatchObject({ id: order.id, status: "closed" });
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(["opened", "work-order-opened", "cleared", "work-order-resolved", "clear-confirmed", "work-order-closed"]);
  });

  test("an alarm without a provider needs one chosen, by a supervisor", async () => {
    const { body } = await report({ source: "zabbix", name: "端口 Down", severity: "major", resource: "sw-x" }, tokens.supervisor);
    const id = body.items[0].alarmId;
    const none = await act(id, "work-order", tokens.supervisor, {});
    expect(none.status).toBe(400);
    expect(none.body.error.details.fieldErrors).toEqual({ providerId: ["该告警没有所属服务商，请选择服务商"] });
    const chosen = await act(id, "work-order", tokens.supervisor, { providerId: cuId, kind: "change" });
    expect(chosen.status).toBe(200);
    expect(await t.db.alarm.findUniqueOrThrow({ where: { id } })).toMatchObject({ providerId: cuId, workOrderId: chosen.body.workOrderId });
    expect((await t.db.workOrder.findUniqueOrThrow({ where: { id: chosen.body.workOrderId } })).kind).toBe("change");
  });

  test("a rule opens the work order of a new, unhidden occurrence at intake", async () => {
    await saveAlarmRule(t.db, supervisor, { name: "核心链路", matchers: [{ attribute: "tag:core", op: "eq", value: "true" }], workOrderKind: "fault" });
    const res = await report([
      { source: "netflow", name: "链路中断", severity: "critical", resource: "core-1", tags: ["core"] },
      { source: "netflow", name: "链路中断", severity: "critical", resource: "edge-1", tags: ["edge"] },
    ], tokens.cu);
    expect(res.body.workOrders).toHaveLength(1);
    expect(res.body.workOrders[0].alarmId).toBe(res.body.items[0].alarmId);
    // a repeat opens nothing more
    const repeat = await report({ source: "netflow", name: "链路中断", severity: "critical", resource: "core-1", tags: ["core"] }, tokens.cu);
    expect(repeat.body.workOrders).toEqual([]);
    expect(await t.db.workOrder.count({ where: { alarmId: res.body.items[0].alarmId } })).toBe(1);
  });
});
