import path from "node:path";
import type pg from "pg";
import { parseFileName } from "../parse/file-name";
import type { StoredFile } from "./store-raw-file";

export const FINAL_STATUSES = ["ok", "incomplete", "quarantined", "duplicate"] as const;

/** The advisory lock under which a path's versions are numbered and made current, one at a time. */
export const PATH_LOCK_SQL = (source: string, path: string) => `pg_advisory_xact_lock(hashtext(${source} || '/' || ${path}))`;

/**
 * Registers one received version of a file. The same content as the path's latest version is that version
 * (nothing changes); anything else — new content, or older content coming back (A, B, then A again) — is the
 * next version. Safe to call again after a crash.
 */
export async function registerFile(pool: pg.Pool, input: { source: string; path: string } & StoredFile): Promise<{ id: number; status: string }> {
  const relPath = input.path.replace(/\\/g, "/").replace(/^\/+/, "");
  const fileName = path.posix.basename(relPath);
  const dir = path.posix.dirname(relPath);
  const name = parseFileName(fileName);
  const client = await pool.connect();
  try {
    // asynchronous commit, as in processFile: a registration lost in a crash is simply made again
    await client.query("BEGIN; SET LOCAL synchronous_commit = off");
    await client.query(`SELECT ${PATH_LOCK_SQL("$1", "$2")}`, [input.source, relPath]);
    const latest = await client.query<{ id: number; status: string; sha256: string; version: number }>(
      "SELECT id, status, sha256, version FROM cdr_file WHERE source = $1 AND path = $2 ORDER BY version DESC LIMIT 1",
      [input.source, relPath],
    );
    let row: { id: number; status: string };
    if (latest.rows[0]?.sha256 === input.sha256) row = latest.rows[0];
    else {
      const inserted = await client.query<{ id: number; status: string }>(
        `INSERT INTO cdr_file (source, path, file_name, folder, version, current, region_code, name_recognised, size, sha256, spool_path, status)
         VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8, $9, $10, 'registered') RETURNING id, status`,
        [input.source, relPath, fileName, dir === "." ? "" : dir.split("/")[0], (latest.rows[0]?.version ?? 0) + 1,
          name.regionCode ?? null, name.recognised, input.size, input.sha256, input.spoolPath],
      );
      row = inserted.rows[0];
    }
    await client.query("COMMIT");
    return row;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
