import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "../../lib/auth/scope";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { env } from "../../lib/env";
import { openQueues, redisConnection } from "../../lib/jobs/queues";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { listLocalTree } from "../../lib/metering/list-local-tree";
import { startSftpServer, type SftpServerHandle } from "../../lib/metering/collect/sftp-server";
import { importReference } from "../../lib/reference/import-reference";
import { casesDir, projectRoot, referenceDir } from "../support/paths";
import { createTestDatabase, type TestDb } from "../support/test-db";
import { waitFor } from "../support/wait";

const ROOT = "/opt/meterfiles/uploads";
const PROJECTS = ["0a4f6c2e9b1d4e7f8a3b5c6d7e8f9012", "2c6b8e4a1d3f4a9182b5c7d8e9fa0124", "6a0fc28e517d4e35c6f90b1c2d3e4568"];

/** A large hourly VM file: long enough to kill the worker in the middle of it. */
function writeBigFile(file: string, records: number) {
  const out = fs.openSync(file, "w");
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\D/g, "").slice(0, 14);
  fs.writeSync(out, "10|20250320000000|01|text\n");
  let buf = "";
  const start = Date.UTC(2025, 2, 1, 0, 0, 0);
  for (let i = 0; i < records; i++) {
    const begin = start + (i % 400) * 3600_000;
    buf += `20|${stamp(begin + 3600_000)}|${PROJECTS[i % 3]}|cn-sh-gov-1|az1.dc1|hws.service.type.ec2|hws.resource.type.vm|s6.large.2.linux|vm-k${Math.floor(i / 400)}||${stamp(begin)}|${stamp(begin + 3600_000)}|Duration|${1800 + (i % 1800)}||\n`;
    if (buf.length > 1 << 20) { fs.writeSync(out, buf); buf = ""; }
  }
  fs.writeSync(out, `${buf}90|20250320000000|${records}\n`);
  fs.closeSync(out);
}

describe("killing the worker in the middle of a file", () => {
  let tree: string;
  let server: SftpServerHandle;
  let killed: TestDb;
  let straight: TestDb;
  let worker: ChildProcess | undefined;
  const prefix = `it-kill-${process.pid}`;
  const logFile = path.join(os.tmpdir(), `kill-resume-worker-${process.pid}.log`);

  const startWorker = () => {
    const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["workers/main.ts"], {
      cwd: projectRoot, detached: true, stdio: ["ignore", fs.openSync(logFile, "a"), fs.openSync(logFile, "a")],
      env: {
        ...process.env, DATABASE_URL: killed.url, REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: prefix, SFTP_HOST: "127.0.0.1", SFTP_PORT: String(server.port),
        SFTP_USERNAME: "meter", SFTP_PASSWORD: "pw", SFTP_ROOT: ROOT, SFTP_SOURCE: "kill", SFTP_POLL_SECONDS: "1", WORKER_LOCK_MS: "4000", WORKER_CONCURRENCY: "1",
      },
    });
    return child;
  };
  const kill = (child: ChildProcess) => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } };

  beforeAll(async () => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), "kill-resume-"));
    fs.mkdirSync(path.join(tree, "vm"));
    writeBigFile(path.join(tree, "vm", "HWS_cn-sh-gov-1_vm_20250320000000_000_017.csv"), 400_000);
    for (const c of ["c01-basic-spaced", "c07-corrected-record", "c14-discount-rounding"]) {
      const up = path.join(casesDir, c, "uploads");
      for (const rel of listLocalTree(up)) fs.cpSync(path.join(up, rel), path.join(tree, rel));
    }
    server = await startSftpServer({ root: tree, virtualRoot: ROOT, username: "meter", password: "pw" });
    killed = await createTestDatabase("it_kill_resume");
    straight = await createTestDatabase("it_kill_straight");
    await importReference(killed.db, referenceDir);
    await importReference(straight.db, referenceDir);
  });
  afterAll(async () => {
    if (worker) kill(worker);
    await server?.close();
    await killed?.drop();
    await straight?.drop();
    fs.rmSync(tree, { recursive: true, force: true });
  });

  it("ends with exactly the bills of an uninterrupted run", async () => {
    worker = startWorker();
    const big = await waitFor("the big file to be processing", async () =>
      killed.db.cdrFile.findFirst({ where: { path: { startsWith: "vm/HWS_cn-sh-gov-1_vm_20250320000000" }, status: "processing" } }), 120_000, 50)
      .catch((e) => { throw new Error(`${e.message}; worker log:\n${fs.readFileSync(logFile, "utf8")}`); });
    await new Promise((r) => setTimeout(r, 700)); // well into its COPY
    kill(worker);
    // nothing of the interrupted file was committed
    expect(await killed.db.usageRecord.count({ where: { fileId: big.id } })).toBe(0);
    expect((await killed.db.cdrFile.findUniqueOrThrow({ where: { id: big.id } })).status).toBe("processing");

    worker = startWorker();
    const queues = openQueues({ connection: redisConnection(env.REDIS_URL), prefix });
    await waitFor("all files done and bills built", async () => {
      const files = await killed.db.cdrFile.findMany();
      const done = files.length === 6 && files.every((f) => ["ok", "duplicate", "incomplete", "quarantined"].includes(f.status));
      if (!done) return false;
      // a rebuild that began while the last file was still committing does not see its records: wait for the one requested after it
      const pending = await queues.billing.getJobCounts("waiting", "active", "delayed", "prioritized");
      if (Object.values(pending).some((n) => n > 0)) return false;
      const bills = await killed.db.bill.findMany();
      const latestFile = Math.max(...files.map((f) => f.processedAt!.getTime()));
      return bills.length > 0 && bills.every((b) => b.builtAt.getTime() > latestFile);
    }, 180_000, 500);
    kill(worker);
    worker = undefined;
    await queues.close();

    for (const rel of listLocalTree(tree)) await ingestLocalFile(straight, { source: "kill", path: rel, localPath: path.join(tree, rel) });
    for (const m of ["2025-03"]) await refreshBills(straight, m);

    const a = await listBills(killed.db, { month: "2025-03", scope: ALL });
    const b = await listBills(straight.db, { month: "2025-03", scope: ALL });
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
    expect(await killed.db.usageRecord.count()).toBe(await straight.db.usageRecord.count());
  }, 400_000);
});
