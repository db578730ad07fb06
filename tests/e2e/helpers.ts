import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { refreshBills } from "../../lib/billing/refresh-bills";
import type { DbContext } from "../../lib/db";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { listLocalTree } from "../../lib/metering/list-local-tree";
import { projectRoot } from "../support/paths";
import { freePort } from "../../workers/portal-build";

export { ensurePortalBuild } from "../../workers/portal-build";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Debian's chromium; the test machine must not download a browser of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Ingests a local folder laid out like the SFTP root through the pipeline's own functions, a few files at a time
 * (the folder's paths are distinct, so their order does not change the bills), then builds the bills.
 */
export async function ingestFolder(ctx: Pick<DbContext, "db" | "pool">, root: string, options: { source: string; concurrency?: number }): Promise<string[]> {
  const files = listLocalTree(root);
  const months = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const rel = files[next++];
      const r = await ingestLocalFile(ctx, { source: options.source, path: rel, localPath: path.join(root, rel) });
      r.months.forEach((m) => months.add(m));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  const sorted = [...months].sort();
  for (const m of sorted) await refreshBills(ctx, m);
  return sorted;
}

export type RunningPortal = { baseUrl: string; output: () => string; stop: () => Promise<void> };

/** `next start` on a free loopback port against the given database; resolves once the login page answers. */
export async function startPortal(options: { databaseUrl: string; queuePrefix?: string; timeoutMs?: number }): Promise<RunningPortal> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: projectRoot,
    // its own process group, so that stop() ends the server and anything it started
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: options.databaseUrl, QUEUE_PREFIX: options.queuePrefix ?? `e2e-${process.pid}`, NEXTAUTH_URL: baseUrl, NEXTAUTH_SECRET: "e2e-secret", NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try { process.kill(-child.pid!, "SIGTERM"); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    const ok = await fetch(`${baseUrl}/login`).then((r) => r.ok, () => false);
    if (ok) return { baseUrl, output: () => log, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the portal did not answer on ${baseUrl} within the timeout:\n${log}`);
}

/** Signs in through the login form and waits until the portal has left the login page. */
export async function login(page: Page, baseUrl: string, credentials: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("用户名").fill(credentials.username);
  await page.getByLabel("密码").fill(credentials.password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
}
