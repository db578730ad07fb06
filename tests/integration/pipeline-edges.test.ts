import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALL } from "../../lib/auth/scope";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { collectRemoteFile } from "../../lib/metering/collect/collect-file";
import { startSftpServer, type SftpServerHandle } from "../../lib/metering/collect/sftp-server";
import { openSftp } from "../../lib/metering/collect/sftp-source";
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
