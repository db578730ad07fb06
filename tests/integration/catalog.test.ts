// The service catalog on the real PostgreSQL: drafts never rate, a publish is audited and takes effect exactly at
// its Shanghai date (the shared case c11-price-change reached through the portal's life cycle instead of the CSV),
// an import dry run changes nothing, and a closed month never changes.
import fs from "node:fs";
import iconv from "iconv-lite";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { ALL } from "../../lib/auth/scope";
import { createUser } from "../../lib/auth/users";
import { closeMonth } from "../../lib/billing/close-month";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { rerateAndRebill } from "../../lib/billing/rerate-and-rebill";
import { catalogToXlsx, importCatalog, readCatalogFile } from "../../lib/catalog/import-catalog";
import { listCatalog, unifiedCatalog } from "../../lib/catalog/list-catalog";
import { publishPriceItem, retirePriceItem, saveDraft } from "../../lib/catalog/price-lifecycle";
import { ingestLocalFile } from "../../lib/metering/ingest-local-file";
import { importReference } from "../../lib/reference/import-reference";
import { Dec } from "../../lib/money";
import { casesDir, referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let supervisor: Actor;
let tenant: Actor;
let ctId: number;
const c11 = path.join(casesDir, "c11-price-change");
const expected = JSON.parse(fs.readFileSync(path.join(c11, "expected.json"), "utf8"));

const bills = async () => (await listBills(t.db, { month: "2025-03", scope: ALL })).map((b) => ({ department: b.department, gross: b.gross, net: b.net, lines: b.lines.map((l) => ({ resourceId: l.resourceId, itemCode: l.itemCode, amount: l.amount, net: l.net })) }));
const auditCount = () => t.db.auditEvent.count();

beforeAll(async () => {
  t = await createTestDatabase("it_catalog");
  // the shared reference without the SSD price change: SSD at 1.00 open-ended, the 0.90 successor still to come
  const ref = fs.mkdtempSync(path.join(os.tmpdir(), "catalog-ref-"));
  for (const f of ["providers.csv", "tenants.csv"]) fs.copyFileSync(path.join(referenceDir, f), path.join(ref, f));
  const catalog = fs.readFileSync(path.join(referenceDir, "catalog.csv"), "utf8").split("\n").filter((l) => !l.startsWith("CT-EVS-SSD-2503,"))
    .map((l) => (l.startsWith("CT-EVS-SSD,") ? l.replace(/,2025-03-16$/, ",") : l)).join("\n");
  fs.writeFileSync(path.join(ref, "catalog.csv"), catalog);
  await importReference(t.db, ref);
  const up = path.join(c11, "uploads");
  const rel = "volume/HWS_cn-sh-gov-1_volume_20250316020000_000_017.csv";
  await ingestLocalFile(t, { source: "case", path: rel, localPath: path.join(up, rel) });
  await refreshBills(t, "2025-03");
  ctId = (await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } })).id;
  const wjw = (await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } })).id;
  await createUser(t.db, { username: "sup", password: "sup-password", displayName: "监管员", role: "supervisor" });
  await createUser(t.db, { username: "wjw", password: "wjw-password", displayName: "卫健委用户", role: "tenant", departmentId: wjw });
  supervisor = (await loadActorByUsername(t.db, "sup"))!;
  tenant = (await loadActorByUsername(t.db, "wjw"))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

const ssd2503 = () => ({
  itemCode: "CT-EVS-SSD-2503", providerId: ctId, category: "存储", name: "云硬盘 超高IO（调价）", serviceTypeCode: "hws.service.type.evs",
  resourceTypeCode: "hws.resource.type.volume", resourceSpecCode: "SSD", factor: "size", unit: "CNY/GB/month" as const, unitPrice: "0.90", validFrom: "2025-03-16",
});

