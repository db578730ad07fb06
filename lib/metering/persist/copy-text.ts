// PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes.
export function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s;
}

export function copyRow(values: (string | number | null | undefined)[]): string {
  return values.map(copyField).join("\t") + "\n";
}
