import fs from "node:fs";
import path from "node:path";
import { ALL } from "../../lib/auth/scope";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { listExceptions } from "../../lib/metering/list-exceptions";
import { listFileSummaries } from "../../lib/metering/list-files";
import { listLocalTree } from "../../lib/metering/list-local-tree";
import { importReference } from "../../lib/reference/import-reference";
import { referenceDir } from "./paths";
import type { TestDb } from "./test-db";

export type Expected = {
  title: string;
  files: Record<string, { status: string; records: number; errorLines: number[] }>;
  bills: { month: string; department: string; gross: string; net: string; lines: { resourceId: string; itemCode: string; amount: string; net: string }[] }[];
  unassigned: { projectId: string; records: number }[];
  unrated: { key: string; records: number }[];
};

/** Ingests a shared case folder through the same functions the CLI uses and reports what the CLI would print. */
export async function runCase(t: TestDb, caseDir: string) {
  await importReference(t.db, referenceDir);
  const steps = fs.readdirSync(caseDir).filter((d) => /^uploads\.\d+$/.test(d)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const months = new Set<string>();
  for (const step of steps.length ? steps : ["uploads"]) {
    const orderFile = path.join(caseDir, steps.length ? `arrival-order.${step.split(".")[1]}.txt` : "arrival-order.txt");
    const order = fs.existsSync(orderFile) ? fs.readFileSync(orderFile, "utf8").split(/\r?\n/) : undefined;
    const root = path.join(caseDir, step);
    for (const rel of listLocalTree(root, order)) {
      const r = await ingestLocalFile(t, { source: "case", path: rel, localPath: path.join(root, rel) });
      r.months.forEach((m) => months.add(m));
    }
  }
  for (const m of months) await refreshBills(t, m);
  const expected: Expected = JSON.parse(fs.readFileSync(path.join(caseDir, "expected.json"), "utf8"));
  const bills = [];
  for (const m of new Set([...expected.bills.map((b) => b.month), ...months])) bills.push(...(await listBills(t.db, { month: m, scope: ALL })));
  return { expected, files: await listFileSummaries(t.db), bills, exceptions: await listExceptions(t.pool, ALL) };
}

/** The same comparison as ../shared/tools/check-cases.mjs, returning the differences. */
export function compareCase(r: Awaited<ReturnType<typeof runCase>>): string[] {
  const { expected, files, bills, exceptions } = r;
  const diffs: string[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const [p, want] of Object.entries(expected.files)) {
    const f = byPath.get(p);
    if (!f) { diffs.push(`file ${p}: missing`); continue; }
    if (f.status !== want.status) diffs.push(`file ${p}: status ${f.status}, want ${want.status}`);
    if (want.status === "ok" && f.records !== want.records) diffs.push(`file ${p}: records ${f.records}, want ${want.records}`);
    if (f.errorLines.join(",") !== want.errorLines.join(",")) diffs.push(`file ${p}: errorLines ${f.errorLines}, want ${want.errorLines}`);
    byPath.delete(p);
  }
  for (const p of byPath.keys()) diffs.push(`file ${p}: taken but must not be`);
  const byBill = new Map(bills.map((b) => [`${b.month} ${b.department}`, b]));
  for (const want of expected.bills) {
    const key = `${want.month} ${want.department}`;
    const b = byBill.get(key);
    if (!b) { diffs.push(`bill ${key}: missing`); continue; }
    if (b.gross !== want.gross || b.net !== want.net) diffs.push(`bill ${key}: ${b.gross}/${b.net}, want ${want.gross}/${want.net}`);
    const lines = new Map(b.lines.map((l) => [`${l.resourceId} ${l.itemCode}`, l]));
    for (const wl of want.lines) {
      const l = lines.get(`${wl.resourceId} ${wl.itemCode}`);
      if (!l || l.amount !== wl.amount || l.net !== wl.net) diffs.push(`bill ${key} line ${wl.resourceId} ${wl.itemCode}: ${l?.amount}/${l?.net}, want ${wl.amount}/${wl.net}`);
      lines.delete(`${wl.resourceId} ${wl.itemCode}`);
    }
    for (const k of lines.keys()) diffs.push(`bill ${key}: unexpected line ${k}`);
    byBill.delete(key);
  }
  for (const k of byBill.keys()) diffs.push(`bill ${k}: unexpected`);
  const ua = exceptions.unassigned.map((u) => `${u.projectId}=${u.records}`).sort();
  if (ua.join() !== expected.unassigned.map((u) => `${u.projectId}=${u.records}`).sort().join()) diffs.push(`unassigned ${ua}, want ${JSON.stringify(expected.unassigned)}`);
  const ur = exceptions.unrated.map((u) => `${[u.regionCode, u.serviceTypeCode, u.resourceTypeCode, u.resourceSpecCode, u.factor].join("|")}=${u.records}`).sort();
  if (ur.join() !== expected.unrated.map((u) => `${u.key}=${u.records}`).sort().join()) diffs.push(`unrated ${ur}, want ${JSON.stringify(expected.unrated)}`);
  return diffs;
}
