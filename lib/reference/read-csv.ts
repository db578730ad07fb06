/** RFC 4180 CSV (quoted fields, doubled quotes), UTF-8 with an optional BOM. Returns rows with their line numbers. */
export function readCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === "\n") line++; field += c; }
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ",") { fields.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.some((f) => f !== "")) rows.push({ line: rowLine, fields });
      fields = []; field = ""; line++; rowLine = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f !== "")) rows.push({ line: rowLine, fields });
  return rows;
}

/** A CSV with a header line as header-keyed rows with their line numbers; an empty file or a row with another column count is a problem. */
export function readCsvRecords(text: string): { rows: { line: number; values: Record<string, string> }[]; problems: { line: number; reason: string }[] } {
  const all = readCsv(text);
  if (!all.length) return { rows: [], problems: [{ line: 1, reason: "the file is empty" }] };
  const header = all[0].fields.map((h) => h.trim());
  const rows: { line: number; values: Record<string, string> }[] = [];
  const problems: { line: number; reason: string }[] = [];
  for (const row of all.slice(1)) {
    if (row.fields.length !== header.length) problems.push({ line: row.line, reason: `expected ${header.length} columns, found ${row.fields.length}` });
    else rows.push({ line: row.line, values: Object.fromEntries(header.map((h, i) => [h, row.fields[i]])) });
  }
  return { rows, problems };
}
