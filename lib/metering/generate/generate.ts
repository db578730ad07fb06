// A deterministic generator of realistic offline metering CDR files (see ../shared/docs/cdr-format.md): hourly
// files per region and folder, named and packaged like the real generators do. Same inputs, same bytes.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { monthStart, nextMonth, parseMonth } from "../../time/shanghai";
import type { CatalogRow, Reference } from "./reference";
import { zipEntries } from "./zip";

const HOUR = 3600_000;

// ---- deterministic randomness -------------------------------------------------------------------------------

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One uniform number in [0, 1) for a (seed, key, n) triple: values do not depend on generation order. */
function unitAt(seed: number, key: number, n: number): number {
  return mulberry32((seed * 0x9e3779b1) ^ key ^ Math.imul(n + 1, 0x85ebca6b))();
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

// ---- formatting -------------------------------------------------------------------------------------------

/** yyyyMMddHHmmss, UTC */
export function cdrTime(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10) + s.slice(11, 13) + s.slice(14, 16) + s.slice(17, 19);
}

/**
 * The two writing styles of the real generators: "spaced" (' | ' between fields, a space before CRLF, Duration
 * as 3600.000000) and "bare" ('|', LF, details end with a trailing '|').
 */
export type Style = "spaced" | "bare";

function headerLine(style: Style, created: string): string {
  return style === "spaced" ? `10 | ${created} | 01 | text \r\n` : `10|${created}|01|text\n`;
}
function trailerLine(style: Style, created: string, count: number): string {
  return style === "spaced" ? `90 | ${created} | ${count} \r\n` : `90|${created}|${count}\n`;
}
function detailLine(style: Style, f: string[]): string {
  return style === "spaced" ? `${f.join(" | ")} \r\n` : `${f.join("|")}|\n`;
}

// ---- the resource population -------------------------------------------------------------------------------

type Kind = { folder: string; service: string; type: string; factor: string; az: boolean; prefix: string };

const KINDS = {
  vm: { folder: "vm", service: "hws.service.type.ec2", type: "hws.resource.type.vm", factor: "Duration", az: true, prefix: "vm" },
  volume: { folder: "volume", service: "hws.service.type.evs", type: "hws.resource.type.volume", factor: "size", az: true, prefix: "vol" },
  ip: { folder: "ip", service: "hws.service.type.vpc", type: "hws.resource.type.ip", factor: "Duration", az: false, prefix: "eip" },
  bwSize: { folder: "bandwidth", service: "hws.service.type.vpc", type: "hws.resource.type.bandwidth", factor: "size", az: false, prefix: "bw" },
  bwFlow: { folder: "bandwidth", service: "hws.service.type.vpc", type: "hws.resource.type.bandwidth", factor: "upflow", az: false, prefix: "bwf" },
  elb: { folder: "elb", service: "hws.service.type.elb", type: "hws.resource.type.elb", factor: "Duration", az: true, prefix: "elb" },
  rds: { folder: "rds", service: "hws.service.type.rds", type: "hws.resource.type.rds", factor: "Duration", az: true, prefix: "rds" },
  sms: { folder: "smn_sms", service: "hws.service.type.smn", type: "hws.resource.type.smn_sms", factor: "numberofrequests", az: false, prefix: "smn" },
  vpn: { folder: "vpnconnection", service: "hws.service.type.vpn", type: "hws.resource.type.vpnconnection", factor: "Duration", az: true, prefix: "vpn" },
} satisfies Record<string, Kind>;

/** Folder order in which files of one hour are written. */
export const FOLDERS = ["vm", "volume", "ip", "bandwidth", "elb", "rds", "smn_sms", "vpnconnection"] as const;

type Resource = {
  kind: Kind; key: number; id: string; projectId: string; region: string; spec: string; bss: string;
  /** lifetime [from, to), UTC ms */
  from: number; to: number;
  /** size (GB, Mbps) for size factors */
  size?: number;
  /** the folder index in FOLDERS */
  folderIndex: number;
};

