import { hash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../db";
import { emitEventSql } from "../../events/emit-event";
import { parseCdr, type CdrError } from "../parse/parse-cdr";
import type { CdrRecord } from "../parse/parse-detail";
import { QuarantineError, unpack } from "../parse/unpack";
import { NotUtf8Error, type Encoding } from "../parse/split-lines";
import { rateRecord } from "../rate/rate-record";
import { loadRatingReference, type RatingReference } from "../rate/rating-reference";
import { copyField, copyRow } from "./copy-text";
import { FINAL_STATUSES, PATH_LOCK_SQL } from "./register-file";
import { RATING_SHARED_LOCK } from "../rate/rating-lock";

export const USAGE_COLUMNS = [
  "file_id", "line_no", "part", "record_type", "produced_at", "user_id", "region_code", "az_code", "service_type_code",
  "resource_type_code", "resource_spec_code", "resource_id", "bss_params", "begin_time", "end_time", "factor_name",
  "factor_value", "extend_params", "extras", "record_key", "month", "part_begin", "part_end", "provider_id",
  "department_id", "price_item_id", "numerator", "denominator",
] as const;

export type ProcessResult = {
  fileId: number; status: string; reason?: string | null; records: number; errors: number;
  /** billing months whose bills this file changed */
  months: string[];
  /** files that were duplicates of content this file replaced, now to be processed again */
  revived: number[];
};

// The same few instants (hour boundaries) recur on every line: format each once.
const isoCache = new Map<number, string>();
function iso(ms: number): string {
  let s = isoCache.get(ms);
  if (s === undefined) {
    if (isoCache.size >= 8192) isoCache.clear();
    s = new Date(ms).toISOString();
    isoCache.set(ms, s);
  }
  return s;
}

export function recordKey(r: CdrRecord): string {
  return hash("md5", `${r.userId}|${r.resourceId}|${r.resourceTypeCode}|${r.resourceSpecCode}|${r.beginTime}|${r.endTime}|${r.factor}`, "hex");
}

/** A COPY field that is null or a number (or a decimal string): nothing to escape. */
const plain = (v: string | number | null) => (v === null ? "\\N" : v);

/**
 * The COPY rows (one per month part) of one parsed record: raw fields, then its rating. Same text as
 * copyRow([...]) of the USAGE_COLUMNS, but only the fields read from the file go through copyField: the rest are
 * numbers, ISO instants, months, hex keys and decimals, which never need escaping.
 */
export function usageRows(fileId: number, r: CdrRecord, ref: RatingReference, months: Set<string>): string {
  const key = recordKey(r);
  const raw =
    `${r.recordType}\t${iso(r.producedAt)}\t${copyField(r.userId)}\t${copyField(r.regionCode)}\t${copyField(r.azCode)}\t` +
    `${copyField(r.serviceTypeCode)}\t${copyField(r.resourceTypeCode)}\t${copyField(r.resourceSpecCode)}\t${copyField(r.resourceId)}\t` +
    `${copyField(r.bssParams)}\t${iso(r.beginTime)}\t${iso(r.endTime)}\t${copyField(r.factorName)}\t${copyField(r.factorValue)}\t` +
    `${copyField(r.extendParams)}\t${copyField(r.extras)}\t${key}\t`;
  let out = "";
  for (const p of rateRecord(r, ref)) {
    months.add(p.month);
    out +=
      `${fileId}\t${r.lineNo}\t${p.part}\t${raw}${copyField(p.month)}\t${iso(p.partBegin)}\t${iso(p.partEnd)}\t` +
      `${plain(p.providerId)}\t${plain(p.departmentId)}\t${plain(p.priceItemId)}\t${plain(p.numerator)}\t${plain(p.denominator)}\n`;
  }
  return out;
}

// What rating reads from the reference tables, as one fingerprint: the reference is loaded again only when it changed.
const REFERENCE_FINGERPRINT = `SELECT md5(concat_ws('#',
  coalesce((SELECT string_agg(id || '=' || coalesce(array_to_string(region_codes, ';', '~'), '-'), ',' ORDER BY id) FROM provider), ''),
  coalesce((SELECT string_agg(p.project_id || '=' || v.department_id, ',' ORDER BY p.id) FROM project p JOIN vdc v ON v.id = p.vdc_id), ''),
  coalesce((SELECT string_agg(concat_ws('|', id, item_code, provider_id, service_type_code, resource_type_code, resource_spec_code, factor,
    unit, unit_price, valid_from, coalesce(valid_to::text, '-')), ',' ORDER BY id) FROM price_item), ''))) AS fp`;
const referenceCache = new WeakMap<pg.Pool, { fp: string; ref: RatingReference }>();

/** loadRatingReference(db), reused while the reference tables hold the same values (fp: REFERENCE_FINGERPRINT's). */
async function ratingReference(db: Db, pool: pg.Pool, fp: string): Promise<RatingReference> {
  const hit = referenceCache.get(pool);
  if (hit && hit.fp === fp) return hit.ref;
  // the fingerprint is taken first: a change in between only makes the next file load again
  const ref = await loadRatingReference(db);
  referenceCache.set(pool, { fp, ref });
  return ref;
}

/** Error rows are kept in memory up to a limit, then spilled to a temporary file: a file of garbage must not exhaust memory. */
class ErrorSink {
  private rows: string[] = [];
  private spill?: string;
  count = 0;
  constructor(private fileId: number) {}
  add(e: CdrError) {
    this.count++;
    this.rows.push(copyRow([this.fileId, e.lineNo, e.reason, e.raw]));
    if (this.rows.length >= 10_000) this.flush();
  }
  private flush() {
    this.spill ??= path.join(os.tmpdir(), `cdr-errors-${process.pid}-${crypto.randomUUID()}`);
    fs.appendFileSync(this.spill, this.rows.join(""));
    this.rows = [];
  }
  async *chunks(): AsyncGenerator<string | Buffer> {
    if (this.spill) for await (const c of fs.createReadStream(this.spill)) yield c as Buffer;
    if (this.rows.length) yield this.rows.join("");
  }
  async dispose() {
    if (this.spill) await fs.promises.rm(this.spill, { force: true });
    this.spill = undefined;
    this.rows = [];
    this.count = 0;
  }
}

/**
 * Parses, rates and persists one registered file version in a single transaction: its records, its error rows
 * and its status commit together or not at all, so a crash at any point leaves the file to be processed again.
 * Records go in with COPY as they stream. A finished file is left alone (safe to call again) and reports the months
 * its processing changed, so that a re-run still rebuilds their bills.
 */
export async function processFile(ctx: { db: Db; pool: pg.Pool }, fileId: number): Promise<ProcessResult> {
  const { db, pool } = ctx;
  const done = (f: { status: string; reason: string | null; recordCount: number; errorCount: number; months: string[] }): ProcessResult =>
    ({ fileId, status: f.status, reason: f.reason, records: f.recordCount, errors: f.errorCount, months: f.months, revived: [] });
  // one statement for "read it, and mark it processing unless it is finished"
  // (asynchronous commit: the mark is only for the portal's progress view; the id is an integer, the statuses constants)
  const marker = await pool.connect();
  let marked: pg.QueryResult<{ source: string; path: string; version: number; sha256: string; spool_path: string }>;
  try {
    [, , marked] = (await marker.query(`BEGIN; SET LOCAL synchronous_commit = off;
      UPDATE cdr_file SET status = 'processing', bytes_read = 0 WHERE id = ${Number(fileId)} AND NOT (status = ANY(ARRAY['${FINAL_STATUSES.join("','")}']))
      RETURNING source, path, version, sha256, spool_path; COMMIT`)) as unknown as (typeof marked)[];
  } catch (e) {
    await marker.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    marker.release();
  }
  if (!marked.rowCount) return done(await db.cdrFile.findUniqueOrThrow({ where: { id: fileId } }));
  const m = marked.rows[0];
  const file = { source: m.source, path: m.path, version: m.version, sha256: m.sha256, spoolPath: m.spool_path };

  const client = await pool.connect();
  const errors = new ErrorSink(fileId);
  const months = new Set<string>();
  try {
    // The transaction's opening in one round trip, taking its locks in one fixed order (rating, file, path, content):
    // rating shared, so that a re-rating (which takes it exclusively) waits for files rated with an older catalog;
    // the file version itself (an advisory lock, so progress updates of its row never wait); the path, whose
    // versions become current one at a time; the content, so that two copies arriving together are found
    // duplicates one by one; then the duplicate check, a savepoint for the content and the reference's fingerprint.
    // The commit does not wait for its WAL flush: a crash can lose only the last moments of commits, and what
    // they held is re-derived — the file is kept in the spool, its remote version is not marked taken (a later,
    // synchronous commit would have flushed this one too), and every step is idempotent — while thousands of small
    // hourly files no longer each pay a disk flush.
    if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw new Error(`bad sha256 for file ${fileId}`);
    const id = Number(fileId);
    const results = (await client.query(`BEGIN; SET LOCAL synchronous_commit = off;
      SELECT ${RATING_SHARED_LOCK};
      SELECT pg_advisory_xact_lock(1, ${id});
      SELECT status FROM cdr_file WHERE id = ${id};
      SELECT ${PATH_LOCK_SQL(client.escapeLiteral(file.source), client.escapeLiteral(file.path))};
      SELECT pg_advisory_xact_lock(hashtext('${file.sha256}'));
      SELECT path FROM cdr_file WHERE sha256 = '${file.sha256}' AND id <> ${id} AND status = 'ok' AND current ORDER BY id LIMIT 1;
      SAVEPOINT content; ${REFERENCE_FINGERPRINT}`)) as unknown as pg.QueryResult[];
    const [locked, original, fingerprint] = [results[4], results[7], results[9]];
    if ((FINAL_STATUSES as readonly string[]).includes(locked.rows[0].status)) {
      await client.query("COMMIT");
      return done(await db.cdrFile.findUniqueOrThrow({ where: { id: fileId } }));
    }
    let status: string;
    let reason: string | null = null;
    let records = 0;
    if (original.rowCount) {
      status = "duplicate";
      reason = `same content as ${original.rows[0].path}`;
    } else {
      const ref = await ratingReference(db, pool, fingerprint.rows[0].fp);
      let outcome: { status: string; reason: string | null; records: number } | undefined;
      // UTF-8 first; a file that is not valid UTF-8 is read again, from the savepoint, as GBK
      for (const encoding of ["utf-8", "gbk"] as const) {
        try {
          outcome = await persistContent(encoding);
          break;
        } catch (e) {
          if (!(e instanceof NotUtf8Error)) throw e;
          await client.query("ROLLBACK TO SAVEPOINT content");
          await errors.dispose();
          months.clear();
        }
      }
      ({ status, reason, records } = outcome!);
      async function persistContent(encoding: Encoding) {
        let lastProgress = Date.now();
        let unpacked;
        try {
          unpacked = await unpack(file.spoolPath);
        } catch (e) {
          if (e instanceof QuarantineError) return { status: "quarantined", reason: e.message, records: 0 };
          throw e;
        }
        try {
          // COPY starts with the first rows: a file without records (a heartbeat) costs no COPY round trip
          let copy: ReturnType<typeof copyFrom> | undefined;
          let copyDone: Promise<void> | undefined;
          let batch = "";
          const flush = async () => {
            if (!copy) {
              copy = client.query(copyFrom(`COPY usage_record (${USAGE_COLUMNS.join(", ")}) FROM STDIN`));
              copyDone = finished(copy);
              copyDone.catch(() => {}); // awaited below; a failure also surfaces through write()
            }
            const b = batch;
            batch = "";
            if (!copy.write(b)) await once(copy, "drain");
          };
          let summary;
          try {
            summary = await parseCdr(unpacked.chunks, {
              record: async (r) => {
                batch += usageRows(fileId, r, ref, months);
                if (batch.length > 256 * 1024) await flush();
              },
              error: (e) => errors.add(e),
              progress: (bytes) => {
                if (Date.now() - lastProgress < 2000) return;
                lastProgress = Date.now();
                void pool.query("UPDATE cdr_file SET bytes_read = $2 WHERE id = $1", [fileId, bytes]).catch(() => {});
              },
            }, encoding);
            if (batch) await flush();
          } catch (e) {
            if (e instanceof QuarantineError) return { status: "quarantined", reason: e.message, records: 0 };
            throw e;
          } finally {
            if (copy) {
              copy.end();
              await copyDone;
            }
          }
          return summary.status === "incomplete"
            ? { status: "incomplete", reason: summary.reason ?? null, records: 0 }
            : { status: "ok", reason: null, records: summary.records };
        } finally {
          await unpacked.cleanup();
        }
      }
      if (status !== "ok") {
        await client.query("ROLLBACK TO SAVEPOINT content");
        months.clear();
      } else if (errors.count) {
        await pipeline(Readable.from(errors.chunks()), client.query(copyFrom("COPY cdr_error (file_id, line_no, reason, raw) FROM STDIN")));
      }
    }
    // The path's latest usable version counts. An ok or duplicate version replaces older versions (their records
    // stop counting, their months change); an incomplete or quarantined one leaves them as they are. Files that
    // were duplicates of a replaced version's content are handed back for processing: they now hold usage no other
    // current file does.
    const replaces = status === "ok" || status === "duplicate";
    const final = await client.query<{ months: string[]; revived: number[] }>(
      `WITH newer AS (
         SELECT 1 FROM cdr_file WHERE source = $8 AND path = $9 AND version > $10 AND current
       ), previous AS (
         UPDATE cdr_file SET current = false
          WHERE $11 AND NOT EXISTS (SELECT 1 FROM newer) AND source = $8 AND path = $9 AND version < $10 AND current
          RETURNING months, sha256
       ), revived AS (
         UPDATE cdr_file d SET status = 'registered', reason = NULL
          WHERE d.status = 'duplicate' AND d.sha256 IN (SELECT sha256 FROM previous) AND d.sha256 <> $12
            AND d.version = (SELECT max(x.version) FROM cdr_file x WHERE x.source = d.source AND x.path = d.path)
          RETURNING d.id
       ), this AS (
         UPDATE cdr_file SET status = $2, reason = $3, record_count = $4, error_count = $5, processed_at = clock_timestamp(),
                current = ($7 AND NOT EXISTS (SELECT 1 FROM newer)),
                months = ARRAY(SELECT DISTINCT x FROM unnest($6::text[] || ARRAY(SELECT unnest(months) FROM previous)) AS x ORDER BY x)
          WHERE id = $1 RETURNING months
       )
       SELECT (SELECT months FROM this) AS months, ARRAY(SELECT id FROM revived) AS revived`,
      [fileId, status, reason, records, status === "ok" ? errors.count : 0, [...months], status === "ok", file.source, file.path, file.version, replaces, file.sha256],
    );
    // the message center tells the supervisors (and the file's provider), once this commits
    if (status === "quarantined") await emitEventSql(client, "file.quarantined", `file:${fileId}`, { fileId, path: file.path, reason: reason ?? "" });
    await client.query("COMMIT");
    return { fileId, status, reason, records, errors: status === "ok" ? errors.count : 0, months: final.rows[0].months, revived: final.rows[0].revived };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
    await errors.dispose();
  }
}
