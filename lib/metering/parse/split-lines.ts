import iconv from "iconv-lite";

/** A line longer than this is not a CDR line: it is cut short and reported as such (a file without newlines must not stall). */
export const MAX_LINE_BYTES = 1 << 20;

export type Encoding = "utf-8" | "gbk";
export type Line = { lineNo: number; text: string; bytes: number; overlong?: boolean };

/**
 * Splits a byte stream into decoded lines (1-based numbers, '\r\n' or '\n'). Splitting on the byte 0x0A is safe
 * for GBK too (its trail bytes are >= 0x40). A UTF-8 BOM at the start of the file is dropped. Bytes of a line that
 * spans chunks are kept as a list and joined once, so long lines cost linear time.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, encoding: Encoding = "utf-8"): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let lineNo = 0;
  let first = true;
  const take = (tail: Buffer): Line => {
    const parts = overlong ? pending : [...pending, tail];
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const bytes = pendingBytes + tail.length;
    const line: Line = overlong
      ? { lineNo: ++lineNo, text: decode(buf.subarray(0, 200), encoding), bytes, overlong: true }
      : { lineNo: ++lineNo, text: decode(buf, encoding), bytes };
    pending = [];
    pendingBytes = 0;
    overlong = false;
    return line;
  };
  for await (let chunk of chunks) {
    if (first && chunk.length) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(10, start)) !== -1) {
      yield take(chunk.subarray(start, nl + 1));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (!overlong) pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
      if (pendingBytes > MAX_LINE_BYTES) overlong = true;
    }
  }
  if (pendingBytes) yield take(Buffer.alloc(0));
}

/** The file is not UTF-8: it is read again as GBK (decided per file, as many GBK pairs are also valid UTF-8). */
export class NotUtf8Error extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(buf: Buffer, encoding: Encoding): string {
  let end = buf.length;
  if (end && buf[end - 1] === 10) end--;
  if (end && buf[end - 1] === 13) end--;
  let ascii = true;
  for (let i = 0; i < end; i++) if (buf[i] > 0x7f) { ascii = false; break; }
  if (ascii) return buf.toString("latin1", 0, end);
  const slice = buf.subarray(0, end);
  if (encoding === "gbk") return iconv.decode(slice, "gbk");
  try {
    return utf8.decode(slice);
  } catch {
    throw new NotUtf8Error("the file is not valid UTF-8");
  }
}
