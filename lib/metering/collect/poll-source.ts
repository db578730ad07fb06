import path from "node:path";
import type pg from "pg";
import { isTakeable } from "../parse/file-name";
import type { SftpSession, SftpSource } from "./sftp-source";

export type RemoteEntry = { path: string; size: number; mtime: number };
export type PollResult = { seen: number; ready: RemoteEntry[]; failures: { folder: string; error: string }[] };

/**
 * Lists the source's tree (enumerated, never a fixed folder list) and records what it saw. A file is ready when
 * its size and mtime are the same as at the previous poll (so it is not still being written) and that version has
 * not been taken yet. A folder that cannot be listed is reported and the others are still polled.
 */
export async function pollSource(pool: pg.Pool, source: SftpSource, session: SftpSession): Promise<PollResult> {
  const failures: PollResult["failures"] = [];
  const entries: RemoteEntry[] = [];
  const walk = async (rel: string, depth: number) => {
    let list;
    try {
      list = await session.list(path.posix.join(source.root, rel));
    } catch (e) {
      if (!rel) throw e; // the root itself: nothing can be polled
      failures.push({ folder: rel, error: (e as Error).message });
      return;
    }
    for (const f of list) {
      if (f.name.startsWith(".")) continue;
      const child = rel ? `${rel}/${f.name}` : f.name;
      if (f.type === "d" && depth < 4) await walk(child, depth + 1);
      else if (f.type === "-" && isTakeable(f.name)) entries.push({ path: child, size: f.size, mtime: f.modifyTime });
    }
  };
  await walk("", 0);

  const { rows: known } = await pool.query<{ path: string; size: string; mtime: string; taken_size: string | null; taken_mtime: string | null }>(
    "SELECT path, size::text, mtime::text, taken_size::text, taken_mtime::text FROM remote_file WHERE source = $1", [source.name]);
  const previous = new Map(known.map((k) => [k.path, k]));
  const ready = entries.filter((e) => {
    const k = previous.get(e.path);
    const stable = k && Number(k.size) === e.size && Number(k.mtime) === e.mtime;
    const taken = k && Number(k.taken_size) === e.size && Number(k.taken_mtime) === e.mtime;
    return stable && !taken;
  });
  // Only what is new or changed is written: a steady tree costs one read per poll, however many files it holds.
  const changed = entries.filter((e) => { const k = previous.get(e.path); return !k || Number(k.size) !== e.size || Number(k.mtime) !== e.mtime; });
  if (changed.length) {
    await pool.query(
      `INSERT INTO remote_file (source, path, size, mtime, seen_at)
       SELECT $1, p, s, m, now() FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS t(p, s, m)
       ON CONFLICT (source, path) DO UPDATE SET size = EXCLUDED.size, mtime = EXCLUDED.mtime, seen_at = EXCLUDED.seen_at`,
      [source.name, changed.map((e) => e.path), changed.map((e) => e.size), changed.map((e) => e.mtime)],
    );
  }
  return { seen: entries.length, ready, failures };
}
