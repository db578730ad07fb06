import path from "node:path";
import type pg from "pg";
import type { Db } from "../db";
import { env } from "../env";
import { processFile, type ProcessResult } from "./persist/process-file";
import { registerFile } from "./persist/register-file";
import { storeRawFile } from "./persist/store-raw-file";

export const spoolDir = () => path.resolve(env.DATA_DIR, "spool");

/**
 * One received file through the whole pipeline: keep the bytes, register the version, parse, rate, persist —
 * then any file it brought back from being a duplicate. The months are those of every file processed.
 */
export async function ingestLocalFile(ctx: { db: Db; pool: pg.Pool }, input: { source: string; path: string; localPath: string }): Promise<ProcessResult> {
  const stored = await storeRawFile(input.localPath, spoolDir());
  const file = await registerFile(ctx.pool, { source: input.source, path: input.path, ...stored });
  const result = await processFile(ctx, file.id);
  const months = new Set(result.months);
  for (let queue = [...result.revived]; queue.length; ) {
    const again = await processFile(ctx, queue.shift()!);
    again.months.forEach((m) => months.add(m));
    queue.push(...again.revived);
  }
  return { ...result, months: [...months].sort() };
}
