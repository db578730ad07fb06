import path from "node:path";
import type { Db } from "../../db";
import { parseFileName } from "../parse/file-name";
import type { StoredFile } from "./store-raw-file";

export const FINAL_STATUSES = ["ok", "incomplete", "quarantined", "duplicate"] as const;

/**
 * Registers one received version of a file. The same content under the same path again is the same version
 * (nothing changes); new content under a known path is the next version. Safe to call again after a crash.
 */
export async function registerFile(db: Db, input: { source: string; path: string } & StoredFile) {
  const relPath = input.path.replace(/\\/g, "/").replace(/^\/+/, "");
  const existing = await db.cdrFile.findUnique({ where: { source_path_sha256: { source: input.source, path: relPath, sha256: input.sha256 } } });
  if (existing) return existing;
  const fileName = path.posix.basename(relPath);
  const name = parseFileName(fileName);
  const last = await db.cdrFile.aggregate({ where: { source: input.source, path: relPath }, _max: { version: true } });
  try {
    return await db.cdrFile.create({
      data: {
        source: input.source, path: relPath, fileName, folder: path.posix.dirname(relPath) === "." ? "" : path.posix.dirname(relPath).split("/")[0],
        version: (last._max.version ?? 0) + 1, current: false, regionCode: name.regionCode ?? null, nameRecognised: name.recognised,
        size: BigInt(input.size), sha256: input.sha256, spoolPath: input.spoolPath, status: "registered",
      },
    });
  } catch (e) {
    // a concurrent registration of the same version won the unique key
    const again = await db.cdrFile.findUnique({ where: { source_path_sha256: { source: input.source, path: relPath, sha256: input.sha256 } } });
    if (again) return again;
    throw e;
  }
}
