// The worker process: SFTP polling, one job per file, bill rebuilding, the operations tick (SLA watcher, alarm
// escalation, messages). Closes cleanly on SIGTERM/SIGINT.
import { getDb } from "../lib/db";
import { env } from "../lib/env";
import { redisConnection } from "../lib/jobs/queues";
import { startWorkers } from "../lib/jobs/start-workers";
import { configuredSources } from "../lib/metering/collect/configured-sources";
import { channelsFromEnv } from "../lib/messages/channels-from-env";
import { ensureDefaults } from "../lib/system/ensure-defaults";

const sources = configuredSources();
const channels = channelsFromEnv(env);
const ctx = getDb();
// a new installation works at once: calendar, SLA policies, templates, alarm and message settings (edits are kept)
await ensureDefaults(ctx.db);
const workers = await startWorkers({
  ctx, sources, connection: redisConnection(env.REDIS_URL), prefix: env.QUEUE_PREFIX,
  concurrency: env.WORKER_CONCURRENCY, pollEveryMs: env.SFTP_POLL_SECONDS * 1000, lockDurationMs: env.WORKER_LOCK_MS, channels,
});
console.log(`workers started: ${sources.length ? sources.map((s) => `${s.name} sftp://${s.host}:${s.port}${s.root}`).join(", ") : "no SFTP source configured (set SFTP_HOST)"}`);
console.log(`message channels: ${channels.length ? channels.map((c) => c.code).join(", ") : "in-app only (set SMTP_HOST for e-mail)"}`);

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await workers.close();
    for (const c of channels) c.close?.();
    await ctx.close();
    process.exit(0);
  });
}
