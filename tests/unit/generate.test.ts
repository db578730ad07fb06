import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMonth, generateRecords, writeLargeFile, type GenerateResult } from "../../lib/metering/generate/generate";
import { readReference } from "../../lib/metering/generate/reference";
import { zipEntries } from "../../lib/metering/generate/zip";
import { parseCdr, type ParseSummary } from "../../lib/metering/parse/parse-cdr";
import { QuarantineError, unpack } from "../../lib/metering/parse/unpack";

const reference = readReference();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "generate-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function parseFile(file: string): Promise<ParseSummary & { userIds: Set<string> }> {
  const u = await unpack(file);
  const userIds = new Set<string>();
  try {
    const s = await parseCdr(u.chunks, { record: (r) => { userIds.add(r.userId); }, error: () => {} });
    return { ...s, userIds };
  } finally {
    await u.cleanup();
  }
}

function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const parts: Buffer[] = [];
          s.on("data", (c: Buffer) => parts.push(c));
          s.on("end", () => { out.set(e.fileName, Buffer.concat(parts)); zip.readEntry(); });
          s.on("error", reject);
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

function digestTree(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update("\0").update(fs.readFileSync(p)).update("\0");
    }
  };
  walk(dir);
  return h.digest("hex");
}

describe("zipEntries", () => {
  it("writes a zip that yauzl reads back, byte for byte", async () => {
    const a = Buffer.from("10|20250301000000|01|text\n90|20250301000000|0\n");
    const b = Buffer.alloc(100_000, "x");
    const zip = zipEntries([{ name: "a.csv", data: a, mtime: new Date(Date.UTC(2025, 2, 1, 1, 2, 4)) }, { name: "b.bin", data: b, mtime: new Date(0) }]);
    const back = await readZip(zip);
    expect([...back.keys()]).toEqual(["a.csv", "b.bin"]);
    expect(back.get("a.csv")!.equals(a)).toBe(true);
    expect(back.get("b.bin")!.equals(b)).toBe(true);
    expect(zip.length).toBeLessThan(2_000); // deflated
  });
});

