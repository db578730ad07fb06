// The message center on the real PostgreSQL and a real SMTP server on loopback: events become notifications for
// the rules' recipients within their scope, once; e-mail waits out quiet hours and retries; month close and the
// CDR pipeline emit their events.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import { closeMonth } from "../../lib/billing/close-month";
import { connectDb } from "../../lib/db";
import { emitEvent, type EventPayloads, type WorkOrderRef } from "../../lib/events/emit-event";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { dispatchEvents } from "../../lib/messages/dispatch-events";
import { createRule, updateRule, updateTemplate, listRules } from "../../lib/messages/manage-messages";
import { ensureMessageDefaults } from "../../lib/messages/message-defaults";
import { bellSummary, listNotifications, markAllNotificationsRead, markNotificationRead } from "../../lib/messages/notifications";
import { getPreferences, setPreference } from "../../lib/messages/preferences";
import { sendOutbound } from "../../lib/messages/send-outbound";
import { createSmtpChannel } from "../../lib/messages/smtp-channel";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
const ids: Record<string, number> = {};
let sup: Actor;
let ct: number;
let cu: number;
let wjw: number;
let jw: number;

// every dispatch runs at a later instant than the one before, as the operations tick does
let clock = Date.parse("2026-12-04T02:00:00Z"); // 10:00 Shanghai
const later = (minutes = 1) => new Date((clock += minutes * 60_000));

const workOrder = (id: number, o: Partial<WorkOrderRef> = {}): WorkOrderRef => ({
  workOrderId: id, number: `WO-${id}`, title: `工单 ${id}`, kind: "fault", severity: "p2", providerId: ct, departmentId: wjw, assigneeId: ids.ct1, requesterId: ids.wjw1, ...o,
});
const emit = <T extends keyof EventPayloads>(type: T, subject: string, payload: EventPayloads[T]) => emitEvent(t.db, type, subject, payload, new Date(clock));
const inbox = async (username: string) => (await t.db.notification.findMany({ where: { userId: ids[username] }, orderBy: { id: "asc" } }));
const countsByUser = async () => {
  const rows = await t.db.notification.groupBy({ by: ["userId"], _count: { _all: true } });
  const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return Object.fromEntries(rows.map((r) => [names[r.userId], r._count._all]).sort());
};

