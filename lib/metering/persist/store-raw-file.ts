import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";

export type StoredFile = { sha256: string; size: number; spoolPath: string };

/**
 * Keeps the exact bytes received under the spool, named by their SHA-256 (so a duplicate costs nothing):
 * whatever happens to a file later, what arrived can always be shown and processed again.
 */
export async function storeRawFile(localPath: string, spoolDir: string): Promise<StoredFile> {
  const hash = createHash("sha256");
  let size = 0;
  const tmp = path.join(spoolDir, `.in-${process.pid}-${crypto.randomUUID()}`);
  await fs.promises.mkdir(spoolDir, { recursive: true });
  try {
    const input = fs.createReadStream(localPath);
    input.on("data", (c) => { hash.update(c as Buffer); size += (c as Buffer).length; });
    await pipeline(input, fs.createWriteStream(tmp));
    const sha256 = hash.digest("hex");
    const spoolPath = path.join(spoolDir, sha256.slice(0, 2), sha256);
    await fs.promises.mkdir(path.dirname(spoolPath), { recursive: true });
    await fs.promises.rename(tmp, spoolPath);
    return { sha256, size, spoolPath };
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}
