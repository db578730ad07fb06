import { createHash } from "node:crypto";
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
import { copyRow } from "./copy-text";
import { FINAL_STATUSES } from "./register-file";

export const USAGE_COLUMNS = [
  "file_id", "line_no", "part", "record_type", "produced_at", "user_id", "region_code", "az_code", "service_type_code",
  "resource_type_code", "resource_spec_code", "resource_id", "bss_params", "begin_time", "end_time", "factor_name",
  "factor_value", "extend_params", "extras", "record_key", "month", "part_begin", "part_end", "provider_id",
  "department_id", "price_item_id", "numerator", "denominator",
] as const;

export type ProcessResult = { fileId: number; status: string; reason?: string | null; records: number; errors: number; months: string[] };

const iso = (ms: number) => new Date(ms).toISOString();

export function recordKey(r: CdrRecord): string {
  return createHash("md5").update(`${r.userId}|${r.resourceId}|${r.resourceTypeCode}|${r.resourceSpecCode}|${r.beginTime}|${r.endTime}|${r.factor}`).digest("hex");
}

/** The COPY rows (one per month part) of one parsed record: raw fields, then its rating. */
export function usageRows(fileId: number, r: CdrRecord, ref: RatingReference, months: Set<string>): string {
  const key = recordKey(r);
  let out = "";
  for (const p of rateRecord(r, ref)) {
    months.add(p.month);
    out += copyRow([
      fileId, r.lineNo, p.part, r.recordType, iso(r.producedAt), r.userId, r.regionCode, r.azCode, r.serviceTypeCode,
      r.resourceTypeCode, r.resourceSpecCode, r.resourceId, r.bssParams, iso(r.beginTime), iso(r.endTime), r.factorName,
      r.factorValue, r.extendParams, r.extras, key, p.month, iso(p.partBegin), iso(p.partEnd), p.providerId,
      p.departmentId, p.priceItemId, p.numerator, p.denominator,
    ]);
  }
  return out;
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
  const file = await db.cdrFile.findUniqueOrThrow({ where: { id: fileId } });
  const done = (f: typeof file): ProcessResult => ({ fileId, status: f.status, reason: f.reason, records: f.recordCount, errors: f.errorCount, months: [] });
  if ((FINAL_STATUSES as readonly string[]).includes(file.status)) return done(file);
  await db.cdrFile.update({ where: { id: fileId }, data: { status: "processing", bytesRead: 0n } });

  const client = await pool.connect();
  const errors = new ErrorSink(fileId);
  const months = new Set<string>();
  try {
    await client.query("BEGIN");
    const locked = await client.query("SELECT status FROM cdr_file WHERE id = $1 FOR UPDATE", [fileId]);
    if ((FINAL_STATUSES as readonly string[]).includes(locked.rows[0].status)) {
      await client.query("COMMIT");
      return done(await db.cdrFile.findUniqueOrThrow({ where: { id: fileId } }));
    }
    // Identical content elsewhere is a duplicate; the lock makes two copies arriving together decide one by one.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [file.sha256]);
    const original = await client.query(
      "SELECT path FROM cdr_file WHERE sha256 = $1 AND id <> $2 AND status = 'ok' AND current ORDER BY id LIMIT 1",
      [file.sha256, fileId],
    );
    let status: string;
    let reason: string | null = null;
    let records = 0;
    if (original.rowCount) {
      status = "duplicate";
      reason = `same content as ${original.rows[0].path}`;
    } else {
      const ref = await loadRatingReference(db);
      await client.query("SAVEPOINT content");
      let lastProgress = Date.now();
      try {
        const unpacked = await unpack(file.spoolPath);
        try {
          const copy = client.query(copyFrom(`COPY usage_record (${USAGE_COLUMNS.join(", ")}) FROM STDIN`));
          const copyDone = finished(copy);
          copyDone.catch(() => {}); // awaited below; a failure also surfaces through write()
          let batch = "";
          const flush = async () => {
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
            copy.end();
            await copyDone;
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
    if (status === "ok") {
      // A new version of a path replaces the old one: the old version's records stop counting, and its months change.
      const previous = await client.query(
        "UPDATE cdr_file SET current = false WHERE source = $1 AND path = $2 AND id <> $3 AND current RETURNING months",
        [file.source, file.path, fileId],
      );
      for (const row of previous.rows) for (const m of row.months as string[]) months.add(m);
    }
    await client.query(
      `UPDATE cdr_file SET status = $2, reason = $3, record_count = $4, error_count = $5, months = $6, current = $7,
         processed_at = now() WHERE id = $1`,
      [fileId, status, reason, records, status === "ok" ? errors.count : 0, [...months].sort(), status === "ok"],
    );
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
