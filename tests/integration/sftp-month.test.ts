import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "../../lib/auth/scope";
import { listBills } from "../../lib/billing/list-bills";
import { env } from "../../lib/env";
import { redisConnection } from "../../lib/jobs/queues";
import { startWorkers } from "../../lib/jobs/start-workers";
import { pollSource } from "../../lib/metering/collect/poll-source";
import { startSftpServer, startSilentServer, type SftpServerHandle } from "../../lib/metering/collect/sftp-server";
import { openSftp, SftpTimeoutError, type SftpSource } from "../../lib/metering/collect/sftp-source";
import { importReference } from "../../lib/reference/import-reference";
import { monthDir, referenceDir } from "../support/paths";
import { createTestDatabase, type TestDb } from "../support/test-db";
import { waitFor } from "../support/wait";

const ROOT = "/opt/meterfiles/uploads";

describe("the March 2025 month collected over SFTP by the workers", () => {
  let t: TestDb;
  let server: SftpServerHandle;
  let source: SftpSource;

  beforeAll(async () => {
    t = await createTestDatabase("it_sftp_month");
    await importReference(t.db, referenceDir);
    server = await startSftpServer({ root: path.join(monthDir, "uploads"), virtualRoot: ROOT, username: "meter", password: "s3cret" });
    source = { name: "ct-sftp", host: "127.0.0.1", port: server.port, username: "meter", password: "s3cret", root: ROOT, timeoutMs: 10_000 };
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it("bills every department exactly as expected-bills.json, line by line", async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(monthDir, "expected-bills.json"), "utf8")).bills;
    const summary = JSON.parse(fs.readFileSync(path.join(monthDir, "summary.json"), "utf8"));
    const workers = await startWorkers({
      ctx: t, sources: [source], connection: redisConnection(env.REDIS_URL), prefix: `it-month-${process.pid}`,
      concurrency: 2, pollEveryMs: 2000, log: () => {},
    });
    try {
      await waitFor("every file processed", async () => {
        const done = await t.db.cdrFile.count({ where: { status: { in: ["ok", "incomplete", "quarantined", "duplicate"] } } });
        return done === summary.files;
      }, 15 * 60_000, 2000);
      await waitFor("queues idle", async () => {
        const counts = await Promise.all([workers.queues.files, workers.queues.billing].map((q) => q.getJobCounts("waiting", "active", "delayed")));
        return counts.every((c) => c.waiting + c.active + c.delayed === 0);
      }, 120_000);
    } finally {
      await workers.queues.poll.obliterate({ force: true }).catch(() => {});
      await workers.close();
    }
    expect(await t.db.cdrFile.count({ where: { status: "ok" } })).toBe(summary.files);
    const got = await listBills(t.db, { month: "2025-03", scope: ALL });
    const simplify = (bills: { month: string; department: string; gross: string; net: string; lines: { resourceId: string; itemCode: string; amount: string; net: string }[] }[]) =>
      bills.map((b) => ({ month: b.month, department: b.department, gross: b.gross, net: b.net, lines: b.lines.map((l) => ({ resourceId: l.resourceId, itemCode: l.itemCode, amount: l.amount, net: l.net })).sort((x, y) => `${x.resourceId} ${x.itemCode}`.localeCompare(`${y.resourceId} ${y.itemCode}`)) }))
        .sort((x, y) => x.department.localeCompare(y.department));
    expect(simplify(got)).toEqual(simplify(expected));
  }, 20 * 60_000);

  it("keeps polling the other folders when one cannot be listed", async () => {
    const real = await openSftp(source);
    try {
      const failingVm = { ...real, list: (dir: string) => (dir.endsWith("/vm") ? Promise.reject(new Error("permission denied")) : real.list(dir)) };
      const result = await pollSource(t.pool, { ...source, name: "folder-failure" }, failingVm);
      expect(result.failures).toEqual([{ folder: "vm", error: "permission denied" }]);
      expect(result.seen).toBe(11160 - 1488);
    } finally {
      await real.end();
    }
  });
});

describe("an SFTP server that accepts a connection and never answers", () => {
  let silent: SftpServerHandle;
  beforeAll(async () => { silent = await startSilentServer(); });
  afterAll(async () => { await silent.close(); });

  it("times out the connect instead of hanging", async () => {
    const started = Date.now();
    await expect(openSftp({ name: "hung", host: "127.0.0.1", port: silent.port, username: "x", password: "y", root: ROOT, timeoutMs: 1500 }))
      .rejects.toBeInstanceOf(SftpTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
