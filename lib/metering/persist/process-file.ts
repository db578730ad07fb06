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
import { parseCdr, type CdrError } from "../parse/parse-cdr";
import type { CdrRecord } from "../parse/parse-detail";
import { QuarantineError, unpack } from "../parse/unpack";
import { rateRecord } from "../rate/rate-record";
import { loadRatingReference, type RatingReference } from "../rate/rating-reference";
import { copyField, copyRow } from "./copy-text";
import { FINAL_STATUSES } from "./register-file";

export const USAGE_COLUMNS = [
  "file_id", "line_no", "part", "record_type", "produced_at", "user_id", "region_code", "az_code", "service_type_code",
  "resource_type_code", "resource_spec_code", "resource_id", "bss_params", "begin_time", "end_time", "factor_name",
  "factor_value", "extend_params", "extras", "record_key", "month", "part_begin", "part_end", "provider_id",
  "department_id", "price_item_id", "numerator", "denominator",
] as const;

export type ProcessResult = { fileId: number; status: string; reason?: string | null; records: number; errors: number; months: string[] };

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
  }
}

/**
 * Parses, rates and persists one registered file version in a single transaction: its records, its error rows
 * and its status commit together or not at all, so a crash at any point leaves the file to be processed again.
 * Records go in with COPY as they stream. A finished file is left alone (safe to call again).
 */
export async function processFile(ctx: { db: Db; pool: pg.Pool }, fileId: number): Promise<ProcessResult> {
  const { db, pool } = ctx;
  const done = (f: { status: string; reason: string | null; recordCount: number; errorCount: number }): ProcessResult =>
    ({ fileId, status: f.status, reason: f.reason, records: f.recordCount, errors: f.errorCount, months: [] });
  // one statement for "read it, and mark it processing unless it is finished"; a finished (or missing) file as before
  const marked = await pool.query<{ source: string; path: string; sha256: string; spool_path: string }>(
    "UPDATE cdr_file SET status = 'processing', bytes_read = 0 WHERE id = $1 AND NOT (status = ANY($2)) RETURNING source, path, sha256, spool_path",
    [fileId, FINAL_STATUSES],
  );
  if (!marked.rowCount) return done(await db.cdrFile.findUniqueOrThrow({ where: { id: fileId } }));
  const file = { source: marked.rows[0].source, path: marked.rows[0].path, sha256: marked.rows[0].sha256, spoolPath: marked.rows[0].spool_path };

  const client = await pool.connect();
  const errors = new ErrorSink(fileId);
  const months = new Set<string>();
  try {
    // The transaction's opening in one round trip: the row lock; the duplicate check under an advisory lock on the
    // content (two copies arriving together are decided one by one); a savepoint for the content; the reference's
    // fingerprint. Inlined values are an integer and a hex digest, checked here.
    // The commit does not wait for its WAL flush: a crash can lose only the last moments of commits, and what
    // they held is re-derived — the file is kept in the spool, its remote version is not marked taken (a later,
    // synchronous commit would have flushed this one too), and every step is idempotent — while thousands of small
    // hourly files no longer each pay a disk flush.
    if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw new Error(`bad sha256 for file ${fileId}`);
    const id = Number(fileId);
    const results = (await client.query(`BEGIN; SET LOCAL synchronous_commit = off;
      SELECT status FROM cdr_file WHERE id = ${id} FOR UPDATE;
      SELECT pg_advisory_xact_lock(hashtext('${file.sha256}'));
      SELECT path FROM cdr_file WHERE sha256 = '${file.sha256}' AND id <> ${id} AND status = 'ok' AND current ORDER BY id LIMIT 1;
      SAVEPOINT content; ${REFERENCE_FINGERPRINT}`)) as unknown as pg.QueryResult[];
    const [locked, original, fingerprint] = [results[2], results[4], results[6]];
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
      let lastProgress = Date.now();
      try {
        const unpacked = await unpack(file.spoolPath);
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
                void db.cdrFile.update({ where: { id: fileId }, data: { bytesRead: BigInt(bytes) } }).catch(() => {});
              },
            });
            if (batch) await flush();
          } finally {
            if (copy) {
              copy.end();
              await copyDone;
            }
          }
          if (summary.status === "incomplete") {
            status = "incomplete";
            reason = summary.reason ?? null;
          } else {
            status = "ok";
            records = summary.records;
          }
        } finally {
          await unpacked.cleanup();
        }
      } catch (e) {
        if (!(e instanceof QuarantineError)) throw e;
        status = "quarantined";
        reason = e.message;
      }
      if (status !== "ok") {
        await client.query("ROLLBACK TO SAVEPOINT content");
        months.clear();
      } else if (errors.count) {
        await pipeline(Readable.from(errors.chunks()), client.query(copyFrom("COPY cdr_error (file_id, line_no, reason, raw) FROM STDIN")));
      }
    }
    // A new version of a path replaces the old one: the old version's records stop counting, and its months change.
    const own = [...months].sort();
    const final = await client.query<{ withdrawn: string[] }>(
      `WITH previous AS (
         UPDATE cdr_file SET current = false WHERE $7 AND source = $8 AND path = $9 AND id <> $1 AND current RETURNING months
       ), this AS (
         UPDATE cdr_file SET status = $2, reason = $3, record_count = $4, error_count = $5, months = $6, current = $7, processed_at = now() WHERE id = $1
       )
       SELECT coalesce(array_agg(DISTINCT m), '{}') AS withdrawn FROM previous, unnest(previous.months) AS m`,
      [fileId, status, reason, records, status === "ok" ? errors.count : 0, own, status === "ok", file.source, file.path],
    );
    final.rows[0].withdrawn.forEach((m) => months.add(m));
    await client.query("COMMIT");
    return { fileId, status, reason, records, errors: status === "ok" ? errors.count : 0, months: [...months].sort() };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
    await errors.dispose();
  }
}