describe("the price life cycle", () => {
  test("before the change both hours rate at the old price", async () => {
    expect(await bills()).toEqual([{ department: "WJW", gross: "1.34", net: "1.34", lines: [{ resourceId: "vol-0070", itemCode: "CT-EVS-SSD", amount: "1.34", net: "1.34" }] }]);
  });

  test("a draft never rates, and only editors see it", async () => {
    const draft = await saveDraft(t.db, supervisor, ssd2503());
    await rerateAndRebill(t);
    expect((await bills())[0].gross).toBe("1.34");
    expect((await listCatalog(t.db, tenant, { q: "SSD-2503" })).rows).toEqual([]);
    expect((await listCatalog(t.db, supervisor, { q: "SSD-2503" })).rows.map((r) => [r.itemCode, r.status, r.phase])).toEqual([["CT-EVS-SSD-2503", "draft", "draft"]]);
    await expect(publishPriceItem(t.db, tenant, draft.id)).rejects.toThrow(/没有发布价格的权限/);
  });

  test("publishing a new version mid-month ends its predecessor at the Shanghai date, is audited, and re-rates exactly as c11 expects", async () => {
    const draft = await t.db.priceItem.findUniqueOrThrow({ where: { itemCode: "CT-EVS-SSD-2503" } });
    const result = await publishPriceItem(t.db, supervisor, draft.id);
    expect(result).toEqual({ itemCode: "CT-EVS-SSD-2503", fromMonth: "2025-03", predecessor: "CT-EVS-SSD" });
    const old = await t.db.priceItem.findUniqueOrThrow({ where: { itemCode: "CT-EVS-SSD" } });
    expect(old.validTo?.toISOString().slice(0, 10)).toBe("2025-03-16");
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "price.publish", entityId: "CT-EVS-SSD-2503" } });
    expect(audit.actorName).toBe("监管员（sup）");
    expect(audit.after).toMatchObject({ item: { unitPrice: "0.9", validFrom: "2025-03-16", status: "published" }, predecessor: { itemCode: "CT-EVS-SSD", validTo: "2025-03-16" } });
    expect(await rerateAndRebill(t)).toMatchObject({ months: ["2025-03"] });
    const want = expected.bills.map((b: { department: string; gross: string; net: string; lines: unknown[] }) => ({ department: b.department, gross: b.gross, net: b.net, lines: b.lines }));
    expect(await bills()).toEqual(want);
  });

  test("a second overlapping price is refused with the reason", async () => {
    const clash = await saveDraft(t.db, supervisor, { ...ssd2503(), itemCode: "CT-EVS-SSD-CLASH", validFrom: "2025-03-20", validTo: "2025-04-01" });
    await expect(publishPriceItem(t.db, supervisor, clash.id)).rejects.toThrow(/重叠/);
  });
});

