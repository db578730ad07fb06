import { parseDetail, type CdrRecord } from "./parse-detail";
import { MAX_LINE_BYTES, splitLines, type Encoding } from "./split-lines";

export type CdrError = { lineNo: number; reason: string; raw: string };

export type ParseSummary = {
  /** ok, or incomplete with the reason: a file that is not whole is never billed */
  status: "ok" | "incomplete";
  reason?: string;
  records: number;
  errors: number;
  headerTime?: string;
  trailerCount?: number;
  bytes: number;
};

export type ParseSink = {
  record(record: CdrRecord): void | Promise<void>;
  error(error: CdrError): void | Promise<void>;
  progress?(bytes: number): void;
};

/**
 * Streams a decoded CDR file: header first, detail lines (20/30), trailer last with the count of detail lines.
 * Read as UTF-8 it throws NotUtf8Error at the first invalid line: the caller discards what it got and reads the
 * file again as GBK.
 */
export async function parseCdr(chunks: AsyncIterable<Buffer>, sink: ParseSink, encoding: Encoding = "utf-8"): Promise<ParseSummary> {
  const s: ParseSummary = { status: "ok", records: 0, errors: 0, bytes: 0 };
  let seenHeader = false;
  let trailerLine = 0;
  let details = 0;
  let incomplete: string | undefined;
  for await (const { lineNo, text, bytes, overlong } of splitLines(chunks, encoding)) {
    s.bytes += bytes;
    if ((lineNo & 0x3fff) === 0) sink.progress?.(s.bytes);
    if (incomplete) continue; // keep reading: a broken archive must still be detected
    if (overlong) {
      if (!seenHeader) { incomplete = `line ${lineNo}: the first line is not a header (10)`; continue; }
      s.errors++;
      await sink.error({ lineNo, reason: `the line is longer than ${MAX_LINE_BYTES} bytes (no line break?)`, raw: text });
      continue;
    }
    if (text.trim() === "") continue; // blank lines are ignored, so the header is the first non-blank line
    const fields = text.split("|").map((x) => x.trim());
    const type = fields[0];
    if (!seenHeader) {
      if (type !== "10") { incomplete = `line ${lineNo}: the first line is not a header (10)`; continue; }
      seenHeader = true;
      s.headerTime = fields[1];
      continue;
    }
    if (trailerLine) { incomplete = `line ${lineNo}: a row after the trailer (line ${trailerLine})`; continue; }
    if (type === "90") {
      trailerLine = lineNo;
      const count = fields[2] ?? "";
      if (!/^\d+$/.test(count)) { incomplete = `line ${lineNo}: the trailer's record count '${count}' is not a number`; continue; }
      s.trailerCount = Number(count);
      continue;
    }
    if (type === "10") { incomplete = `line ${lineNo}: a second header`; continue; }
    if (type === "20" || type === "30") {
      details++;
      const r = parseDetail(lineNo, fields);
      if ("record" in r) { s.records++; await sink.record(r.record); }
      else { s.errors++; await sink.error({ lineNo, reason: r.error, raw: text }); }
      continue;
    }
    s.errors++;
    await sink.error({ lineNo, reason: `unknown record type '${type}'`, raw: text });
  }
  sink.progress?.(s.bytes);
  if (!incomplete) {
    if (s.bytes === 0) incomplete = "the file is empty (0 bytes)";
    else if (!seenHeader) incomplete = "no header (10)";
    else if (!trailerLine) incomplete = "no trailer (90): the file may still be being written";
    else if (s.trailerCount !== details) incomplete = `the trailer counts ${s.trailerCount} records, the file has ${details}`;
  }
  if (incomplete) return { ...s, status: "incomplete", reason: incomplete };
  return s;
}

