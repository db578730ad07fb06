import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { closedMonthsTouched, ratingKey } from "./catalog-rules";
import { checkCatalogState, itemState, nextOpenDay, todayShanghai, type ItemState } from "./plan-catalog-import";
import { asDbDate, calendarDate, priceItemSchema, type PriceItemInput } from "./price-item-schema";

// Draft → publish → retire. Drafts never rate; publishing and retiring obey the catalog rules (no overlap,
// no change to a closed month) and are audited with before and after.

function need(actor: Actor, permission: "catalog.manage" | "catalog.publish") {
  if (!can(actor, permission)) throw new AppError("auth.forbidden", permission === "catalog.publish" ? "您没有发布价格的权限" : "您没有编辑服务目录的权限", undefined, 403);
}

const refuse = (problems: { reason: string }[], field = "validFrom") => {
  const message = problems.map((p) => p.reason).join("；");
  return new AppError("catalog.rule", message, { fieldErrors: { [field]: [message] } });
};

/** Creates a draft, or changes one (an item that is published or retired is never edited in place: add a version). */
export async function saveDraft(db: Db, actor: Actor, input: PriceItemInput, id?: number): Promise<{ id: number; itemCode: string }> {
  need(actor, "catalog.manage");
  const v = priceItemSchema.parse(input);
  if (!(await db.provider.findUnique({ where: { id: v.providerId } }))) throw new AppError("catalog.provider", "服务商不存在", { fieldErrors: { providerId: ["服务商不存在"] } });
  const data = {
    itemCode: v.itemCode, providerId: v.providerId, category: v.category, name: v.name, serviceTypeCode: v.serviceTypeCode, resourceTypeCode: v.resourceTypeCode,
    resourceSpecCode: v.resourceSpecCode, factor: v.factor, unit: v.unit, unitPrice: v.unitPrice, validFrom: asDbDate(v.validFrom), validTo: v.validTo ? asDbDate(v.validTo) : null,
    description: v.description || null, status: "draft",
  };
  // a draft that reaches into a closed month could never be published: say so now, not at publishing
  const touched = closedMonthsTouched((await db.billingMonth.findMany()).map((m) => m.month), { from: v.validFrom, to: v.validTo || null });
  if (touched.length) {
    const message = `有效期覆盖已月结的 ${touched.join("、")}：请从 ${nextOpenDay(touched)} 起生效`;
    throw new AppError("catalog.closed-month", message, { fieldErrors: { validFrom: [message] } });
  }
  return db.$transaction(async (tx) => {
    const clash = await tx.priceItem.findUnique({ where: { itemCode: v.itemCode } });
    if (clash && clash.id !== id) throw new AppError("catalog.duplicate-code", "计费项编码已存在", { fieldErrors: { itemCode: ["计费项编码已存在"] } });
    if (id !== undefined) {
      const before = await tx.priceItem.findUnique({ where: { id } });
      if (!before || before.status !== "draft") throw new AppError("catalog.not-draft", "只有草稿可以修改；已发布的价格请新增版本", undefined, 409);
      const row = await tx.priceItem.update({ where: { id }, data });
      await recordAudit(tx, { actor: auditActorOf(actor), action: "price.draft-update", entity: "price-item", entityId: row.itemCode, summary: `修改草稿 ${row.itemCode}`, before: itemState(before), after: itemState(row) });
      return { id: row.id, itemCode: row.itemCode };
    }
    const row = await tx.priceItem.create({ data });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "price.draft-create", entity: "price-item", entityId: row.itemCode, summary: `新建草稿 ${row.itemCode}`, after: itemState(row) });
    return { id: row.id, itemCode: row.itemCode };
  });
}

export async function deleteDraft(db: Db, actor: Actor, id: number): Promise<void> {
  need(actor, "catalog.manage");
  await db.$transaction(async (tx) => {
    const row = await tx.priceItem.findUnique({ where: { id } });
    if (!row || row.status !== "draft") throw new AppError("catalog.not-draft", "只有草稿可以删除", undefined, 409);
    await tx.priceItem.delete({ where: { id } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "price.draft-delete", entity: "price-item", entityId: row.itemCode, summary: `删除草稿 ${row.itemCode}`, before: itemState(row) });
  });
}

/**
 * Publishes a draft. When it is a new version of an open-ended price with the same rating keys that began
 * earlier, that price ends where the new one begins; any other overlap is refused, as is any change to a closed
 * month. Returns the months whose rating may change (from the new price's first month on).
 */