type Population = { regions: string[]; byRegionFolder: Map<string, Resource[]>; resources: Resource[] };

/** Specs of a provider's catalog for a kind, among items valid at some point of [from, to). */
function specsOf(catalog: CatalogRow[], provider: string, kind: Kind, from: number, to: number): string[] {
  const specs = new Set<string>();
  for (const c of catalog) {
    if (c.provider_code !== provider || c.service_type_code !== kind.service || c.resource_type_code !== kind.type) continue;
    if (c.factor.toLowerCase() !== kind.factor.toLowerCase()) continue;
    const vf = Date.parse(`${c.valid_from}T00:00:00Z`) - 8 * HOUR;
    const vt = c.valid_to ? Date.parse(`${c.valid_to}T00:00:00Z`) - 8 * HOUR : Infinity;
    if (vf < to && vt > from) specs.add(c.resource_spec_code);
  }
  return [...specs].sort();
}

function buildPopulation(ref: Reference, seed: number, scale: number, from: number, to: number): Population {
  const r = mulberry32(seed ^ 0x5bd1e995);
  const regionsOf = new Map<string, string[]>();
  for (const p of ref.providers) regionsOf.set(p.provider_code, p.region_codes.split(";").map((s) => s.trim()).filter(Boolean));
  const regions = ref.providers.flatMap((p) => regionsOf.get(p.provider_code)!);
  if (!regions.length) throw new Error("the reference has no provider regions");
  const providerOf = new Map<string, string>();
  for (const [p, rs] of regionsOf) for (const reg of rs) providerOf.set(reg, p);

  // A department's projects all live in one region: departments are dealt to regions in a seeded order.
  const departments = [...new Set(ref.tenants.map((t) => t.department_code))];
  const shuffled = departments.map((d) => ({ d, k: r() })).sort((a, b) => a.k - b.k).map((x) => x.d);
  const regionOfDepartment = new Map(shuffled.map((d, i) => [d, regions[i % regions.length]]));

  const resources: Resource[] = [];
  let vmSeq = 0;
  const projectNo = new Map<string, number>();
  const ordDay = cdrTime(from).slice(0, 8);
  const span = to - from;
  for (const t of ref.tenants) {
    const region = regionOfDepartment.get(t.department_code)!;
    const provider = providerOf.get(region)!;
    const no = (projectNo.get(t.department_code) ?? 0) + 1;
    projectNo.set(t.department_code, no);
    const tag = `${t.department_code.toLowerCase()}${no}`;
    const specs = (k: Kind) => specsOf(ref.catalog, provider, k, from, to);
    const add = (kind: Kind, id: string, spec: string, life: { from: number; to: number }, size?: number) => {
      const created = life.from > from ? cdrTime(life.from).slice(0, 8) : ordDay;
      const bss = `ORD${created}:PRD${String(Math.floor(r() * 100000)).padStart(5, "0")}`;
      resources.push({ kind, key: fnv1a(id), id, projectId: t.project_id, region, spec, bss, ...life, size, folderIndex: FOLDERS.indexOf(kind.folder as (typeof FOLDERS)[number]) });
    };
    const whole = { from, to };
    const vmSpecs = specs(KINDS.vm);
    const volSpecs = specs(KINDS.volume);
    if (vmSpecs.length) {
      const n = Math.max(1, Math.round((3 + r() * 5) * scale));
      for (let i = 0; i < n; i++) {
        const seq = String(++vmSeq).padStart(4, "0");
        // most machines run all month; some are created or deleted during it (at a minute, sometimes on the hour)
        let life = whole;
        const roll = r();
        const at = from + Math.floor((r() * span) / 60_000) * 60_000;
        const cut = r() < 0.5 ? at - (at % HOUR) : at;
        if (roll < 0.15) life = { from: Math.max(from, cut), to };
        else if (roll < 0.25) life = { from, to: Math.max(from + 60_000, cut) };
        add(KINDS.vm, `${KINDS.vm.prefix}-${tag}-${seq}`, pick(r, vmSpecs), life);
        if (volSpecs.length) add(KINDS.volume, `${KINDS.volume.prefix}-${tag}-${seq}`, pick(r, volSpecs), life, pick(r, [40, 100, 200, 500, 1024]));
      }
    }
    const each = Math.max(1, Math.round(scale));
    const simple: [Kind, number?][] = [[KINDS.ip], [KINDS.bwSize, 1], [KINDS.bwFlow, 2], [KINDS.elb], [KINDS.rds], [KINDS.sms], [KINDS.vpn]];
    for (const [kind, sizeMode] of simple) {
      const s = specs(kind);
      if (!s.length) continue;
      if (sizeMode === 2 && r() < 0.4) continue; // traffic-billed bandwidth: only some projects
      for (let i = 1; i <= each; i++) {
        add(kind, `${kind.prefix}-${tag}-${String(i).padStart(2, "0")}`, pick(r, s), whole, sizeMode === 1 ? pick(r, [10, 20, 50, 100]) : undefined);
      }
    }
  }
  const byRegionFolder = new Map<string, Resource[]>();
  for (const res of resources) {
    const k = `${res.region}/${res.kind.folder}`;
    const list = byRegionFolder.get(k) ?? [];
    list.push(res);
    byRegionFolder.set(k, list);
  }
  return { regions, byRegionFolder, resources };
}

