import path from "node:path";
import type pg from "pg";
import { parseFileName } from "../parse/file-name";
import type { StoredFile } from "./store-raw-file";

export const FINAL_STATUSES = ["ok", "incomplete", "quarantined", "duplicate"] as const;

/**
 * Registers one received version of a file. The same content under the same path again is the same version
 * (nothing changes); new content under a known path is the next version. Safe to call again after a crash.
 */
export async function registerFile(pool: pg.Pool, input: { source: string; path: string } & StoredFile): Promise<{ id: number; status: string }> {
  const relPath = input.path.replace(/\\/g, "/").replace(/^\/+/, "");
  const fileName = path.posix.basename(relPath);
  const dir = path.posix.dirname(relPath);
  const name = parseFileName(fileName);
  // One statement: a new version numbered after the path's last one, or the existing row for the same content.
  const { rows } = await pool.query<{ id: number; status: string }>(
    `INSERT INTO cdr_file (source, path, file_name, folder, version, current, region_code, name_recognised, size, sha256, spool_path, status)
     SELECT $1, $2, $3, $4, coalesce((SELECT max(version) FROM cdr_file WHERE source = $1 AND path = $2), 0) + 1, false, $5, $6, $7, $8, $9, 'registered'
     ON CONFLICT (source, path, sha256) DO UPDATE SET source = EXCLUDED.source
     RETURNING id, status`,
    [input.source, relPath, fileName, dir === "." ? "" : dir.split("/")[0], name.regionCode ?? null, name.recognised, input.size, input.sha256, input.spoolPath],
  );
  return rows[0];
}
