import path from "node:path";
import type pg from "pg";
import type { Db } from "../db";
import { env } from "../env";
import { processFile, type ProcessResult } from "./persist/process-file";
import { registerFile } from "./persist/register-file";
import { storeRawFile } from "./persist/store-raw-file";

export const spoolDir = () => path.resolve(env.DATA_DIR, "spool");

/** One received file through the whole pipeline: keep the bytes, register the version, parse, rate, persist. */
export async function ingestLocalFile(ctx: { db: Db; pool: pg.Pool }, input: { source: string; path: string; localPath: string }): Promise<ProcessResult> {
  const stored = await storeRawFile(input.localPath, spoolDir());
  const file = await registerFile(ctx.pool, { source: input.source, path: input.path, ...stored });
  return processFile(ctx, file.id);
}