/** The detail fields of a resource in the slice [s, s + 1 h), or null when it did not exist then. */
function detailFields(res: Resource, s: number, style: Style, seed: number): string[] | null {
  const b = Math.max(s, res.from);
  const e = Math.min(s + HOUR, res.to);
  if (b >= e) return null;
  const hour = Math.floor(s / HOUR);
  let value: string;
  switch (res.kind.factor) {
    case "Duration": {
      const sec = (e - b) / 1000;
      value = style === "spaced" ? sec.toFixed(6) : String(sec);
      break;
    }
    case "size":
      value = String(res.size);
      break;
    case "upflow":
      value = String(Math.floor(5e6 + unitAt(seed, res.key, hour) ** 2 * 3.2e9));
      break;
    default: { // numberofrequests: busier in Shanghai office hours
      const local = new Date(s + 8 * HOUR).getUTCHours();
      const busy = local >= 8 && local < 20;
      value = String(Math.floor(unitAt(seed, res.key, hour) * (busy ? 30 : 6)));
    }
  }
  return [
    "20", cdrTime(s + HOUR + 60_000), res.projectId, res.region, res.kind.az ? "az1.dc1" : "", res.kind.service, res.kind.type,
    res.spec, res.id, res.bss, cdrTime(b), cdrTime(e), res.kind.factor, value, "",
  ];
}

// ---- files ----------------------------------------------------------------------------------------------

export type GeneratedFile = { path: string; records: number; bytes: number };
export type GenerateResult = { files: GeneratedFile[]; records: number; bytes: number; hours: number; regions: string[] };

export type GenerateOptions = {
  outDir: string;
  /** the Shanghai month, YYYY-MM */
  month: string;
  reference: Reference;
  seed?: number;
  /** multiplies the number of resources (default 1: about 100,000 records a month with the shared reference) */
  scale?: number;
  /**
   * "sample" (default): like the sample month, VMs and RDS in the spaced CRLF style and the rest bare;
   * "by-region": the first region writes everything spaced, the others bare.
   */
  styles?: "sample" | "by-region";
  /** only the first N hourly slices (default: the whole month) */
  hours?: number;
};

type Plan = { pop: Population; seed: number; styles: "sample" | "by-region"; start: number; hours: number };

function styleOf(plan: Plan, region: string, folder: string): Style {
  if (plan.styles === "by-region") return region === plan.pop.regions[0] ? "spaced" : "bare";
  return folder === "vm" || folder === "rds" ? "spaced" : "bare";
}

