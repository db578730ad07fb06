import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import yauzl from "yauzl";

/** A zip entry larger than this is refused rather than unpacked (a zip bomb must not fill the disk). */
const MAX_ENTRY_BYTES = 16 * 1024 ** 3;

/** The file cannot be trusted (bad checksum, broken archive): it is quarantined with this reason. */
export class QuarantineError extends Error {}

export type Unpacked = { chunks: AsyncIterable<Buffer>; cleanup: () => Promise<void> };

async function magic(file: string): Promise<Buffer> {
  const fh = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Opens a stored CDR file and yields the bytes of the CSV inside, whatever the packaging: plain, gzip, or a zip
 * holding the data (X.csv or a nested X.zip) and optionally X.md5 with its checksum, checked before use.
 * The kind is read from the content, not the name. Errors in the archive surface as QuarantineError.
 */
export async function unpack(file: string): Promise<Unpacked> {
  const head = await magic(file);
  const temps: string[] = [];
  const cleanup = async () => { await Promise.all(temps.map((t) => fs.promises.rm(t, { force: true }))); };
  try {
    const chunks = await open(file, head, temps, 0);
    return { chunks: guard(chunks), cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

async function* guard(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const c of chunks) yield c;
  } catch (e) {
    if (e instanceof QuarantineError) throw e;
    throw new QuarantineError(`unreadable archive: ${(e as Error).message}`);
  }
}

async function open(file: string, head: Buffer, temps: string[], depth: number): Promise<AsyncIterable<Buffer>> {
  if (head[0] === 0x1f && head[1] === 0x8b) return fs.createReadStream(file).pipe(createGunzip());
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x05 && head[3] === 0x06) throw new QuarantineError("the zip is empty");
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (depth > 2) throw new QuarantineError("zip nested deeper than two levels");
    const inner = await extractZipPayload(file, temps);
    return open(inner, await magic(inner), temps, depth + 1);
  }
  return fs.createReadStream(file, { highWaterMark: 256 * 1024 });
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, autoClose: false }, (err, zip) => (err ? reject(new QuarantineError(`unreadable zip: ${err.message}`)) : resolve(zip))));
}

async function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (e: yauzl.Entry) => { entries.push(e); zip.readEntry(); });
    zip.on("end", () => resolve(entries));
    zip.on("error", (e: Error) => reject(new QuarantineError(`unreadable zip: ${e.message}`)));
    zip.readEntry();
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(new QuarantineError(`unreadable zip entry ${entry.fileName}: ${err.message}`)) : resolve(s))));
}

/** Extracts the data entry of a zip to a temporary file, checking its MD5 when the zip carries one. */
async function extractZipPayload(file: string, temps: string[]): Promise<string> {
  const zip = await openZip(file);
  try {
    // folders and macOS resource forks are not content
    const entries = (await listEntries(zip)).filter((e) => !e.fileName.endsWith("/") && !e.fileName.startsWith("__MACOSX/"));
    const data = entries.filter((e) => !/\.md5$/i.test(e.fileName));
    if (data.length !== 1) throw new QuarantineError(`the zip holds ${data.length} data entries, expected 1 (${entries.map((e) => e.fileName).join(", ")})`);
    const payload = data[0];
    if (payload.uncompressedSize > MAX_ENTRY_BYTES) throw new QuarantineError(`${payload.fileName} unpacks to ${payload.uncompressedSize} bytes, more than ${MAX_ENTRY_BYTES}`);
    const stem = payload.fileName.toLowerCase().replace(/\.[^./]+$/, "");
    const md5Entry = entries.find((e) => [`${payload.fileName.toLowerCase()}.md5`, `${stem}.md5`].includes(e.fileName.toLowerCase()));
    let expectedMd5: string | undefined;
    if (md5Entry) {
      const text = (await readAll(await entryStream(zip, md5Entry))).toString("latin1").replace(/\s+/g, "").toLowerCase();
      expectedMd5 = text.slice(0, 32);
      if (!/^[0-9a-f]{32}$/.test(expectedMd5)) throw new QuarantineError(`${md5Entry.fileName} does not hold an MD5 checksum`);
    }
    const target = path.join(os.tmpdir(), `cdr-${process.pid}-${crypto.randomUUID()}`);
    temps.push(target);
    const hash = createHash("md5");
    const stream = await entryStream(zip, payload);
    stream.on("data", (c: Buffer) => hash.update(c));
    await pipeline(stream, fs.createWriteStream(target)).catch((e: Error) => { throw new QuarantineError(`unreadable zip entry ${payload.fileName}: ${e.message}`); });
    const actual = hash.digest("hex");
    if (expectedMd5 && actual !== expectedMd5) throw new QuarantineError(`MD5 mismatch for ${payload.fileName}: expected ${expectedMd5}, computed ${actual}`);
    return target;
  } finally {
    zip.close();
  }
}

async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
