import type { Db } from "../db";

export type FileSummary = { path: string; source: string; version: number; status: string; reason: string | null; records: number; errors: number; errorLines: number[] };

/** The latest version of every file path, with the line numbers of its error rows (the CLI's `files --json`). */
export async function listFileSummaries(db: Db): Promise<FileSummary[]> {
  const files = await db.cdrFile.findMany({ orderBy: [{ source: "asc" }, { path: "asc" }, { version: "desc" }], include: { errors: { select: { lineNo: true }, orderBy: { lineNo: "asc" } } } });
  const seen = new Set<string>();
  const out: FileSummary[] = [];
  for (const f of files) {
    const key = `${f.source}\u0000${f.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: f.path, source: f.source, version: f.version, status: f.status, reason: f.reason, records: f.recordCount, errors: f.errorCount, errorLines: f.errors.map((e) => e.lineNo) });
  }
  return out;
}
