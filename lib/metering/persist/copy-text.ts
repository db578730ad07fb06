// PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. PostgreSQL text cannot hold a NUL
// byte: one in a raw line kept for display becomes U+2400 (␀).
export function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  const s = String(v);
  return /[\\\t\n\r\0]/.test(s)
    ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\0/g, "\u2400")
    : s;
}

export function copyRow(values: (string | number | null | undefined)[]): string {
  return values.map(copyField).join("\t") + "\n";
}
