import { z } from "zod";
import type { Db } from "../db";
import type { DataScope } from "../auth/scope";
import { cdrFileWhere } from "./cdr-file-scope";

export const CDR_FILE_STATUSES = ["registered", "processing", "ok", "incomplete", "quarantined", "duplicate"] as const;

const SORTABLE = { receivedAt: "receivedAt", processedAt: "processedAt", fileName: "fileName", folder: "folder", size: "size", records: "recordCount", errors: "errorCount", status: "status" } as const;

export const listCdrFilesInput = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE, ...(keyof typeof SORTABLE)[]]).default("receivedAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  status: z.array(z.enum(CDR_FILE_STATUSES)).default([]),
  folder: z.array(z.string().max(100)).default([]),
  q: z.string().trim().max(200).default(""),
});
export type ListCdrFilesInput = z.input<typeof listCdrFilesInput>;

export type CdrFileRow = {
  id: number; source: string; path: string; folder: string; fileName: string; version: number; current: boolean; regionCode: string | null;
  providerName: string | null; size: number; sha256: string; status: string; reason: string | null; records: number; errors: number;
  bytesRead: number; receivedAt: string; processedAt: string | null;
};

/** One page of CDR file versions, filtered and sorted on the server, within the actor's scope. */
export async function listCdrFiles(db: Db, rawInput: ListCdrFilesInput, scope: DataScope): Promise<{ rows: CdrFileRow[]; total: number }> {
  const input = listCdrFilesInput.parse(rawInput);
  const where = {
    AND: [
      await cdrFileWhere(db, scope),
      input.status.length ? { status: { in: input.status } } : {},
      input.folder.length ? { folder: { in: input.folder } } : {},
      input.q ? { path: { contains: input.q, mode: "insensitive" as const } } : {},
    ],
  };
  const [files, total, providers] = await Promise.all([
    db.cdrFile.findMany({
      where,
      orderBy: [{ [SORTABLE[input.sort]]: input.order }, { id: input.order }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.cdrFile.count({ where }),
    db.provider.findMany({ select: { name: true, regionCodes: true } }),
  ]);
  const providerByRegion = new Map(providers.flatMap((p) => p.regionCodes.map((r) => [r, p.name] as const)));
  return {
    total,
    rows: files.map((f) => ({
      id: f.id, source: f.source, path: f.path, folder: f.folder, fileName: f.fileName, version: f.version, current: f.current,
      regionCode: f.regionCode, providerName: f.regionCode ? (providerByRegion.get(f.regionCode) ?? null) : null,
      size: Number(f.size), sha256: f.sha256, status: f.status, reason: f.reason, records: f.recordCount, errors: f.errorCount,
      bytesRead: Number(f.bytesRead), receivedAt: f.receivedAt.toISOString(), processedAt: f.processedAt?.toISOString() ?? null,
    })),
  };
}
