import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALL } from "../../lib/auth/scope";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { collectRemoteFile } from "../../lib/metering/collect/collect-file";
import { startSftpServer, type SftpServerHandle } from "../../lib/metering/collect/sftp-server";
import { openSftp } from "../../lib/metering/collect/sftp-source";
import { countSupersededRecords } from "../../lib/metering/count-superseded-records";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { listFileSummaries } from "../../lib/metering/list-files";
import { importReference } from "../../lib/reference/import-reference";
import { casesDir, referenceDir } from "../support/paths";
import { createTestDatabase, type TestDb } from "../support/test-db";

const WJW = "0a4f6c2e9b1d4e7f8a3b5c6d7e8f9012";
const vmFile = (lines: string[]) => `10|20250313010000|01|text\n${lines.join("\n")}\n90|20250313010000|${lines.length}\n`;
const vmLine = (type: 20 | 30, ts: string, id: string, seconds: number) =>
  `${type}|${ts}|${WJW}|cn-sh-gov-1|az1.dc1|hws.service.type.ec2|hws.resource.type.vm|s6.large.2.linux|${id}||20250313000000|20250313010000|Duration|${seconds}||`;

describe("pipeline edges on PostgreSQL", () => {
  let t: TestDb;
  let dir: string;
  const ingest = async (rel: string, content: string) => {
    const local = path.join(dir, rel.replace(/\//g, "_"));
    fs.writeFileSync(local, content);
    const r = await ingestLocalFile(t, { source: "edge", path: rel, localPath: local });
    for (const m of r.months) await refreshBills(t, m);
    return r;
  };
  const wjwLines = async () => (await listBills(t.db, { month: "2025-03", scope: ALL })).find((b) => b.department === "WJW")?.lines.map((l) => [l.resourceId, l.amount]) ?? [];

  beforeEach(async () => {
    t = await createTestDatabase("it_pipeline_edges");
    await importReference(t.db, referenceDir);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "edges-"));
  });
  afterEach(async () => {
    await t.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lets a correction (30) win over a normal record that arrives after it", async () => {
    await ingest("vm/b.csv", vmFile([vmLine(30, "20250313060000", "vm-0040", 1800)]));
    await ingest("vm/a.csv", vmFile([vmLine(20, "20250313010000", "vm-0040", 3600)]));
    expect(await wjwLines()).toEqual([["vm-0040", "0.13"]]);
  });

  it("counts, per file, the records that do not count (repeated or corrected)", async () => {
    const first = await ingest("vm/a.csv", vmFile([vmLine(20, "20250313010000", "vm-1", 3600), vmLine(20, "20250313010000", "vm-2", 3600)]));
    const second = await ingest("vm/b.csv", vmFile([vmLine(30, "20250313060000", "vm-1", 1800), vmLine(20, "20250313010000", "vm-2", 3600)]));
    expect(await countSupersededRecords(t.pool, first.fileId)).toBe(1); // vm-1, corrected
    expect(await countSupersededRecords(t.pool, second.fileId)).toBe(1); // vm-2 again
  });

  it("lets the later of two corrections win", async () => {
    await ingest("vm/a.csv", vmFile([vmLine(30, "20250313070000", "vm-0040", 900)]));
    await ingest("vm/b.csv", vmFile([vmLine(30, "20250313060000", "vm-0040", 1800)]));
    expect(await wjwLines()).toEqual([["vm-0040", "0.07"]]);
  });

  it("replaces a re-uploaded file's records with the new version's, keeping both versions", async () => {
    await ingest("vm/x.csv", vmFile([vmLine(20, "20250313010000", "vm-1", 3600), vmLine(20, "20250313010000", "vm-2", 3600)]));
    expect(await wjwLines()).toEqual([["vm-1", "0.27"], ["vm-2", "0.27"]]);
    const second = await ingest("vm/x.csv", vmFile([vmLine(20, "20250313010000", "vm-1", 1800)]));
    expect(second.months).toEqual(["2025-03"]);
    expect(await wjwLines()).toEqual([["vm-1", "0.13"]]);
    const versions = await t.db.cdrFile.findMany({ where: { path: "vm/x.csv" }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.status, v.current])).toEqual([[1, "ok", false], [2, "ok", true]]);
    expect((await listFileSummaries(t.db)).map((f) => [f.path, f.version, f.records])).toEqual([["vm/x.csv", 2, 1]]);
    // the same content again changes nothing
    await ingest("vm/x.csv", vmFile([vmLine(20, "20250313010000", "vm-1", 1800)]));
    expect(await t.db.cdrFile.count()).toBe(2);
  });

  it("takes older content coming back under a path as a new version (A, B, then A)", async () => {
    const a = vmFile([vmLine(20, "20250313010000", "vm-1", 3600)]);
    const b = vmFile([vmLine(20, "20250313010000", "vm-1", 1800)]);
    await ingest("vm/z.csv", a);
    await ingest("vm/z.csv", b);
    const third = await ingest("vm/z.csv", a);
    expect(third.months).toEqual(["2025-03"]);
    expect(await wjwLines()).toEqual([["vm-1", "0.27"]]);
    const versions = await t.db.cdrFile.findMany({ where: { path: "vm/z.csv" }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.current])).toEqual([[1, false], [2, false], [3, true]]);
  });

  it("withdraws the old content when a path is re-uploaded with another path's content", async () => {
    await ingest("vm/p1.csv", vmFile([vmLine(20, "20250313010000", "vm-1", 3600)]));
    await ingest("vm/p2.csv", vmFile([vmLine(20, "20250313010000", "vm-2", 3600)]));
    const again = await ingest("vm/p1.csv", vmFile([vmLine(20, "20250313010000", "vm-2", 3600)]));
    expect(again.status).toBe("duplicate");
    expect(await wjwLines()).toEqual([["vm-2", "0.27"]]);
  });

  it("brings a duplicate back when the file it duplicated is replaced", async () => {
    const a = vmFile([vmLine(20, "20250313010000", "vm-1", 3600)]);
    await ingest("vm/p1.csv", a);
    expect((await ingest("vm/p2.csv", a)).status).toBe("duplicate");
    await ingest("vm/p1.csv", vmFile([vmLine(20, "20250313010000", "vm-3", 3600)]));
    expect(await wjwLines()).toEqual([["vm-1", "0.27"], ["vm-3", "0.27"]]);
    expect((await t.db.cdrFile.findFirstOrThrow({ where: { path: "vm/p2.csv" } })).status).toBe("ok");
  });

  it("keeps a NUL byte, an absurd value and a line without an end as error rows, and goes on", async () => {
    const r = await ingest("vm/bad.csv", vmFile([
      vmLine(20, "20250313010000", "vm-1", 3600),
      vmLine(20, "20250313010000", "bad\0", 3600),
      vmLine(20, "20250313010000", "vm-2", 3600).replace("|Duration|3600|", "|Duration|1E25|"),
    ]));
    expect([r.status, r.records, r.errors]).toEqual(["ok", 1, 2]);
    expect(await wjwLines()).toEqual([["vm-1", "0.27"]]);
    const crOnly = await ingest("vm/cr.csv", `10|20250313010000|01|text\r${"x".repeat(3 << 20)}`);
    expect(crOnly.status).toBe("incomplete");
  });

  it("decides the encoding for the whole file: GBK text that happens to be valid UTF-8 is still read as GBK", async () => {
    const gbk = iconv.encode(vmFile([
      vmLine(20, "20250313010000", "vm-1", 3600).replace("|vm-1||", "|vm-1|::一丌|"),
      vmLine(20, "20250313010000", "vm-2", 3600).replace("|vm-2||", "|vm-2|::救助档案盘|"),
    ]), "gbk");
    const local = path.join(dir, "gbk.csv");
    fs.writeFileSync(local, gbk);
    await ingestLocalFile(t, { source: "edge", path: "vm/gbk.csv", localPath: local });
    const names = await t.db.usageRecord.findMany({ select: { bssParams: true }, orderBy: { lineNo: "asc" } });
    expect(names.map((n) => n.bssParams)).toEqual(["::一丌", "::救助档案盘"]);
  });

  it("keeps an incomplete new version from withdrawing the good one", async () => {
    await ingest("vm/y.csv", vmFile([vmLine(20, "20250313010000", "vm-1", 3600)]));
    const r = await ingest("vm/y.csv", "");
    expect(r.status).toBe("incomplete");
    expect(await wjwLines()).toEqual([["vm-1", "0.27"]]);
  });
});

describe("a download shorter than the listing", () => {
  let t: TestDb;
  let server: SftpServerHandle;
  beforeAll(async () => {
    t = await createTestDatabase("it_truncated_download");
    server = await startSftpServer({ root: path.join(casesDir, "c01-basic-spaced/uploads"), username: "u", password: "p" });
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it("is never ingested", async () => {
    const source = { name: "s", host: "127.0.0.1", port: server.port, username: "u", password: "p", root: "/", timeoutMs: 5000 };
    const session = await openSftp(source);
    try {
      const [entry] = await session.list("/vm");
      await expect(collectRemoteFile(t, source, session, { path: `vm/${entry.name}`, size: entry.size + 100, mtime: entry.modifyTime }))
        .rejects.toThrow(/truncated download/);
      expect(await t.db.cdrFile.count()).toBe(0);
    } finally {
      await session.end();
    }
  });
});
