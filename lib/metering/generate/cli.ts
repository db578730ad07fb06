// npx tsx lib/metering/generate/cli.ts --out <dir> --month 2025-03 [--seed 1] [--scale 1] [--reference <dir>] [--styles sample|by-region]
//   or --records N (exactly N records in hourly files), or --single-file-bytes N --out <file.csv>
import path from "node:path";
import { parseArgs } from "node:util";
import { generateMonth, generateRecords, writeLargeFile } from "./generate";
import { readReference } from "./reference";

const { values } = parseArgs({
  options: {
    out: { type: "string" }, month: { type: "string", default: "2025-03" }, seed: { type: "string", default: "1" },
    scale: { type: "string" }, reference: { type: "string" }, styles: { type: "string" }, records: { type: "string" },
    "single-file-bytes": { type: "string" },
  },
});
if (!values.out) {
  process.stderr.write("usage: npx tsx lib/metering/generate/cli.ts --out <dir> --month YYYY-MM [--seed 1] [--scale 1] [--reference <dir>] [--styles sample|by-region] [--records N] [--single-file-bytes N]\n");
  process.exit(2);
}
const reference = readReference(values.reference ? path.resolve(values.reference) : undefined);
const seed = Number(values.seed);
const styles = values.styles === "by-region" ? "by-region" : "sample";
const out = path.resolve(values.out);
const t0 = Date.now();
if (values["single-file-bytes"]) {
  const r = writeLargeFile({ file: out, bytes: Number(values["single-file-bytes"]), reference, month: values.month, seed });
  process.stdout.write(JSON.stringify({ file: out, ...r, ms: Date.now() - t0 }) + "\n");
} else {
  const r = values.records
    ? generateRecords({ outDir: out, reference, records: Number(values.records), month: values.month, seed, styles })
    : generateMonth({ outDir: out, month: values.month!, reference, seed, scale: values.scale ? Number(values.scale) : undefined, styles });
  const byFolder: Record<string, number> = {};
  for (const f of r.files) byFolder[f.path.split("/")[0]] = (byFolder[f.path.split("/")[0]] ?? 0) + 1;
  process.stdout.write(JSON.stringify({ outDir: out, files: r.files.length, records: r.records, bytes: r.bytes, hours: r.hours, regions: r.regions, filesByFolder: byFolder, ms: Date.now() - t0 }) + "\n");
}
