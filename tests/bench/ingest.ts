// npm run bench:ingest [-- --records N] [-- --single-file-gb 1] [--keep]
//
// Default mode: N records (default 1,000,000) in hourly files across folders, made by the project's generator;
// (a) the real pipeline (ingestLocalFile per file, then refreshBills for the month) and (b) a plain COPY of the
// same records (the 15 raw fields as text, lines split on '|' and trimmed, nothing else) into a scratch table.
// Prints records/s for both, their ratio and peak RSS.
// --single-file-gb X: one plain CSV of about X GB through the pipeline in a child process (its peak RSS alone),
// and the same plain COPY for comparison.
// The database: DATABASE_URL if set, else postgresql://postgres@127.0.0.1:5432/postgres, is the admin connection;
// a scratch database bench_ingest_<pid> is created, migrated, loaded with prisma/seed-data, and dropped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const { values } = parseArgs({
  options: {
    records: { type: "string", default: "1000000" },
    hours: { type: "string" },
    "single-file-gb": { type: "string" },
    keep: { type: "boolean", default: false },
    // internal: the child that runs the pipeline on one file
    child: { type: "string" },
    url: { type: "string" },
  },
});

const log = (s: string) => process.stderr.write(`${s}\n`);
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function child(file: string, url: string) {
  const { connectDb } = await import("../../lib/db");
  const { ingestLocalFile } = await import("../../lib/metering/ingest-local-file");
  const { refreshBills } = await import("../../lib/billing/refresh-bills");
  const ctx = connectDb(url, 2);
  try {
    const t0 = performance.now();
    const r = await ingestLocalFile(ctx, { source: "bench", path: `vm/${path.basename(file)}`, localPath: file });
    const tIngest = performance.now() - t0;
    for (const m of r.months) await refreshBills(ctx, m);
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ status: r.status, reason: r.reason, records: r.records, errors: r.errors, months: r.months, ingestMs: tIngest, ms, maxRssMb: rssMb() }) + "\n");
  } finally {
    await ctx.close();
  }
}

function runChild(file: string, url: string, dataDir: string): Promise<{ status: string; reason?: string; records: number; errors: number; ingestMs: number; ms: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    // the same node with the same loader (tsx) flags; the child sees only what it needs
    const p = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", file, "--url", url], {
      cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (c) => { out += c; });
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`pipeline child exited with ${code}`));
      try { resolve(JSON.parse(out.trim().split("\n").pop()!)); } catch (e) { reject(e); }
    });
  });
}

