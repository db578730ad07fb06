import type { Db } from "../db";
import type { DataScope } from "../auth/scope";
import { cdrFileWhere } from "./cdr-file-scope";

export type CdrFileSummary = {
  byStatus: Record<string, number>;
  /** the first files still being ingested (all of them are counted in byStatus), so the page can show progress */
  inFlight: { id: number; path: string; status: string; size: number; bytesRead: number }[];
  folders: string[];
};

const IN_FLIGHT_SHOWN = 10;

/** Counts per status, the files in flight and the folders seen, within the actor's scope. */
export async function summarizeCdrFiles(db: Db, scope: DataScope): Promise<CdrFileSummary> {
  const where = await cdrFileWhere(db, scope);
  const [groups, inFlight, folders] = await Promise.all([
    db.cdrFile.groupBy({ by: ["status"], where, _count: { _all: true } }),
    // processing before registered ("p" < "r"), oldest first: the files the workers hold now come first
    db.cdrFile.findMany({ where: { AND: [where, { status: { in: ["registered", "processing"] } }] }, orderBy: [{ status: "asc" }, { id: "asc" }], take: IN_FLIGHT_SHOWN }),
    db.cdrFile.findMany({ where, distinct: ["folder"], select: { folder: true }, orderBy: { folder: "asc" } }),
  ]);
  return {
    byStatus: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
    inFlight: inFlight.map((f) => ({ id: f.id, path: f.path, status: f.status, size: Number(f.size), bytesRead: Number(f.bytesRead) })),
    folders: folders.map((f) => f.folder),
  };
}
