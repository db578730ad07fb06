// CDR times are UTC: yyyyMMddHHmmss, yyyy-MM-dd HH:mm:ss, or yyyyMMdd'T'HHmmss'Z'.
const FORMATS = [
  /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
];

export type CdrTime = { ms: number; second: number };

// A file repeats the same few times (the hour's slice) on every line: each text is parsed once. Results are frozen
// because they are shared.
const cache = new Map<string, Readonly<CdrTime> | null>();

export function parseCdrTime(text: string): CdrTime | null {
  let t = cache.get(text);
  if (t === undefined) {
    if (cache.size >= 8192) cache.clear();
    t = parseUncached(text);
    if (t) Object.freeze(t);
    cache.set(text, t);
  }
  return t;
}

function parseUncached(text: string): CdrTime | null {
  for (const re of FORMATS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
    if (y < 1970 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    if (new Date(ms).getUTCDate() !== d) return null; // 2025-02-30 and the like
    return { ms, second: s };
  }
  return null;
}
