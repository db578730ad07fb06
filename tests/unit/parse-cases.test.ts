import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCdr, type CdrError } from "../../lib/metering/parse/parse-cdr";
import type { CdrRecord } from "../../lib/metering/parse/parse-detail";
import { QuarantineError, unpack } from "../../lib/metering/parse/unpack";
import { NotUtf8Error, type Encoding } from "../../lib/metering/parse/split-lines";
import { listLocalTree } from "../../lib/metering/list-local-tree";
import { casesDir } from "../support/paths";

async function parseFile(file: string, encoding: Encoding = "utf-8"): Promise<{ status: string; records: CdrRecord[]; errors: CdrError[]; reason?: string }> {
  const records: CdrRecord[] = [];
  const errors: CdrError[] = [];
  try {
    const u = await unpack(file);
    try {
      const s = await parseCdr(u.chunks, { record: (r) => { records.push(r); }, error: (e) => { errors.push(e); } }, encoding);
      return { status: s.status, records, errors, reason: s.reason };
    } finally {
      await u.cleanup();
    }
  } catch (e) {
    if (e instanceof QuarantineError) return { status: "quarantined", records: [], errors: [], reason: e.message };
    if (e instanceof NotUtf8Error && encoding === "utf-8") return parseFile(file, "gbk");
    throw e;
  }
}

// Every shared case, file by file: what the parser alone decides (duplicates are decided by the store).
describe("parser over the shared cases", () => {
  for (const name of fs.readdirSync(casesDir).sort()) {
    const expected = JSON.parse(fs.readFileSync(path.join(casesDir, name, "expected.json"), "utf8"));
    const uploads = path.join(casesDir, name, "uploads");
    it(name, async () => {
      const taken = listLocalTree(uploads);
      expect(taken.sort()).toEqual(Object.keys(expected.files).sort());
      for (const [rel, want] of Object.entries<{ status: string; records: number; errorLines: number[] }>(expected.files)) {
        const got = await parseFile(path.join(uploads, rel));
        if (want.status === "duplicate") { expect(got.status).toBe("ok"); continue; }
        expect({ rel, status: got.status }).toEqual({ rel, status: want.status });
        if (want.status === "ok") {
          expect(got.records.length).toBe(want.records);
          expect(got.errors.map((e) => e.lineNo)).toEqual(want.errorLines);
        }
      }
    });
  }

  it("decodes GBK after UTF-8 fails and strips BOM and CR", async () => {
    const dir = path.join(casesDir, "c09-bom-crlf-gbk/uploads/volume");
    const got = await parseFile(path.join(dir, fs.readdirSync(dir)[0]));
    expect(got.records[0].bssParams).toBe("::救助档案盘");
    for (const v of Object.values(got.records[0])) expect(String(v)).not.toMatch(/[\r\uFEFF]/);
  });

  it("gives each bad line its reason", async () => {
    const dir = path.join(casesDir, "c05-bad-lines/uploads/vm");
    const got = await parseFile(path.join(dir, fs.readdirSync(dir)[0]));
    expect(got.errors.map((e) => [e.lineNo, e.reason])).toEqual([
      [3, "expected 15 fields, found 14"],
      [4, "negative AccumulateFactorValue '-5'"],
      [5, "bad BeginTime '20251311000000'"],
      [6, "AccumulateFactorValue is not a number: 'abc'"],
      [7, "BeginTime 20250311010000 is not before EndTime 20250311000000"],
    ]);
  });

  it("quarantines a zip whose MD5 does not match and a truncated gzip", async () => {
    const zip = await parseFile(path.join(casesDir, "c08-zip-md5/uploads/elb/HWS_cn-sh-gov-1_elb_20250314010000_001_017.zip"));
    expect(zip.reason).toMatch(/^MD5 mismatch/);
    const gz = await parseFile(path.join(casesDir, "c12-gzip/uploads/rds/HWS_cn-sh-gov-1_rds_20250317010000_001_017.csv.gz"));
    expect(gz.status).toBe("quarantined");
  });
});