describe("generateMonth", () => {
  let first: GenerateResult;
  const dirA = path.join(tmp, "a");
  beforeAll(() => {
    first = generateMonth({ outDir: dirA, month: "2025-03", reference, seed: 7 });
  });

  it("is deterministic: the same seed gives the same bytes, another seed other bytes", () => {
    const dirB = path.join(tmp, "b");
    const dirC = path.join(tmp, "c");
    const again = generateMonth({ outDir: dirB, month: "2025-03", reference, seed: 7 });
    generateMonth({ outDir: dirC, month: "2025-03", reference, seed: 8, hours: 24 });
    expect(again).toEqual(first);
    expect(digestTree(dirB)).toBe(digestTree(dirA));
    const c0 = fs.readdirSync(path.join(dirC, "vm")).sort()[0];
    const a0 = fs.readdirSync(path.join(dirA, "vm")).sort()[0];
    expect(c0).not.toBe(a0);
  });

  it("covers the Shanghai month hour by hour, for every region and folder, with the real names and packaging", () => {
    expect(first.hours).toBe(744);
    expect(first.regions).toEqual(["cn-sh-gov-1", "cn-sh-gov-2"]);
    const folders = new Set(first.files.map((f) => f.path.split("/")[0]));
    expect([...folders].sort()).toEqual(["bandwidth", "elb", "ip", "rds", "smn_sms", "vm", "volume", "vpnconnection"]);
    expect(first.files.length).toBe(744 * 2 * folders.size);
    const names = first.files.map((f) => path.posix.basename(f.path));
    for (const n of names) expect(n).toMatch(/^HWS_cn-sh-gov-[12]_[a-z_]+_\d{14}_\d{3}_017\.(csv|zip|csv\.gz)$/);
    // the first slice starts at 16:00 UTC on the last day of February: its file is made just after 17:00 UTC
    const vm = names.filter((n) => n.startsWith("HWS_cn-sh-gov-1_vm_")).sort();
    expect(vm[0]).toMatch(/^HWS_cn-sh-gov-1_vm_2025022817\d{4}_/);
    expect(vm[vm.length - 1]).toMatch(/^HWS_cn-sh-gov-1_vm_2025033116\d{4}_/);
    expect(vm.every((n) => n.endsWith(".zip"))).toBe(true);
    expect(names.filter((n) => n.startsWith("HWS_cn-sh-gov-2_vm_")).every((n) => n.endsWith(".csv"))).toBe(true);
    expect(names.filter((n) => n.includes("_volume_")).every((n) => n.endsWith(".csv.gz"))).toBe(true);
    expect(first.records).toBeGreaterThan(50_000);
    expect(first.files.some((f) => f.records === 0)).toBe(true); // heartbeats
  });

  it("writes both styles: ' | ' with CRLF and bare '|'", () => {
    const rds = first.files.find((f) => f.path.startsWith("rds/") && f.records > 0)!;
    const ip = first.files.find((f) => f.path.startsWith("ip/") && f.records > 0)!;
    const spaced = fs.readFileSync(path.join(dirA, rds.path), "latin1").split("\n");
    const bare = fs.readFileSync(path.join(dirA, ip.path), "latin1").split("\n");
    expect(spaced[0]).toMatch(/^10 \| \d{14} \| 01 \| text \r$/);
    expect(spaced[1]).toMatch(/ \| Duration \| 3600\.000000 \|  \r$/);
    expect(bare[0]).toMatch(/^10\|\d{14}\|01\|text$/);
    expect(bare[1]).toMatch(/\|Duration\|3600\|\|$/);
  });

  it("every file parses ok with the right trailer count, and every project appears", async () => {
    const projects = new Set<string>();
    let records = 0;
    for (const f of first.files) {
      const s = await parseFile(path.join(dirA, f.path));
      if (s.status !== "ok" || s.errors !== 0 || s.records !== f.records || s.trailerCount !== f.records) {
        throw new Error(`${f.path}: ${JSON.stringify({ ...s, userIds: undefined })}, expected ${f.records} records`);
      }
      s.userIds.forEach((u) => projects.add(u));
      records += s.records;
    }
    expect(records).toBe(first.records);
    expect([...projects].sort()).toEqual(reference.tenants.map((t) => t.project_id).sort());
  }, 300_000);

  it("nested zips carry a valid MD5 of the inner zip, and a wrong one is quarantined", async () => {
    const zips = first.files.filter((f) => f.path.endsWith(".zip"));
    expect(zips.length).toBe(744);
    for (const f of zips.slice(0, 50)) {
      const base = path.posix.basename(f.path);
      const entries = await readZip(fs.readFileSync(path.join(dirA, f.path)));
      expect([...entries.keys()].sort()).toEqual([base, `${base}.md5`]);
      const md5 = entries.get(`${base}.md5`)!.toString("latin1").trim();
      expect(md5).toBe(createHash("md5").update(entries.get(base)!).digest("hex"));
      const inner = await readZip(entries.get(base)!);
      expect([...inner.keys()]).toEqual([base.replace(/\.zip$/, ".csv")]);
    }
    const f = zips[0];
    const base = path.posix.basename(f.path);
    const entries = await readZip(fs.readFileSync(path.join(dirA, f.path)));
    const bad = path.join(tmp, "bad.zip");
    fs.writeFileSync(bad, zipEntries([{ name: base, data: entries.get(base)!, mtime: new Date(0) }, { name: `${base}.md5`, data: Buffer.from("0".repeat(32)), mtime: new Date(0) }]));
    await expect(unpack(bad)).rejects.toBeInstanceOf(QuarantineError);
  });
});

describe("benchmark inputs", () => {
  it("generateRecords writes exactly N records in hourly files across folders, all parseable", async () => {
    const dir = path.join(tmp, "records");
    const r = generateRecords({ outDir: dir, reference, records: 12_345, hours: 48, seed: 3 });
    expect(r.records).toBe(12_345);
    expect(r.files.reduce((n, f) => n + f.records, 0)).toBe(12_345);
    expect(new Set(r.files.map((f) => f.path.split("/")[0])).size).toBeGreaterThanOrEqual(8);
    let parsed = 0;
    for (const f of r.files) {
      const s = await parseFile(path.join(dir, f.path));
      expect(s.status).toBe("ok");
      expect(s.trailerCount).toBe(f.records);
      parsed += s.records;
    }
    expect(parsed).toBe(12_345);
    const again = path.join(tmp, "records2");
    generateRecords({ outDir: again, reference, records: 12_345, hours: 48, seed: 3 });
    expect(digestTree(again)).toBe(digestTree(dir));
  }, 120_000);

  it("writeLargeFile writes one plain CSV close to the size asked, which parses ok", async () => {
    const file = path.join(tmp, "large.csv");
    const r = writeLargeFile({ file, bytes: 3_000_000, reference, seed: 2 });
    const size = fs.statSync(file).size;
    expect(size).toBe(r.bytes);
    expect(size).toBeLessThanOrEqual(3_000_000);
    expect(size).toBeGreaterThan(2_999_000);
    const s = await parseFile(file);
    expect(s.status).toBe("ok");
    expect(s.errors).toBe(0);
    expect(s.records).toBe(r.records);
    expect(s.trailerCount).toBe(r.records);
  }, 60_000);
});
