import { createHash } from "node:crypto";
import { Queue, type ConnectionOptions } from "bullmq";

/**
 * Queue names: polling, one job per file, and bill rebuilding run on separate queues so none waits behind another;
 * operations carries the scheduled tick of the SLA watcher, alarm escalation and message delivery.
 */
export const QUEUES = { poll: "metering-poll", files: "metering-files", billing: "billing", operations: "operations" } as const;

export type QueueOptions = { connection: ConnectionOptions; prefix?: string };

export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379), password: u.password || undefined, db: Number(u.pathname.slice(1) || 0), maxRetriesPerRequest: null };
}

export type Queues = { poll: Queue; files: Queue; billing: Queue; operations: Queue; close: () => Promise<void> };

export function openQueues(options: QueueOptions): Queues {
  const q = (name: string) => new Queue(name, { connection: options.connection, prefix: options.prefix });
  const queues = { poll: q(QUEUES.poll), files: q(QUEUES.files), billing: q(QUEUES.billing), operations: q(QUEUES.operations) };
  return { ...queues, close: async () => { await Promise.all(Object.values(queues).map((x) => x.close())); } };
}

/** A stable job id from its parts (BullMQ ids must not contain ':'). */
export function jobId(...parts: (string | number)[]): string {
  return createHash("md5").update(parts.join("\u0000")).digest("hex");
}

const BILL_WINDOW_MS = 10_000;

/**
 * Asks for a month's bills to be rebuilt, at most once per window: the job for a window runs after the window
 * closes, so every file committed during it is seen, and a file committed later falls into a later window.
 */
export async function requestBillRefresh(queues: Pick<Queues, "billing">, months: string[]): Promise<void> {
  const now = Date.now();
  const window = Math.floor(now / BILL_WINDOW_MS);
  const delay = (window + 1) * BILL_WINDOW_MS - now + 200;
  await Promise.all(months.map((month) => queues.billing.add("billing.refresh-month", { month }, {
    jobId: jobId("bills", month, window), delay, removeOnComplete: true, removeOnFail: 100, attempts: 5, backoff: { type: "exponential", delay: 1000 },
  })));
}

const rerateRequest = { removeOnComplete: { age: 3600 }, removeOnFail: 100, attempts: 3, backoff: { type: "exponential", delay: 2000 } } as const;

/** Asks the workers to re-rate stored usage (all, or only the exceptions) and rebuild the months that change; the job reports progress. */
export async function requestRerate(queues: Pick<Queues, "billing">, input: { only: "all" | "exceptions"; reason: string }): Promise<string> {
  const job = await queues.billing.add("billing.rerate", input, { jobId: `rerate-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...rerateRequest });
  return job.id!;
}

export type RerateStatus = { state: "waiting" | "active" | "completed" | "failed" | "unknown"; done: number; total: number | null; changed?: number; months?: string[]; error?: string };

/** A re-rating job's state and progress, as the portal polls it. */
export async function rerateStatus(queues: Pick<Queues, "billing">, jobId: string): Promise<RerateStatus> {
  const job = await queues.billing.getJob(jobId);
  if (!job || job.name !== "billing.rerate") return { state: "unknown", done: 0, total: null };
  const state = await job.getState();
  const progress = (typeof job.progress === "object" && job.progress ? job.progress : {}) as { done?: number; total?: number };
  const result = job.returnvalue as { changed?: number; months?: string[] } | null;
  return {
    state: state === "completed" || state === "failed" || state === "active" ? state : "waiting",
    done: progress.done ?? 0, total: progress.total ?? null, changed: result?.changed, months: result?.months, error: job.failedReason,
  };
}
