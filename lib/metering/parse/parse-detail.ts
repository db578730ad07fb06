import { parseCdrTime } from "./cdr-time";

export type CdrRecord = {
  lineNo: number;
  recordType: 20 | 30;
  producedAt: number;
  userId: string;
  regionCode: string;
  azCode: string;
  serviceTypeCode: string;
  resourceTypeCode: string;
  resourceSpecCode: string;
  resourceId: string;
  bssParams: string;
  beginTime: number;
  /** exclusive */
  endTime: number;
  factorName: string;
  /** factorName in lower case: factors match case-insensitively */
  factor: string;
  /** the value as written, validated as a non-negative decimal (exponents allowed) */
  factorValue: string;
  extendParams: string;
  extras: string;
};

export type DetailResult = { record: CdrRecord } | { error: string };

const DECIMAL = /^\+?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** What any factor can plausibly carry (under 10^15 with at most 12 decimals): beyond it is a broken line, not usage. */
const MAX_INTEGER_DIGITS = 15;
const MAX_DECIMALS = 12;
const NEGATIVE = /^-(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Factors measured over time; the others (traffic, counts) may have Begin = End. */
export const TIME_FACTORS = new Set(["duration", "size"]);

/** Digits before and after the point once any exponent is applied, without converting to a float. */
function withinRange(value: string): boolean {
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value)!;
  const int = m[1].replace(/^0+/, "");
  const frac = (m[2] ?? "").replace(/0+$/, "");
  const exp = Number(m[3] ?? 0);
  if (!Number.isSafeInteger(exp)) return false;
  const digits = int + frac;
  if (digits === "" || /^0+$/.test(digits)) return true;
  const intDigits = int.length + exp;
  const decimals = frac.length - exp;
  return intDigits <= MAX_INTEGER_DIGITS && decimals <= MAX_DECIMALS;
}

/** Validates one detail line already split on '|' and trimmed. */
export function parseDetail(lineNo: number, f: string[]): DetailResult {
  if (f.length < 15) return { error: `expected 15 fields, found ${f.length}` };
  if (f.some((x) => x.includes("\0"))) return { error: "the line contains a NUL byte" };
  const recordType = f[0] === "20" ? 20 : 30;
  const produced = parseCdrTime(f[1]);
  if (!produced) return { error: `bad TimeStamp '${f[1]}'` };
  if (!f[2]) return { error: "empty UserID" };
  if (!f[8]) return { error: "empty ResourceID" };
  const begin = parseCdrTime(f[10]);
  if (!begin) return { error: `bad BeginTime '${f[10]}'` };
  const end = parseCdrTime(f[11]);
  if (!end) return { error: `bad EndTime '${f[11]}'` };
  // An end time on :59 is inclusive (the slice ends a second later).
  const endTime = end.second === 59 ? end.ms + 1000 : end.ms;
  const factor = f[12].toLowerCase();
  if (!factor) return { error: "empty AccumulateFactorName" };
  const value = f[13];
  if (NEGATIVE.test(value)) return { error: `negative AccumulateFactorValue '${value}'` };
  if (!DECIMAL.test(value)) return { error: `AccumulateFactorValue is not a number: '${value}'` };
  if (!withinRange(value)) return { error: `AccumulateFactorValue '${value}' is out of range (at most ${MAX_INTEGER_DIGITS} integer digits and ${MAX_DECIMALS} decimals)` };
  if (TIME_FACTORS.has(factor) && begin.ms >= endTime) return { error: `BeginTime ${f[10]} is not before EndTime ${f[11]}` };
  if (!TIME_FACTORS.has(factor) && begin.ms > endTime) return { error: `BeginTime ${f[10]} is after EndTime ${f[11]}` };
  let extras = f.length > 15 ? f.slice(15) : [];
  while (extras.length && extras[extras.length - 1] === "") extras = extras.slice(0, -1); // a trailing '|'
  return {
    record: {
      lineNo, recordType, producedAt: produced.ms, userId: f[2], regionCode: f[3], azCode: f[4],
      serviceTypeCode: f[5], resourceTypeCode: f[6], resourceSpecCode: f[7], resourceId: f[8], bssParams: f[9],
      beginTime: begin.ms, endTime, factorName: f[12], factor, factorValue: value, extendParams: f[14], extras: extras.join("|"),
    },
  };
}
