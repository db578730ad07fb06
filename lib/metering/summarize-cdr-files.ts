import type { Db } from "../db";
import type { DataScope } from "../auth/scope";
import { cdrFileWhere } from "./cdr-file-scope";

export type CdrFileSummary = {
  byStatus: Record<string, number>;
  /** files still being ingested, so the page can show progress and keep refreshing */
  inFlight: { id: number; path: string; status: string; size: number; bytesRead: number }[];
  folders: string[];
};

/** Counts per status, the files in flight and the folders seen, within the actor's scope. */
export async function summarizeCdrFiles(db: Db, scope: DataScope): Promise<CdrFileSummary> {
  const where = await cdrFileWhere(db, scope);
  const [groups, inFlight, folders] = await Promise.all([
    db.cdrFile.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db.cdrFile.findMany({ where: { AND: [where, { status: { in: ["registered", "processing"] } }] }, orderBy: { id: "asc" }, take: 20 }),
    db.cdrFile.findMany({ where, distinct: ["folder"], select: { folder: true }, orderBy: { folder: "asc" } }),
  ]);
  return {
    byStatus: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
    inFlight: inFlight.map((f) => ({ id: f.id, path: f.path, status: f.status, size: Number(f.size), bytesRead: Number(f.bytesRead) })),
    folders: folders.map((f) => f.folder),
  };
}
