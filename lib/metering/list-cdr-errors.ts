import type { Db } from "../db";
import type { DataScope } from "../auth/scope";
import { cdrFileWhere } from "./cdr-file-scope";

export type CdrErrorRow = { lineNo: number; reason: string; raw: string };

/** One page of a file's error rows, in line order, within the actor's scope. */
export async function listCdrErrors(db: Db, input: { fileId: number; page: number; pageSize: number }, scope: DataScope): Promise<{ rows: CdrErrorRow[]; total: number }> {
  const where = { fileId: input.fileId, file: await cdrFileWhere(db, scope) };
  const [rows, total] = await Promise.all([
    db.cdrError.findMany({ where, orderBy: { lineNo: "asc" }, skip: (input.page - 1) * input.pageSize, take: input.pageSize, select: { lineNo: true, reason: true, raw: true } }),
    db.cdrError.count({ where }),
  ]);
  return { rows, total };
}
