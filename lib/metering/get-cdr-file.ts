import type { Db } from "../db";
import type { DataScope } from "../auth/scope";
import { cdrFileWhere } from "./cdr-file-scope";
import type { CdrFileRow } from "./list-cdr-files";

export type CdrFileDetail = CdrFileRow & { nameRecognised: boolean; months: string[]; spoolPath: string; versions: { id: number; version: number; status: string; current: boolean; receivedAt: string }[] };

/** One file version with the other versions of its path, or null when it does not exist within the scope. */
export async function getCdrFile(db: Db, input: { id: number }, scope: DataScope): Promise<CdrFileDetail | null> {
  const where = await cdrFileWhere(db, scope);
  const f = await db.cdrFile.findFirst({ where: { AND: [where, { id: input.id }] } });
  if (!f) return null;
  const [versions, provider] = await Promise.all([
    db.cdrFile.findMany({ where: { AND: [where, { source: f.source, path: f.path }] }, orderBy: { version: "asc" } }),
    f.regionCode ? db.provider.findFirst({ where: { regionCodes: { has: f.regionCode } } }) : null,
  ]);
  return {
    id: f.id, source: f.source, path: f.path, folder: f.folder, fileName: f.fileName, version: f.version, current: f.current, regionCode: f.regionCode,
    providerName: provider?.name ?? null, size: Number(f.size), sha256: f.sha256, status: f.status, reason: f.reason, records: f.recordCount,
    errors: f.errorCount, bytesRead: Number(f.bytesRead), receivedAt: f.receivedAt.toISOString(), processedAt: f.processedAt?.toISOString() ?? null,
    nameRecognised: f.nameRecognised, months: f.months, spoolPath: f.spoolPath,
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status, current: v.current, receivedAt: v.receivedAt.toISOString() })),
  };
}
