// File names are metadata only (the content wins): HWS_{region}_{abbr}_{yyyyMMddHHmmss}[_{ms}][_{node}].ext or
// {VENDOR}_{region}_{abbr}_{begin14}_{end14}_{az}_{serial}.ext. Anything else is accepted as "unrecognised".
const CREATED = /^HWS_([^_]+)_(.+?)_(\d{14})(?:_(\d+))?(?:_(\d+))?\.(csv|txt|zip|gz|csv\.gz|txt\.gz)$/i;
const PERIOD = /^([A-Za-z]+)_([^_]+)_(.+?)_(\d{14})_(\d{14})_([^_]+)_(\d+)\.(csv|txt|zip|gz|csv\.gz)$/i;

export type FileNameInfo = { recognised: boolean; regionCode?: string; abbr?: string; time?: string };

export function parseFileName(name: string): FileNameInfo {
  const c = CREATED.exec(name);
  if (c) return { recognised: true, regionCode: c[1], abbr: c[2], time: c[3] };
  const p = PERIOD.exec(name);
  if (p) return { recognised: true, regionCode: p[2], abbr: p[3], time: p[4] };
  return { recognised: false };
}

/** Files still being written (.mid, .tmp) and dot-files are never taken. */
export function isTakeable(name: string): boolean {
  return !name.startsWith(".") && !/\.(mid|tmp)$/i.test(name);
}
