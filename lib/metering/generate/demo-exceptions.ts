import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const UNKNOWN_PROJECT = "ffffffffffffffffffffffffffffffff";

/**
 * A handful of files that show what the platform does with bad input, without changing any bill: usage of an
 * unknown project and of an unpriced spec (异常), a file of error rows, one without its trailer (incomplete),
 * a truncated gzip (quarantined) and a copy of an existing file under another name (duplicate).
 */
export function writeDemoExceptions(uploads: string, options: { knownProject: string; duplicateOf?: string }): string[] {
  const written: string[] = [];
  const write = (rel: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(uploads, rel)), { recursive: true });
    fs.writeFileSync(path.join(uploads, rel), data);
    written.push(rel);
  };
  const line = (project: string, spec: string, id: string, value = "3600") =>
    `20|20250315120000|${project}|cn-sh-gov-1|az1.dc1|hws.service.type.ec2|hws.resource.type.vm|${spec}|${id}||20250315110000|20250315120000|Duration|${value}||`;
  const file = (lines: string[], trailer = true) =>
    `10|20250315120000|01|text\n${lines.join("\n")}\n${trailer ? `90|20250315120000|${lines.length}\n` : ""}`;
  write("vm/HWS_cn-sh-gov-1_vm_20250315120100_900_017.csv", file([line(UNKNOWN_PROJECT, "s6.large.2.linux", "vm-unmapped-01"), line(options.knownProject, "s6.8xlarge.2.linux", "vm-unpriced-01")]));
  write("vm/HWS_cn-sh-gov-1_vm_20250315130100_901_017.csv", file([
    line(options.knownProject, "s6.large.2.linux", "vm-bad-01", "-5"),
    line(options.knownProject, "s6.large.2.linux", "vm-bad-02", "abc"),
    line(options.knownProject, "s6.large.2.linux", "vm-bad-03").replace("|20250315110000|", "|20251315110000|"),
  ]));
  write("vm/HWS_cn-sh-gov-1_vm_20250315140100_902_017.csv", file([line(options.knownProject, "s6.large.2.linux", "vm-late-01")], false));
  const gz = gzipSync(file([line(options.knownProject, "s6.large.2.linux", "vm-cut-01")]));
  write("vm/HWS_cn-sh-gov-1_vm_20250315150100_903_017.csv.gz", gz.subarray(0, gz.length - 12));
  if (options.duplicateOf) write(options.duplicateOf.replace(/_(\d{3})_017\.csv$/, "_999_017.csv"), fs.readFileSync(path.join(uploads, options.duplicateOf)));
  return written;
}