export async function publishPriceItem(db: Db, actor: Actor, id: number, options: { newVersion?: boolean } = {}, now = Date.now()): Promise<{ itemCode: string; fromMonth: string; predecessor: string | null }> {
  need(actor, "catalog.publish");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('catalog'))`;
    const draft = await tx.priceItem.findUnique({ where: { id } });
    if (!draft || draft.status !== "draft") throw new AppError("catalog.not-draft", "只有草稿可以发布", undefined, 409);
    const [items, closed] = await Promise.all([tx.priceItem.findMany({ where: { status: { not: "draft" } } }), tx.billingMonth.findMany()]);
    const after: ItemState = { ...itemState(draft), status: "published" };
    const states = items.map(itemState);
    // a new version: the open-ended price with the same keys that began earlier ends where this one begins
    const predecessor = options.newVersion === false ? undefined
      : states.find((s) => ratingKey(s) === ratingKey(after) && s.validTo === null && s.validFrom < after.validFrom && after.validTo === null);
    const changes: { before: ItemState | null; after: ItemState; line: number }[] = [{ before: null, after, line: 0 }];
    if (predecessor) changes.push({ before: predecessor, after: { ...predecessor, validTo: after.validFrom }, line: 0 });
    const final = new Map(states.map((s) => [s.itemCode, s]));
    for (const c of changes) final.set(c.after.itemCode, c.after);
    const problems = checkCatalogState([...final.values()], changes, closed.map((m) => m.month));
    if (problems.length) throw refuse(problems);
    if (predecessor) await tx.priceItem.update({ where: { itemCode: predecessor.itemCode }, data: { validTo: asDbDate(after.validFrom) } });
    await tx.priceItem.update({ where: { id }, data: { status: "published", publishedAt: new Date(now) } });
    await recordAudit(tx, {
      actor: auditActorOf(actor), action: "price.publish", entity: "price-item", entityId: draft.itemCode,
      summary: `发布价格 ${draft.itemCode}：¥${after.unitPrice}（${after.unit}），${after.validFrom} 起生效${predecessor ? `；${predecessor.itemCode} 于 ${after.validFrom} 停用` : ""}`,
      before: predecessor ? { predecessor } : undefined, after: { item: after, predecessor: predecessor ? { ...predecessor, validTo: after.validFrom } : null },
    });
    return { itemCode: draft.itemCode, fromMonth: after.validFrom.slice(0, 7), predecessor: predecessor?.itemCode ?? null };
  });
}

/** Retires a published price from a date (exclusive end of its validity): usage after it finds no price and shows as an exception. */
export async function retirePriceItem(db: Db, actor: Actor, id: number, retireFrom: string, now = Date.now()): Promise<{ itemCode: string; fromMonth: string }> {
  need(actor, "catalog.publish");
  const date = calendarDate.safeParse(retireFrom);
  if (!date.success) throw new AppError("catalog.date", date.error.issues[0].message, { fieldErrors: { retireFrom: [date.error.issues[0].message] } });
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('catalog'))`;
    const row = await tx.priceItem.findUnique({ where: { id } });
    if (!row || row.status !== "published") throw new AppError("catalog.not-published", "只有已发布的价格可以下架", undefined, 409);
    const before = itemState(row);
    if (retireFrom <= before.validFrom || (before.validTo && retireFrom > before.validTo)) {
      throw new AppError("catalog.date", `下架日期须在 ${before.validFrom} 之后${before.validTo ? `、不晚于 ${before.validTo}` : ""}`, { fieldErrors: { retireFrom: ["下架日期不在有效期内"] } });
    }
    const after: ItemState = { ...before, validTo: retireFrom, status: retireFrom <= todayShanghai(now) ? "retired" : "published" };
    const problems = checkCatalogState([after], [{ before, after, line: 0 }], (await tx.billingMonth.findMany()).map((m) => m.month));
    if (problems.length) throw refuse(problems, "retireFrom");
    // a retirement that lies ahead keeps the item published (and rating) until the day comes
    await tx.priceItem.update({ where: { id }, data: { validTo: asDbDate(retireFrom), status: after.status } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "price.retire", entity: "price-item", entityId: row.itemCode, summary: `下架价格 ${row.itemCode}，${retireFrom} 起不再计费`, before, after });
    return { itemCode: row.itemCode, fromMonth: retireFrom.slice(0, 7) };
  });
}

/** A price for usage that found none (from the exceptions page): a draft published at once, audited as both; it never ends another price. */
export async function addPriceItem(db: Db, actor: Actor, input: PriceItemInput): Promise<{ id: number; itemCode: string }> {
  const draft = await saveDraft(db, actor, input);
  try {
    await publishPriceItem(db, actor, draft.id, { newVersion: false });
  } catch (e) {
    await db.priceItem.delete({ where: { id: draft.id } }).catch(() => {});
    throw e;
  }
  return draft;
}