describe("catalog import", () => {
  const csv = (rows: string[]) => Buffer.from(["item_code,provider_code,category,item_name,service_type_code,resource_type_code,resource_spec_code,factor,unit,unit_price,valid_from,valid_to", ...rows].join("\n"));

  test("a dry run shows what would change and changes nothing", async () => {
    const [items, audits] = [await t.db.priceItem.count(), await auditCount()];
    const { rows, problems } = await readCatalogFile("catalog.csv", csv([
      "CT-EIP,CT,网络,弹性公网IP,hws.service.type.vpc,hws.resource.type.ip,5_bgp,Duration,CNY/month,22,2025-01-01,",
      "CT-OBS,CT,存储,对象存储,hws.service.type.obs,hws.resource.type.obs,obs.standard,size,CNY/GB/month,0.12,2025-04-01,",
    ]));
    expect(problems).toEqual([]);
    const result = await importCatalog(t.db, supervisor, rows, { dryRun: true });
    expect(result.applied).toBe(false);
    expect(result.plan.added.map((a) => a.itemCode)).toEqual(["CT-OBS"]);
    expect(result.plan.changed.map((c) => [c.itemCode, c.fields])).toEqual([["CT-EIP", ["unitPrice"]]]);
    expect(result.plan.problems).toEqual([]);
    expect([await t.db.priceItem.count(), await auditCount()]).toEqual([items, audits]);
    expect((await t.db.priceItem.findUniqueOrThrow({ where: { itemCode: "CT-EIP" } })).unitPrice.toString()).toBe("20");
  });

  test("a CSV saved by Excel on a Chinese Windows (GBK) reads as the same rows", async () => {
    const text = "item_code,provider_code,category,item_name,service_type_code,resource_type_code,resource_spec_code,factor,unit,unit_price,valid_from,valid_to\nCT-OBS,CT,存储,对象存储,hws.service.type.obs,hws.resource.type.obs,obs.standard,size,CNY/GB/month,0.12,2025-04-01,\n";
    const [gbk, utf8] = await Promise.all([readCatalogFile("c.csv", iconv.encode(text, "gbk")), readCatalogFile("c.csv", Buffer.from(text))]);
    expect(gbk).toEqual(utf8);
    expect(gbk.rows[0].values.item_name).toBe("对象存储");
    expect((await readCatalogFile("c.csv", Buffer.from(text.replace("0.12,", "0.12,x,")))).problems).toEqual([{ line: 2, reason: "应有 12 列，实际 13 列" }]);
  });

  test("a file with a bad row applies nothing and names the row", async () => {
    const { rows } = await readCatalogFile("catalog.csv", csv([
      "CT-OBS,CT,存储,对象存储,hws.service.type.obs,hws.resource.type.obs,obs.standard,size,CNY/GB/month,0.12,2025-04-01,",
      "CT-BAD,XX,存储,坏行,hws.service.type.obs,hws.resource.type.obs,obs.cold,size,CNY/GB/month,-1,2025-04-01,",
    ]));
    const before = await t.db.priceItem.count();
    const result = await importCatalog(t.db, supervisor, rows, { dryRun: false });
    expect(result.applied).toBe(false);
    expect(result.plan.problems).toEqual([{ line: 3, reason: "provider_code: 服务商 XX 不存在" }]);
    expect(await t.db.priceItem.count()).toBe(before);
  });

  test("an import that changes a unit price rebuilds the open months' bills (no usage row changes)", async () => {
    const line = async () => (await listBills(t.db, { month: "2025-03", scope: ALL }))[0].lines.find((l) => l.itemCode === "CT-EVS-SSD-2503")!;
    const row = (price: string) => `CT-EVS-SSD-2503,CT,存储,云硬盘 超高IO（调价）,hws.service.type.evs,hws.resource.type.volume,SSD,size,CNY/GB/month,${price},2025-03-16,`;
    const before = await line();
    expect(before.amount).toBe("0.60");
    for (const price of ["0.80", "0.90"]) {
      const result = await importCatalog(t.db, supervisor, (await readCatalogFile("c.csv", csv([row(price)]))).rows, { dryRun: false });
      expect(result.plan.changed.map((c) => c.fields)).toEqual([["unitPrice"]]);
      expect(await rerateAndRebill(t)).toEqual({ changed: 0, months: ["2025-03"] });
      expect((await line()).amount).toBe(new Dec(before.quantity).times(price).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
    }
    expect((await line()).amount).toBe("0.60");
  });

  test("an applied import is audited, and the xlsx export reads back as the same catalog", async () => {
    const { rows } = await readCatalogFile("catalog.csv", csv(["CT-OBS,CT,存储,对象存储,hws.service.type.obs,hws.resource.type.obs,obs.standard,size,CNY/GB/month,0.12,2025-04-01,"]));
    const result = await importCatalog(t.db, supervisor, rows, { dryRun: false });
    expect(result).toMatchObject({ applied: true, fromMonth: "2025-04" });
    expect(await t.db.auditEvent.count({ where: { action: "price.import" } })).toBe(3);
    const exported = await readCatalogFile("catalog.xlsx", await catalogToXlsx(t.db));
    expect(exported.problems).toEqual([]);
    const again = await importCatalog(t.db, supervisor, exported.rows.filter((r) => !r.values.item_code.endsWith("CLASH")), { dryRun: true });
    expect(again.plan).toMatchObject({ added: [], changed: [], retired: [], problems: [] });
  });
});

describe("a closed month", () => {
  test("keeps its bills whatever is published afterwards, and refuses price changes inside it", async () => {
    const closedBills = await bills();
    // a draft saved before the close can no longer be published into it
    const clashDraftId = (await saveDraft(t.db, supervisor, { ...ssd2503(), itemCode: "CT-EVS-SSD-EARLY", resourceSpecCode: "SSD-Y", validFrom: "2025-03-20" })).id;
    await expect(closeMonth(t, tenant, "2025-03")).rejects.toThrow(/月结权限/);
    await closeMonth(t, supervisor, "2025-03");
    expect(await t.db.auditEvent.count({ where: { action: "billing.close", entityId: "2025-03" } })).toBe(1);

    // a new version from April is fine: March is untouched
    const april = await saveDraft(t.db, supervisor, { ...ssd2503(), itemCode: "CT-EVS-SSD-2504", unitPrice: "0.80", validFrom: "2025-04-01" });
    await publishPriceItem(t.db, supervisor, april.id);
    // one that would reach into March is refused, and so is retiring a price inside it
    await expect(saveDraft(t.db, supervisor, { ...ssd2503(), itemCode: "CT-EVS-SSD-LATE", resourceSpecCode: "SSD-X", validFrom: "2025-03-20" })).rejects.toThrow(/已月结的 2025-03：请从 2025-04-01 起生效/);
    await expect(publishPriceItem(t.db, supervisor, clashDraftId)).rejects.toThrow(/已月结的 2025-03/);
    const sata = await t.db.priceItem.findUniqueOrThrow({ where: { itemCode: "CT-EVS-SATA" } });
    await expect(retirePriceItem(t.db, supervisor, sata.id, "2025-03-25")).rejects.toThrow(/已月结/);

    // re-rating everything and a direct rebuild leave March as it was closed
    await rerateAndRebill(t);
    expect(await refreshBills(t, "2025-03")).toEqual({ bills: 0, lines: 0, closed: true });
    expect(await bills()).toEqual(closedBills);
  });
});

describe("the two providers side by side", () => {
  test("lines up the same service and flags price differences and single-provider services", async () => {
    const { providers, rows } = await unifiedCatalog(t.db, { on: "2025-03-10" });
    expect(providers.map((p) => p.code)).toEqual(["CT", "CU"]);
    const row = (spec: string) => rows.find((r) => r.resourceSpecCode === spec)!;
    expect(row("s6.medium.2.linux")).toMatchObject({ difference: "price", spreadPercent: "6.3", offers: { CT: { unitPrice: "85" }, CU: { unitPrice: "80" } } });
    expect(row("5_bgp")).toMatchObject({ difference: "same", spreadPercent: null });
    expect(row("vpn.connection")).toMatchObject({ difference: "only", offers: { CT: null, CU: { itemCode: "CU-VPN" } } });
    // on the day the SSD price changed, the new CT price lines up against CU's
    expect((await unifiedCatalog(t.db, { on: "2025-03-16" })).rows.find((r) => r.resourceSpecCode === "SSD")!.offers.CT).toMatchObject({ itemCode: "CT-EVS-SSD-2503", unitPrice: "0.9" });
  });
});
