// The portal's production build and a free port: shared by the demo and the end-to-end tests.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "..");

const BUILD_INPUTS = ["app", "components", "lib", "next.config.ts", "package.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const e of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, e)));
  return newest;
}

/**
 * Runs `next build` unless the existing production build is newer than every source it was built from.
 * Asynchronous, so that it overlaps the test's data setup.
 */
export async function ensurePortalBuild(): Promise<{ built: boolean; ms: number }> {
  const started = Date.now();
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  const builtAt = fs.statSync(buildId, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map((e) => newestMtime(path.join(projectRoot, e))));
  if (builtAt > sourcesAt) return { built: false, ms: 0 };
  const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "build"], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed:\n${output}`);
  return { built: true, ms: Date.now() - started };
}

/** A port that was free a moment ago (preferred if given and free). */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(preferred, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

