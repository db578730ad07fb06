import fs from "node:fs";
import path from "node:path";
import type { DbContext } from "../../db";
import { env } from "../../env";
import { ingestLocalFile } from "../ingest-local-file";
import type { ProcessResult } from "../persist/process-file";
import type { RemoteEntry } from "./poll-source";
import type { SftpSession, SftpSource } from "./sftp-source";

/**
 * Downloads one remote file version and puts it through the pipeline. A download shorter than the listed size
 * (a dropped connection) is never ingested: it throws, and the job is retried.
 */
export async function collectRemoteFile(ctx: Pick<DbContext, "db" | "pool">, source: SftpSource, session: SftpSession, entry: RemoteEntry): Promise<ProcessResult> {
  const tmpDir = path.resolve(env.DATA_DIR, "tmp");
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const local = path.join(tmpDir, `dl-${process.pid}-${crypto.randomUUID()}`);
  try {
    await session.download(path.posix.join(source.root, entry.path), local);
    const got = (await fs.promises.stat(local)).size;
    if (got !== entry.size) throw new Error(`truncated download of ${entry.path}: ${got} of ${entry.size} bytes`);
    const result = await ingestLocalFile(ctx, { source: source.name, path: entry.path, localPath: local });
    await ctx.pool.query("UPDATE remote_file SET taken_size = $3, taken_mtime = $4 WHERE source = $1 AND path = $2", [source.name, entry.path, entry.size, entry.mtime]);
    return result;
  } finally {
    await fs.promises.rm(local, { force: true });
  }
}