beforeAll(async () => {
  t = await createTestDatabase("it_messages_dispatch");
  await runCase(t, path.join(casesDir, "c01-basic-spaced")); // reference data, and 2025-03 bills for JW (0.06) and WJW (0.81)
  const org = async (model: "department" | "provider", code: string) => (await (t.db[model] as typeof t.db.provider).findUniqueOrThrow({ where: { code } })).id;
  [ct, cu, wjw, jw] = [await org("provider", "CT"), await org("provider", "CU"), await org("department", "WJW"), await org("department", "JW")];
  const users = [
    { username: "sup", role: "supervisor", email: "sup@example.gov.cn" },
    { username: "leader", role: "leader" },
    { username: "ct1", role: "provider", providerId: ct, email: "ct1@example.com" },
    { username: "ct2", role: "provider", providerId: ct },
    { username: "cu1", role: "provider", providerId: cu, email: "cu1@example.com" },
    { username: "wjw1", role: "tenant", departmentId: wjw },
    { username: "jw1", role: "tenant", departmentId: jw },
  ];
  for (const u of users) ids[u.username] = (await createUser(t.db, { password: "password-1", displayName: u.username, ...u })).id;
  sup = (await loadActorByUsername(t.db, "sup"))!;
  expect(await ensureMessageDefaults(t.db)).toEqual({ templates: 11, rules: 11 });
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

beforeEach(async () => {
  await t.db.notification.deleteMany();
  await t.db.outboundMessage.deleteMany();
  await t.db.notificationPreference.deleteMany();
});

describe("defaults", () => {
  it("are idempotent and never overwrite an edited template or bring back a deleted rule", async () => {
    await updateTemplate(t.db, sup, "bill.ready", { name: "账单", titleZh: "账单 {{month}}", bodyZh: "改过", titleEn: "Bill {{month}}", bodyEn: "edited" });
    const rule = (await listRules(t.db, sup)).find((r) => r.eventType === "request.submitted")!;
    await t.db.messageRule.delete({ where: { id: rule.id } });
    expect(await ensureMessageDefaults(t.db)).toEqual({ templates: 0, rules: 0 });
    expect((await t.db.messageTemplate.findUniqueOrThrow({ where: { code: "bill.ready" } })).bodyZh).toBe("改过");
    expect(await t.db.messageRule.count({ where: { eventType: "request.submitted" } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "message.template-update", entityId: "bill.ready" } })).toBe(1);
    // as it was, for the tests below
    await t.db.messageRule.create({ data: { eventType: "request.submitted", templateCode: "request.submitted", recipients: ["supervisors"], channels: ["inapp"] } });
    await t.db.messageTemplate.update({ where: { code: "bill.ready" }, data: { name: "账单已出", titleZh: "{{month}} 账单已出：{{departmentName}}", bodyZh: "{{departmentName}} {{month}} 的账单已月结，折后金额 ¥{{net}}。" } });
  });
});

describe("dispatch", () => {
  it("notifies the rule's recipients within their scope, one notification each, linked to the subject", async () => {
    await emit("workorder.breached", "workorder:12:response", { ...workOrder(12), target: "response", dueAt: "2026-12-04T03:00:00.000Z" });
    expect(await dispatchEvents(t.db, later())).toMatchObject({ events: 1, notifications: 2 });
    expect(await countsByUser()).toEqual({ ct1: 1, sup: 1 }); // assignee + supervisors
    const [n] = await inbox("ct1");
    expect(n).toMatchObject({ title: "工单已超时：WO-12 工单 12（响应截止 2026-12-04 11:00）", link: "/service/work-orders/12", eventType: "workorder.breached", dedupKey: "workorder.breached|workorder:12:response", readAt: null });
    expect(n.body).toContain("中国电信政务云");
    expect(await t.db.domainEvent.count({ where: { dispatchedAt: null } })).toBe(0);
  });

  it("never names a user of another provider or department, whatever the rule says", async () => {
    const rule = await createRule(t.db, sup, { eventType: "workorder.assigned", templateCode: "workorder.assigned", recipients: ["provider", "department", "role:provider", "role:tenant", "requester"], channels: ["inapp"], dedupMinutes: 60 });
    try {
      await emit("workorder.assigned", "workorder:13", workOrder(13));
      await dispatchEvents(t.db, later());
      // default rule: the assignee ct1; this rule: CT's handlers and WJW's users; never cu1 or jw1; one each
      expect(await countsByUser()).toEqual({ ct1: 1, ct2: 1, wjw1: 1 });
      // an order of no department: tenants see none of it
      await emit("workorder.assigned", "workorder:14", workOrder(14, { departmentId: null, requesterId: ids.jw1, assigneeId: null }));
      await dispatchEvents(t.db, later());
      expect(await countsByUser()).toEqual({ ct1: 2, ct2: 2, wjw1: 1 }); // unassigned: every CT handler; jw1 is no requester here
      expect(await t.db.auditEvent.count({ where: { action: "message.rule-create", entityId: String(rule.id) } })).toBe(1);
    } finally {
      await t.db.messageRule.delete({ where: { id: rule.id } });
    }
  });

  it("sends a repeat of the same event within the dedup window once, and again after it", async () => {
    const payload = { ...workOrder(15), target: "resolution" as const, dueAt: "2026-12-04T08:00:00.000Z" };
    await emit("workorder.warning", "workorder:15:resolution", payload);
    await dispatchEvents(t.db, later());
    await emit("workorder.warning", "workorder:15:resolution", payload);
    await emit("workorder.warning", "workorder:15:resolution", payload);
    expect(await dispatchEvents(t.db, later(59))).toMatchObject({ events: 2, notifications: 0 });
    await emit("workorder.warning", "workorder:15:response", { ...payload, target: "response" }); // another subject
    expect(await dispatchEvents(t.db, later())).toMatchObject({ events: 1, notifications: 1 });
    await emit("workorder.warning", "workorder:15:resolution", payload);
    expect(await dispatchEvents(t.db, later(1))).toMatchObject({ notifications: 1 }); // 61 minutes after the first
    expect((await inbox("ct1")).map((n) => n.dedupKey)).toEqual(["workorder.warning|workorder:15:resolution", "workorder.warning|workorder:15:response", "workorder.warning|workorder:15:resolution"]);
  });

  it("respects preferences per channel: the bell off keeps the e-mail, e-mail off keeps the bell", async () => {
    const ct1 = (await loadActorByUsername(t.db, "ct1"))!;
    await setPreference(t.db, ct1, { eventType: "workorder.breached", channel: "inapp", enabled: false });
    await setPreference(t.db, sup, { eventType: "workorder.breached", channel: "email", enabled: false });
    await emit("workorder.breached", "workorder:16:resolution", { ...workOrder(16), target: "resolution", dueAt: "2026-12-04T03:00:00.000Z" });
    expect(await dispatchEvents(t.db, later())).toMatchObject({ notifications: 1, outbound: 1 });
    expect(await countsByUser()).toEqual({ sup: 1 });
    expect(await t.db.outboundMessage.findMany({ select: { recipient: true, userId: true, notificationId: true } })).toEqual([{ recipient: "ct1@example.com", userId: ids.ct1, notificationId: null }]);
    // e-mail is deduplicated like the bell, also for a user without the bell
    await emit("workorder.breached", "workorder:16:resolution", { ...workOrder(16), target: "resolution", dueAt: "2026-12-04T03:00:00.000Z" });
    expect(await dispatchEvents(t.db, later())).toMatchObject({ notifications: 0, outbound: 0 });
    const prefs = await getPreferences(t.db, ct1);
    expect(prefs.email).toBe("ct1@example.com");
    expect(prefs.rows.find((r) => r.eventType === "workorder.breached")?.channels).toEqual({ inapp: { enabled: false, used: true }, email: { enabled: true, used: true } });
    // only the event types the user can open
    expect((await getPreferences(t.db, (await loadActorByUsername(t.db, "wjw1"))!)).rows.map((r) => r.eventType)).not.toContain("alarm.unacked");
  });

  it("scopes reading and marking to the user's own notifications", async () => {
    await emit("workorder.breached", "workorder:17:response", { ...workOrder(17), target: "response", dueAt: "2026-12-04T03:00:00.000Z" });
    await dispatchEvents(t.db, later());
    const [mine] = await inbox("ct1");
    const ct2 = { userId: ids.ct2 };
    expect(await markNotificationRead(t.db, ct2, mine.id.toString())).toBe(false);
    expect((await bellSummary(t.db, { userId: ids.ct1 })).unread).toBe(1);
    expect((await listNotifications(t.db, ct2, {})).total).toBe(0);
    expect(await markNotificationRead(t.db, { userId: ids.ct1 }, mine.id.toString())).toBe(true);
    expect(await markNotificationRead(t.db, { userId: ids.ct1 }, mine.id.toString())).toBe(false);
    expect(await listNotifications(t.db, { userId: ids.ct1 }, { status: "unread" })).toMatchObject({ total: 0, unread: 0 });
    expect(await markAllNotificationsRead(t.db, { userId: ids.sup })).toBe(1);
  });

  it("never double-notifies when two dispatchers run at once", async () => {
    await t.db.domainEvent.updateMany({ data: { dispatchedAt: new Date(clock) } });
    for (let i = 0; i < 120; i++) {
      // 40 work orders, each warned three times: one notification per order for its assignee and none more
      await emit("workorder.warning", `workorder:${100 + (i % 40)}:response`, { ...workOrder(100 + (i % 40)), target: "response", dueAt: "2026-12-04T08:00:00.000Z" });
    }
    const other = connectDb(t.url);
    try {
      const now = later();
      const [a, b] = await Promise.all([dispatchEvents(t.db, now), dispatchEvents(other.db, now)]);
      expect(a.events + b.events).toBe(120);
      expect(a.notifications + b.notifications).toBe(40);
    } finally {
      await other.close();
    }
    expect(await countsByUser()).toEqual({ ct1: 40 });
    expect(await t.db.domainEvent.count({ where: { dispatchedAt: null } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
type Received = { rcptTo: string[]; raw: string };

/** Decodes what the test needs of a message: its headers (RFC 2047 words) and its text body (base64 or quoted-printable). */
function readMail(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const words = (s: string) => s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"));
  let body = rest.join("\n\n");
  const cte = headers.get("content-transfer-encoding")?.toLowerCase();
  if (cte === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (cte === "quoted-printable") body = Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  return { to: headers.get("to"), from: headers.get("from"), subject: words(headers.get("subject") ?? ""), body: body.trim() };
}

describe("e-mail", () => {
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];
  const smtp = () => createSmtpChannel({ host: "127.0.0.1", port, secure: false, from: "监管平台 <noreply@example.gov.cn>" });

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => { received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") }); callback(); });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => { await new Promise<void>((resolve) => server.close(() => resolve())); });

  it("holds an e-mail in quiet hours until their end, then delivers it to the SMTP server; the bell does not wait", async () => {
    clock = Date.parse("2026-12-04T15:30:00Z"); // 23:30 Shanghai, inside 22:00–07:00
    await emit("workorder.breached", "workorder:20:resolution", { ...workOrder(20, { title: "门户无法访问" }), target: "resolution", dueAt: "2026-12-04T15:00:00.000Z" });
    expect(await dispatchEvents(t.db, later(), { portalUrl: "https://jg.example.gov.cn" })).toMatchObject({ notifications: 2, outbound: 2 }); // ct1 and sup by e-mail, ct2 has no address
    expect((await bellSummary(t.db, { userId: ids.ct1 })).unread).toBe(1);
    const held = await t.db.outboundMessage.findMany({ orderBy: { recipient: "asc" } });
    expect(held.map((m) => [m.recipient, m.status, m.notBefore.toISOString()])).toEqual([
      ["ct1@example.com", "pending", "2026-12-04T23:00:00.000Z"], ["sup@example.gov.cn", "pending", "2026-12-04T23:00:00.000Z"],
    ]);
    const channel = smtp();
    try {
      expect(await sendOutbound(t.db, [channel], new Date("2026-12-04T22:59:59Z"))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(received).toHaveLength(0);
      expect(await sendOutbound(t.db, [channel], new Date("2026-12-04T23:00:00Z"))).toEqual({ sent: 2, retrying: 0, failed: 0 });
    } finally {
      channel.close?.();
    }
    expect(received.map((r) => r.rcptTo).sort()).toEqual([["ct1@example.com"], ["sup@example.gov.cn"]]);
    const mail = readMail(received.find((r) => r.rcptTo[0] === "ct1@example.com")!.raw);
    expect(mail.to).toBe("ct1@example.com");
    expect(mail.subject).toBe("工单已超时：WO-20 门户无法访问（解决截止 2026-12-04 23:00）");
    expect(mail.body).toContain("工单 WO-20「门户无法访问」（P2 高，中国电信政务云）已超过解决时限（2026-12-04 23:00），已升级处理。");
    expect(mail.body).toContain("查看详情：https://jg.example.gov.cn/service/work-orders/20");
    expect((await t.db.outboundMessage.findMany()).map((m) => [m.status, m.attempts, m.sentAt?.toISOString()])).toEqual([
      ["sent", 1, "2026-12-04T23:00:00.000Z"], ["sent", 1, "2026-12-04T23:00:00.000Z"],
    ]);
  });

  it("retries a failing SMTP server with backoff and gives up after five attempts", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = createSmtpChannel({ host: "127.0.0.1", port: deadPort, secure: false, from: "noreply@example.gov.cn" });
    const start = Date.parse("2026-12-05T02:00:00Z");
    await t.db.outboundMessage.create({ data: { channel: "email", recipient: "ct1@example.com", subject: "s", body: "b", notBefore: new Date(start) } });
    const steps: [number, { sent: number; retrying: number; failed: number }, number, string][] = [];
    // attempt n fails at minute m; the next is due 1, 2, 4, 8 minutes later
    for (const minute of [0, 0.5, 1, 3, 7, 15]) {
      const r = await sendOutbound(t.db, [dead], new Date(start + minute * 60_000));
      const m = await t.db.outboundMessage.findFirstOrThrow();
      steps.push([minute, r, m.attempts, m.status]);
    }
    expect(steps).toEqual([
      [0, { sent: 0, retrying: 1, failed: 0 }, 1, "pending"],
      [0.5, { sent: 0, retrying: 0, failed: 0 }, 1, "pending"], // not due yet
      [1, { sent: 0, retrying: 1, failed: 0 }, 2, "pending"],
      [3, { sent: 0, retrying: 1, failed: 0 }, 3, "pending"],
      [7, { sent: 0, retrying: 1, failed: 0 }, 4, "pending"],
      [15, { sent: 0, retrying: 0, failed: 1 }, 5, "failed"],
    ]);
    expect((await t.db.outboundMessage.findFirstOrThrow()).lastError).toMatch(/ECONNREFUSED/);
    // a message of a channel without a sender here waits
    await t.db.outboundMessage.create({ data: { channel: "sms", recipient: "13800000000", subject: "s", body: "b", notBefore: new Date(start) } });
    expect(await sendOutbound(t.db, [dead], new Date(start + 3600_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    dead.close?.();
  });
});

describe("events of other modules", () => {
  it("closing a month tells each department its bill is ready", async () => {
    await closeMonth(t, sup, "2025-03", Date.parse("2026-12-05T02:00:00Z"));
    const events = await t.db.domainEvent.findMany({ where: { type: "bill.ready" }, orderBy: { id: "asc" } });
    const expected = ([[wjw, "0.81"], [jw, "0.06"]] as const).toSorted((a, b) => a[0] - b[0]);
    expect(events.map((e) => [e.subject, e.payload])).toEqual(expected.map(([id, amount]) => [`bill:2025-03:${id}`, { month: "2025-03", departmentId: id, departmentName: expect.any(String), net: amount }]));
    clock = Date.parse("2026-12-05T02:01:00Z");
    await dispatchEvents(t.db, later());
    expect(await countsByUser()).toEqual({ jw1: 1, wjw1: 1 });
    const [n] = await inbox("wjw1");
    expect(n).toMatchObject({ link: "/billing/2025-03/WJW", eventType: "bill.ready" });
    expect(n.title).toMatch(/^2025-03 账单已出：/);
    expect(n.body).toContain("¥0.81");
  });

  it("quarantining a CDR file tells the supervisors and the provider whose region it came from", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "messages-"));
    try {
      const rel = "rds/HWS_cn-sh-gov-1_rds_20250317010000_001_017.csv.gz"; // a truncated gzip, region cn-sh-gov-1 (CT)
      const local = path.join(dir, "bad.csv.gz");
      fs.copyFileSync(path.join(casesDir, "c12-gzip/uploads", rel), local);
      const r = await ingestLocalFile(t, { source: "msg", path: rel, localPath: local });
      expect(r.status).toBe("quarantined");
      const [e] = await t.db.domainEvent.findMany({ where: { type: "file.quarantined" } });
      expect(e).toMatchObject({ subject: `file:${r.fileId}`, payload: { fileId: r.fileId, path: rel, reason: r.reason } });
      await dispatchEvents(t.db, later());
      expect(await countsByUser()).toEqual({ ct1: 1, ct2: 1, sup: 1 });
      expect((await inbox("sup"))[0]).toMatchObject({ title: "计量文件已隔离：HWS_cn-sh-gov-1_rds_20250317010000_001_017.csv.gz", link: `/metering/files/${r.fileId}` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("validates rules: both ends of quiet hours, known roles, some channel", async () => {
    const base = { eventType: "alarm.unacked" as const, templateCode: "alarm.unacked", recipients: ["supervisors"], channels: ["inapp" as const], dedupMinutes: 30 };
    await expect(createRule(t.db, sup, { ...base, quietStart: "22:00", quietEnd: null })).rejects.toThrow();
    await expect(createRule(t.db, sup, { ...base, recipients: ["role:nope"] })).rejects.toThrow(/角色不存在/);
    await expect(createRule(t.db, sup, { ...base, channels: [] })).rejects.toThrow();
    await expect(createRule(t.db, sup, { ...base, templateCode: "nope" })).rejects.toThrow(/模板不存在/);
    const wjw1 = (await loadActorByUsername(t.db, "wjw1"))!;
    await expect(createRule(t.db, wjw1, base)).rejects.toThrow(/权限/);
    const rule = await createRule(t.db, sup, { ...base, quietStart: "23:00", quietEnd: "06:30" });
    expect(rule).toMatchObject({ quietStart: "23:00", quietEnd: "06:30" });
    expect(await updateRule(t.db, sup, rule.id, { ...base, enabled: false, quietStart: "", quietEnd: "" })).toMatchObject({ enabled: false, quietStart: null, quietEnd: null });
    await t.db.messageRule.delete({ where: { id: rule.id } });
  });
});
