import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lineAmount } from "../../lib/billing/line-amount";
import { Dec } from "../../lib/money";
import { parseCdr } from "../../lib/metering/parse/parse-cdr";
import type { CdrRecord } from "../../lib/metering/parse/parse-detail";
import { QuarantineError, unpack } from "../../lib/metering/parse/unpack";
import { NotUtf8Error, type Encoding } from "../../lib/metering/parse/split-lines";
import { listLocalTree } from "../../lib/metering/list-local-tree";
import { rateRecord } from "../../lib/metering/rate/rate-record";
import { priceKey, type RatingReference } from "../../lib/metering/rate/rating-reference";
import type { Unit } from "../../lib/metering/rate/tariff";
import { readCsv } from "../../lib/reference/read-csv";
import { shanghaiDayStart } from "../../lib/time/shanghai";
import { casesDir, referenceDir } from "../support/paths";

// The rater over every shared case without a database: parse, rate, resolve corrections and duplicates,
// sum lines and round them with the same lineAmount the bills use, then compare with expected.json.
function csv(name: string) {
  const [head, ...rows] = readCsv(fs.readFileSync(path.join(referenceDir, name), "utf8"));
  return rows.map((r) => Object.fromEntries(head.fields.map((h, i) => [h, r.fields[i]])));
}
const providers = csv("providers.csv");
const tenants = csv("tenants.csv");
const catalog = csv("catalog.csv");
const providerId = new Map(providers.map((p, i) => [p.provider_code, i + 1]));
const departmentIds = [...new Set(tenants.map((t) => t.department_code))];
const ref: RatingReference = {
  providerByRegion: new Map(providers.flatMap((p) => p.region_codes.split(";").map((r) => [r, providerId.get(p.provider_code)!] as [string, number]))),
  departmentByProject: new Map(tenants.map((t) => [t.project_id, departmentIds.indexOf(t.department_code) + 1])),
  prices: new Map(),
};
catalog.forEach((c, i) => {
  const key = priceKey(providerId.get(c.provider_code)!, c.service_type_code, c.resource_type_code, c.resource_spec_code, c.factor.toLowerCase());
  ref.prices.set(key, [...(ref.prices.get(key) ?? []), { id: i + 1, itemCode: c.item_code, unit: c.unit as Unit, unitPrice: new Dec(c.unit_price), validFrom: shanghaiDayStart(c.valid_from), validTo: c.valid_to ? shanghaiDayStart(c.valid_to) : null }]);
});
const rateOf = (code: string) => tenants.find((t) => t.department_code === code)!.discount_rate || null;

async function records(file: string, encoding: Encoding = "utf-8"): Promise<CdrRecord[] | null> {
  const out: CdrRecord[] = [];
  try {
    const u = await unpack(file);
    try {
      const s = await parseCdr(u.chunks, { record: (r) => { out.push(r); }, error: () => {} }, encoding);
      return s.status === "ok" ? out : null;
    } finally {
      await u.cleanup();
    }
  } catch (e) {
    if (e instanceof QuarantineError) return null;
    if (e instanceof NotUtf8Error && encoding === "utf-8") return records(file, "gbk");
    throw e;
  }
}

describe("rater over the shared cases", () => {
  for (const name of fs.readdirSync(casesDir).sort()) {
    it(name, async () => {
      const dir = path.join(casesDir, name);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"));
      const uploads = path.join(dir, "uploads");
      const order = fs.readFileSync(path.join(dir, "arrival-order.txt"), "utf8").split(/\r?\n/);
      const seen = new Set<string>();
      // per record key: the record that counts (30 over 20, later 30 over earlier, first 20 otherwise)
      const winners = new Map<string, CdrRecord>();
      for (const rel of listLocalTree(uploads, order)) {
        const bytes = fs.readFileSync(path.join(uploads, rel));
        const sha = createHash("sha256").update(bytes).digest("hex");
        const recs = await records(path.join(uploads, rel));
        if (!recs || seen.has(sha)) continue;
        seen.add(sha);
        for (const r of recs) {
          const key = [r.userId, r.resourceId, r.resourceTypeCode, r.resourceSpecCode, r.beginTime, r.endTime, r.factor].join("|");
          const w = winners.get(key);
          if (!w || (r.recordType === 30 && (w.recordType === 20 || r.producedAt > w.producedAt))) winners.set(key, r);
        }
      }
      const lines = new Map<string, { month: string; dept: number; resourceId: string; item: number; numerator: Dec; denominator: string }>();
      for (const r of winners.values()) {
        for (const p of rateRecord(r, ref)) {
          if (p.departmentId === null || p.priceItemId === null) continue;
          const k = `${p.month}|${p.departmentId}|${r.resourceId}|${p.priceItemId}`;
          const l = lines.get(k) ?? { month: p.month, dept: p.departmentId, resourceId: r.resourceId, item: p.priceItemId, numerator: new Dec(0), denominator: p.denominator! };
          l.numerator = l.numerator.add(p.numerator!);
          lines.set(k, l);
        }
      }
      const bills = new Map<string, { month: string; department: string; gross: Dec; net: Dec; lines: { resourceId: string; itemCode: string; amount: string; net: string }[] }>();
      for (const l of lines.values()) {
        const department = departmentIds[l.dept - 1];
        const item = catalog[l.item - 1];
        const a = lineAmount({ numerator: l.numerator, denominator: l.denominator, unitPrice: item.unit_price, discountRate: rateOf(department) });
        const b = bills.get(`${l.month} ${department}`) ?? { month: l.month, department, gross: new Dec(0), net: new Dec(0), lines: [] };
        b.gross = b.gross.add(a.amount);
        b.net = b.net.add(a.net);
        b.lines.push({ resourceId: l.resourceId, itemCode: item.item_code, amount: a.amount.toFixed(2), net: a.net.toFixed(2) });
        bills.set(`${l.month} ${department}`, b);
      }
      const got = [...bills.values()].map((b) => ({ ...b, gross: b.gross.toFixed(2), net: b.net.toFixed(2) }));
      const norm = (x: typeof got) => x.map((b) => ({ ...b, lines: [...b.lines].sort((p, q) => `${p.resourceId}${p.itemCode}`.localeCompare(`${q.resourceId}${q.itemCode}`)) }))
        .sort((p, q) => `${p.month}${p.department}`.localeCompare(`${q.month}${q.department}`));
      expect(norm(got)).toEqual(norm(expected.bills));
    });
  }
});
