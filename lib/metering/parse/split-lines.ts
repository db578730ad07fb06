import iconv from "iconv-lite";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Splits a byte stream into decoded lines (1-based numbers, '\r\n' or '\n'). Splitting on the byte 0x0A is safe
 * for GBK too (its trail bytes are >= 0x40). A line that is not valid UTF-8 is decoded as GBK; a UTF-8 BOM at the
 * start of the file is dropped.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ lineNo: number; text: string; bytes: number }> {
  let rest: Buffer | null = null;
  let lineNo = 0;
  let first = true;
  for await (let chunk of chunks) {
    if (first && chunk.length) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf(10, start)) !== -1) {
      yield { lineNo: ++lineNo, text: decode(buf, start, nl), bytes: nl + 1 - start };
      start = nl + 1;
    }
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    buf = Buffer.alloc(0);
  }
  if (rest && rest.length) yield { lineNo: ++lineNo, text: decode(rest, 0, rest.length), bytes: rest.length };
}

function decode(buf: Buffer, start: number, end: number): string {
  if (end > start && buf[end - 1] === 13) end--;
  let ascii = true;
  for (let i = start; i < end; i++) if (buf[i] > 0x7f) { ascii = false; break; }
  if (ascii) return buf.toString("latin1", start, end);
  const slice = buf.subarray(start, end);
  try {
    return utf8.decode(slice);
  } catch {
    return iconv.decode(slice, "gbk");
  }
}