/** The baseline: the same detail lines, split on '|' and trimmed, first 15 fields as text, one COPY. */
async function plainCopy(url: string, files: string[]): Promise<{ records: number; ms: number }> {
  const { unpack } = await import("../../lib/metering/parse/unpack");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw; CREATE UNLOGGED TABLE bench_raw (${Array.from({ length: 15 }, (_, i) => `f${i + 1} text`).join(", ")})`);
    await client.query("ALTER TABLE bench_raw SET LOGGED"); // same durability as usage_record
    const t0 = performance.now();
    const copy = client.query(copyFrom("COPY bench_raw FROM STDIN"));
    const done = new Promise<void>((res, rej) => { copy.on("finish", res); copy.on("error", rej); });
    let records = 0;
    for (const file of files) {
      const u = await unpack(file);
      try {
        let rest = "";
        let batch = "";
        for await (const chunk of u.chunks) {
          const text = rest + chunk.toString("latin1");
          const lines = text.split("\n");
          rest = lines.pop()!;
          for (const line of lines) {
            const f = line.split("|").map((x) => x.trim());
            if (f[0] !== "20" && f[0] !== "30") continue;
            batch += f.slice(0, 15).join("\t") + "\n";
            records++;
          }
          if (batch.length > 256 * 1024) { if (!copy.write(batch)) await new Promise((r) => copy.once("drain", r)); batch = ""; }
        }
        if (rest) {
          const f = rest.split("|").map((x) => x.trim());
          if (f[0] === "20" || f[0] === "30") { batch += f.slice(0, 15).join("\t") + "\n"; records++; }
        }
        if (batch && !copy.write(batch)) await new Promise((r) => copy.once("drain", r));
      } finally {
        await u.cleanup();
      }
    }
    copy.end();
    await done;
    return { records, ms: performance.now() - t0 };
  } finally {
    await client.end();
  }
}

function table(rows: string[][]) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  process.stdout.write(`\n${line(rows[0])}\n${w.map((n) => "-".repeat(n)).join("  ")}\n${rows.slice(1).map(line).join("\n")}\n`);
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ingest-"));
  const dataDir = path.join(tmp, "data");
  // lib/env reads process.env once, at import: set what the pipeline reads before importing it
  process.env.DATA_DIR = dataDir;
  const adminUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const dbName = `bench_ingest_${process.pid}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  process.env.DATABASE_URL = url;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  const { migrate } = await import("../../lib/db/migrate");
  const { connectDb } = await import("../../lib/db");
  const { importReference } = await import("../../lib/reference/import-reference");
  const { readReference, seedDataDir } = await import("../../lib/metering/generate/reference");
  const { generateRecords, writeLargeFile } = await import("../../lib/metering/generate/generate");
  const reference = readReference();

  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName}`);
  try {
    await migrate({ databaseUrl: url, root });
    const setup = connectDb(url, 2);
    try { await importReference(setup.db, seedDataDir()); } finally { await setup.close(); }

    if (values["single-file-gb"]) {
      const bytes = Math.round(Number(values["single-file-gb"]) * 1024 ** 3);
      const file = path.join(tmp, "HWS_cn-sh-gov-1_vm_20250301000100_000_017.csv");
      let t = performance.now();
      const g = writeLargeFile({ file, bytes, reference, seed: 1 });
      log(`generated ${fmt(g.records)} records, ${fmt(g.bytes)} bytes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      log("pipeline (child process) ...");
      const p = await runChild(file, url, dataDir);
      if (p.status !== "ok") throw new Error(`the file was not ingested: ${p.status} ${p.reason ?? ""}`);
      log("plain COPY ...");
      t = performance.now();
      const c = await plainCopy(url, [file]);
      const rateP = p.records / (p.ms / 1000);
      const rateC = c.records / (c.ms / 1000);
      table([
        ["one file", "records", "bytes", "seconds", "records/s", "peak RSS MB"],
        ["pipeline (ingestLocalFile + refreshBills)", fmt(p.records), fmt(g.bytes), (p.ms / 1000).toFixed(1), fmt(rateP), String(p.maxRssMb)],
        ["  of which ingest", "", "", (p.ingestMs / 1000).toFixed(1), fmt(p.records / (p.ingestMs / 1000)), ""],
        ["plain COPY (15 raw text fields)", fmt(c.records), fmt(g.bytes), (c.ms / 1000).toFixed(1), fmt(rateC), ""],
        ["pipeline / COPY", "", "", "", `${((rateP / rateC) * 100).toFixed(0)} %`, ""],
      ]);
      process.stdout.write(`pipeline peak RSS ${p.maxRssMb} MB (aim: under 300 MB) -> ${p.maxRssMb < 300 ? "OK" : "OVER"}\n`);
      return;
    }

    const n = Number(values.records);
    const uploads = path.join(tmp, "uploads");
    let t = performance.now();
    const g = generateRecords({ outDir: uploads, reference, records: n, seed: 1, hours: values.hours ? Number(values.hours) : undefined });
    log(`generated ${fmt(g.records)} records in ${fmt(g.files.length)} files (${g.hours} hours) in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS so far ${rssMb()} MB`);
    const { ingestLocalFile } = await import("../../lib/metering/ingest-local-file");
    const { refreshBills } = await import("../../lib/billing/refresh-bills");
    const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 2);
    const ctx = connectDb(url, concurrency * 2 + 2);
    let pipelineMs = 0;
    let ingestMs = 0;
    let recordsIn = 0;
    const statuses: Record<string, number> = {};
    try {
      const months = new Set<string>();
      t = performance.now();
      // files go through in parallel, as the workers take them (WORKER_CONCURRENCY, default 2)
      let next = 0;
      let done = 0;
      const lane = async () => {
        while (next < g.files.length) {
          const f = g.files[next++];
          const r = await ingestLocalFile(ctx, { source: "bench", path: f.path, localPath: path.join(uploads, f.path) });
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          recordsIn += r.records;
          r.months.forEach((m) => months.add(m));
          if (++done % 2000 === 0) log(`  pipeline: ${fmt(done)}/${fmt(g.files.length)} files, ${fmt(recordsIn)} records, ${((performance.now() - t) / 1000).toFixed(1)} s`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      ingestMs = performance.now() - t;
      for (const m of [...months].sort()) await refreshBills(ctx, m);
      pipelineMs = performance.now() - t;
    } finally {
      await ctx.close();
    }
    if (recordsIn !== g.records) throw new Error(`the pipeline took ${recordsIn} records of ${g.records}: ${JSON.stringify(statuses)}`);
    const rssAfterPipeline = rssMb();
    log("plain COPY ...");
    const c = await plainCopy(url, g.files.map((f) => path.join(uploads, f.path)));
    if (c.records !== g.records) throw new Error(`COPY took ${c.records} records of ${g.records}`);
    const rateP = recordsIn / (pipelineMs / 1000);
    const rateC = c.records / (c.ms / 1000);
    table([
      [`${fmt(g.files.length)} files`, "records", "seconds", "records/s", "ms/file"],
      [`pipeline (ingestLocalFile per file, ${concurrency} at a time, + refreshBills)`, fmt(recordsIn), (pipelineMs / 1000).toFixed(1), fmt(rateP), (pipelineMs / g.files.length).toFixed(2)],
      ["  of which ingest", "", (ingestMs / 1000).toFixed(1), fmt(recordsIn / (ingestMs / 1000)), (ingestMs / g.files.length).toFixed(2)],
      ["plain COPY (15 raw text fields, one COPY)", fmt(c.records), (c.ms / 1000).toFixed(1), fmt(rateC), (c.ms / g.files.length).toFixed(2)],
      ["pipeline / COPY", "", "", `${((rateP / rateC) * 100).toFixed(0)} %`, ""],
    ]);
    process.stdout.write(`statuses ${JSON.stringify(statuses)}; peak RSS ${rssMb()} MB (after the pipeline: ${rssAfterPipeline} MB)\n`);
  } finally {
    if (!values.keep) {
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
      fs.rmSync(tmp, { recursive: true, force: true });
    } else log(`kept: database ${dbName}, files ${tmp}`);
  }
}

if (values.child) {
  child(values.child, values.url!).then(() => process.exit(0), (e) => { log(`error: ${e?.stack ?? e}`); process.exit(1); });
} else {
  main().then(() => process.exit(0), (e) => { log(`error: ${e?.stack ?? e}`); process.exit(1); });
}
