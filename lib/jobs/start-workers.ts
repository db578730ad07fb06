import { Worker, type Job } from "bullmq";
import { z } from "zod";
import { refreshBills } from "../billing/refresh-bills";
import { rerateAndRebill } from "../billing/rerate-and-rebill";
import { recordAudit, SYSTEM_ACTOR } from "../audit/record-audit";
import { countRerateCandidates } from "../metering/rerate-usage";
import type { DbContext } from "../db";
import { collectRemoteFile } from "../metering/collect/collect-file";
import { pollSource } from "../metering/collect/poll-source";
import { openSftp, type SftpSession, type SftpSource } from "../metering/collect/sftp-source";
import { escalateUnackedAlarms } from "../alarms/escalate-alarms";
import { watchSlas } from "../itsm/watch-slas";
import type { MessageChannel } from "../messages/channels";
import { dispatchEvents } from "../messages/dispatch-events";
import { sendOutbound } from "../messages/send-outbound";
import { jobId, openQueues, QUEUES, requestBillRefresh, type QueueOptions } from "./queues";

const pollPayload = z.object({ source: z.string() });
const filePayload = z.object({ source: z.string(), path: z.string(), size: z.number().int().nonnegative(), mtime: z.number().int() });
const billPayload = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) });
const reratePayload = z.object({ only: z.enum(["all", "exceptions"]), reason: z.string() });

export type WorkerOptions = QueueOptions & {
  ctx: Pick<DbContext, "db" | "pool">;
  sources: SftpSource[];
  concurrency: number;
  pollEveryMs: number;
  /** how often the operations tick runs (SLA watcher, alarm escalation, message dispatch and delivery) */
  operationsEveryMs?: number;
  /** external message channels (e-mail ...); the bell needs none */
  channels?: MessageChannel[];
  /** how long a job may go without its worker's heartbeat before another worker takes it over */
  lockDurationMs?: number;
  log?: (line: string) => void;
};

/**
 * Starts the workers of one process: the poll scheduler per source, one job per new file (download, parse, rate,
 * persist), and bill rebuilding. Every handler is idempotent: the state of each file lives in PostgreSQL.
 */
export async function startWorkers(o: WorkerOptions) {
  const log = o.log ?? ((l: string) => console.log(l));
  const queues = openQueues(o);
  const sources = new Map(o.sources.map((s) => [s.name, s]));
  const sourceOf = (name: string) => {
    const s = sources.get(name);
    if (!s) throw new Error(`unknown SFTP source '${name}' (configured: ${[...sources.keys()].join(", ") || "none"})`);
    return s;
  };
  // One SFTP connection per source per process, shared by the file jobs; dropped on any error and reopened.
  const sessions = new Map<string, Promise<SftpSession>>();
  const session = (s: SftpSource) => {
    let p = sessions.get(s.name);
    if (!p) { p = openSftp(s); sessions.set(s.name, p); p.catch(() => sessions.delete(s.name)); }
    return p;
  };
  const dropSession = async (name: string) => {
    const p = sessions.get(name);
    sessions.delete(name);
    await p?.then((x) => x.end()).catch(() => {});
  };

  const common = { connection: o.connection, prefix: o.prefix, lockDuration: o.lockDurationMs ?? 30_000, stalledInterval: Math.min(30_000, o.lockDurationMs ?? 30_000) };

  const pollWorker = new Worker(QUEUES.poll, async (job: Job) => {
    const source = sourceOf(pollPayload.parse(job.data).source);
    const s = await openSftp(source);
    try {
      const result = await pollSource(o.ctx.pool, source, s);
      for (const f of result.failures) log(`poll ${source.name}: folder ${f.folder} failed: ${f.error}`);
      await queues.files.addBulk(result.ready.map((e) => ({
        name: "metering.collect-file",
        data: { source: source.name, ...e },
        opts: { jobId: jobId("file", source.name, e.path, e.size, e.mtime), removeOnComplete: true, removeOnFail: 1000, attempts: 6, backoff: { type: "exponential", delay: 2000 } },
      })));
      if (result.ready.length) log(`poll ${source.name}: ${result.seen} files seen, ${result.ready.length} new`);
      return { seen: result.seen, ready: result.ready.length, failures: result.failures };
    } finally {
      await s.end();
    }
  }, { ...common, concurrency: 1 });

  const fileWorker = new Worker(QUEUES.files, async (job: Job) => {
    const data = filePayload.parse(job.data);
    const source = sourceOf(data.source);
    let result;
    try {
      result = await collectRemoteFile(o.ctx, source, await session(source), data);
    } catch (e) {
      await dropSession(source.name);
      throw e;
    }
    if (result.months.length) await requestBillRefresh(queues, result.months);
    if (result.status !== "ok") log(`file ${data.path}: ${result.status}${result.reason ? ` (${result.reason})` : ""}`);
    return result;
  }, { ...common, concurrency: o.concurrency });

  // one at a time: bill rebuilds and re-ratings of the same months never interleave
  const billingWorker = new Worker(QUEUES.billing, async (job: Job) => {
    if (job.name === "billing.rerate") {
      const { only, reason } = reratePayload.parse(job.data);
      const total = await countRerateCandidates(o.ctx.pool, only);
      let last = 0;
      const result = await rerateAndRebill(o.ctx, {
        only,
        onProgress: (done) => { if (done - last >= 20_000 || done === total) { last = done; void job.updateProgress({ done, total }); } },
      });
      await job.updateProgress({ done: total, total });
      log(`re-rated (${reason}): ${result.changed} records changed, months ${result.months.join(", ") || "none"}`);
      await recordAudit(o.ctx.db, {
        actor: SYSTEM_ACTOR, action: "billing.rerate", entity: "billing", summary: `重新计费（${reason}）：${result.changed} 条用量改变，重建账单 ${result.months.join("、") || "无"}`, after: result,
      });
      return result;
    }
    return refreshBills(o.ctx, billPayload.parse(job.data).month);
  }, { ...common, concurrency: 1 });

  // The operations tick: each step is idempotent and reads the clock once, so a late or repeated tick is harmless.
  const operationsWorker = new Worker(QUEUES.operations, async () => {
    const now = new Date();
    const sla = await watchSlas(o.ctx.db, now);
    const alarms = await escalateUnackedAlarms(o.ctx.db, now);
    const messages = await dispatchEvents(o.ctx.db, now);
    const outbound = await sendOutbound(o.ctx.db, o.channels ?? [], now);
    if (sla.warned || sla.breached || alarms.escalated) log(`operations: ${sla.warned} SLA warnings, ${sla.breached} breaches, ${alarms.escalated} alarms escalated`);
    return { sla, alarms, messages, outbound };
  }, { ...common, concurrency: 1 });

  for (const w of [pollWorker, fileWorker, billingWorker, operationsWorker]) w.on("error", (e) => log(`worker error: ${e.message}`));

  for (const s of o.sources) {
    await queues.poll.upsertJobScheduler(`poll:${s.name}`.replace(/:/g, "-"), { every: o.pollEveryMs }, { name: "metering.poll", data: { source: s.name }, opts: { removeOnComplete: 50, removeOnFail: 50 } });
  }

  await queues.operations.upsertJobScheduler("operations-tick", { every: o.operationsEveryMs ?? 30_000 }, { name: "operations.tick", data: {}, opts: { removeOnComplete: 20, removeOnFail: 50 } });

  return {
    queues,
    async close() {
      await Promise.all([pollWorker.close(), fileWorker.close(), billingWorker.close(), operationsWorker.close()]);
      await Promise.all([...sessions.keys()].map(dropSession));
      await queues.close();
    },
  };
}