/** A seeded permutation of 0..59 for each hour. */
function secondsOfHour(seed: number, h: number): number[] {
  const r = mulberry32((seed * 0x9e3779b1) ^ Math.imul(h + 1, 0xc2b2ae35));
  const s = Array.from({ length: 60 }, (_, i) => i);
  for (let i = 59; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [s[i], s[j]] = [s[j], s[i]]; }
  return s;
}

/** Builds the bytes of one hourly file and its name; `limit` caps its records (for exact totals). */
function buildFile(plan: Plan, region: string, folder: string, h: number, limit: number, slot: number): { rel: string; data: Buffer; records: number } {
  const s = plan.start + h * HOUR;
  const k = fnv1a(`${region}/${folder}`);
  // the files of one hour are made in distinct seconds: two heartbeats of the same hour never have the same bytes
  const createdMs = s + HOUR + 60_000 + secondsOfHour(plan.seed, h)[slot % 60] * 1000;
  const created = cdrTime(createdMs);
  const ms = String(Math.floor(unitAt(plan.seed, k, h * 2 + 1) * 1000)).padStart(3, "0");
  const base = `HWS_${region}_${folder}_${created}_${ms}_017`;
  const style = styleOf(plan, region, folder);
  let body = headerLine(style, created);
  let n = 0;
  for (const res of plan.pop.byRegionFolder.get(`${region}/${folder}`) ?? []) {
    if (n >= limit) break;
    const f = detailFields(res, s, style, plan.seed);
    if (!f) continue;
    body += detailLine(style, f);
    n++;
  }
  body += trailerLine(style, created, n);
  const csv = Buffer.from(body, "latin1");
  const mtime = new Date(createdMs);
  if (folder === "vm" && region === plan.pop.regions[0]) {
    // nested zip: X.zip holding X.zip (holding X.csv) and X.zip.md5
    const inner = zipEntries([{ name: `${base}.csv`, data: csv, mtime }]);
    const md5 = Buffer.from(createHash("md5").update(inner).digest("hex") + "\n", "latin1");
    const outer = zipEntries([{ name: `${base}.zip`, data: inner, mtime }, { name: `${base}.zip.md5`, data: md5, mtime }]);
    return { rel: `${folder}/${base}.zip`, data: outer, records: n };
  }
  if (folder === "volume") return { rel: `${folder}/${base}.csv.gz`, data: gzipSync(csv), records: n };
  return { rel: `${folder}/${base}.csv`, data: csv, records: n };
}

function writeHours(outDir: string, plan: Plan, maxRecords = Infinity): GenerateResult {
  const files: GeneratedFile[] = [];
  let records = 0;
  let bytes = 0;
  const made = new Set<string>();
  // every region writes every folder each hour (an empty hour gets a heartbeat file: header + trailer 0)
  const folders = FOLDERS.filter((f) => [...plan.pop.byRegionFolder.keys()].some((k) => k.endsWith(`/${f}`)));
  outer: for (let h = 0; h < plan.hours; h++) {
    let slot = 0;
    for (const region of plan.pop.regions) {
      for (const folder of folders) {
        if (records >= maxRecords) break outer;
        const f = buildFile(plan, region, folder, h, maxRecords - records, slot++);
        const dir = path.join(outDir, folder);
        if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
        fs.writeFileSync(path.join(outDir, f.rel), f.data);
        files.push({ path: f.rel, records: f.records, bytes: f.data.length });
        records += f.records;
        bytes += f.data.length;
      }
    }
  }
  return { files, records, bytes, hours: plan.hours, regions: plan.pop.regions };
}

function monthRange(month: string): { start: number; end: number } {
  parseMonth(month);
  return { start: monthStart(month), end: monthStart(nextMonth(month)) };
}

/**
 * Writes a month of hourly CDR files for every department's resources into `<outDir>/<folder>/`: hourly slices
 * covering the Shanghai month (from 16:00 UTC on the previous month's last day), files named
 * HWS_{region}_{folder}_{yyyyMMddHHmmss}_{ms}_{node} with the UTC creation time (about a minute after the slice).
 */
export function generateMonth(options: GenerateOptions): GenerateResult {
  const { start, end } = monthRange(options.month);
  const seed = options.seed ?? 1;
  const pop = buildPopulation(options.reference, seed, options.scale ?? 1, start, end);
  const hours = Math.min(options.hours ?? Infinity, (end - start) / HOUR);
  return writeHours(options.outDir, { pop, seed, styles: options.styles ?? "sample", start, hours });
}

function countRecords(pop: Population, start: number, hours: number): number {
  let n = 0;
  const end = start + hours * HOUR;
  for (const r of pop.resources) {
    const b = Math.max(r.from, start);
    const e = Math.min(r.to, end);
    if (e > b) n += Math.ceil((e - start) / HOUR) - Math.floor((b - start) / HOUR);
  }
  return n;
}

/**
 * Exactly `records` detail records in hourly files across the folders and regions (the benchmark's input):
 * the month's population scaled to fit `hours` hourly slices (default: the whole month), the last file cut short.
 */
export function generateRecords(options: { outDir: string; reference: Reference; records: number; month?: string; seed?: number; hours?: number; styles?: "sample" | "by-region" }): GenerateResult {
  const month = options.month ?? "2025-03";
  const { start, end } = monthRange(month);
  const seed = options.seed ?? 1;
  const hours = Math.min(options.hours ?? (end - start) / HOUR, (end - start) / HOUR);
  const base = countRecords(buildPopulation(options.reference, seed, 1, start, end), start, hours);
  let scale = Math.max(1, (options.records / base) * 1.05);
  let pop = buildPopulation(options.reference, seed, scale, start, end);
  while (countRecords(pop, start, hours) < options.records) {
    scale *= 1.2;
    pop = buildPopulation(options.reference, seed, scale, start, end);
  }
  return writeHours(options.outDir, { pop, seed, styles: options.styles ?? "sample", start, hours }, options.records);
}

/**
 * One plain CSV file (bare style) of about `bytes` bytes: header, detail records of every kind and region, hour
 * after hour (into the following months if needed), trailer with the count. Streams to disk in 1 MB writes.
 */
export function writeLargeFile(options: { file: string; bytes: number; reference: Reference; month?: string; seed?: number }): { records: number; bytes: number } {
  const month = options.month ?? "2025-03";
  const { start, end } = monthRange(month);
  const seed = options.seed ?? 1;
  const perRecord = 260;
  const base = countRecords(buildPopulation(options.reference, seed, 1, start, end), start, (end - start) / HOUR);
  const scale = Math.max(1, options.bytes / perRecord / base);
  const pop = buildPopulation(options.reference, seed, scale, start, end);
  // resources that live all month keep producing in later months
  const resources = pop.resources.map((r) => (r.to === end ? { ...r, to: Infinity } : r));
  const created = cdrTime(start);
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const fd = fs.openSync(options.file, "w");
  let written = 0;
  let records = 0;
  try {
    let chunk = headerLine("bare", created);
    const trailerRoom = 40;
    let done = false;
    for (let h = 0; !done; h++) {
      const s = start + h * HOUR;
      for (const res of resources) {
        const f = detailFields(res, s, "bare", seed);
        if (!f) continue;
        const line = detailLine("bare", f);
        if (written + chunk.length + line.length + trailerRoom > options.bytes) { done = true; break; }
        chunk += line;
        records++;
        if (chunk.length >= 1 << 20) { written += fs.writeSync(fd, chunk, null, "latin1"); chunk = ""; }
      }
      if (h > 24 * 366 * 10) break; // a guard: never loop forever on an empty population
    }
    chunk += trailerLine("bare", created, records);
    written += fs.writeSync(fd, chunk, null, "latin1");
  } finally {
    fs.closeSync(fd);
  }
  return { records, bytes: written };
}
