import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { UNIT_FACTORS, UNITS } from "../metering/rate/tariff";

const text = (max: number) => z.string().trim().min(1, "必填").max(max, `最多 ${max} 个字符`);
const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD");

export const newPriceItemSchema = z
  .object({
    itemCode: text(64).regex(/^[A-Za-z0-9_.-]+$/, "只能包含字母、数字、-、_、."),
    providerId: z.coerce.number().int().positive("请选择服务商"),
    category: text(32),
    name: text(100),
    serviceTypeCode: text(100),
    resourceTypeCode: text(100),
    resourceSpecCode: text(100),
    factor: text(40).transform((f) => f.toLowerCase()),
    unit: z.enum(UNITS, { error: "请选择计价单位" }),
    unitPrice: z.string().trim().regex(/^\d{1,14}(\.\d{1,6})?$/, "单价须为非负数，最多 6 位小数"),
    validFrom: date,
    validTo: z.union([z.literal(""), date]).optional(),
  })
  .superRefine((v, ctx) => {
    if (!UNIT_FACTORS[v.unit].includes(v.factor)) ctx.addIssue({ code: "custom", path: ["unit"], message: `${v.unit} 不能计量因子 ${v.factor}` });
    if (v.validTo && v.validTo <= v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "失效日期须晚于生效日期" });
  });
export type NewPriceItem = z.input<typeof newPriceItemSchema>;

const asDate = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Adds a catalog price item (e.g. for usage that found no price). Refuses an item whose validity overlaps
 * another item with the same provider, service, resource type, spec and factor: rating would be ambiguous.
 */
export async function addPriceItem(db: Db, rawInput: NewPriceItem): Promise<{ id: number; itemCode: string }> {
  const v = newPriceItemSchema.parse(rawInput);
  const validFrom = asDate(v.validFrom);
  const validTo = v.validTo ? asDate(v.validTo) : null;
  return db.$transaction(async (tx) => {
    if (await tx.priceItem.findUnique({ where: { itemCode: v.itemCode } })) throw new AppError("catalog.duplicate-code", "计费项编码已存在", { fieldErrors: { itemCode: ["计费项编码已存在"] } });
    if (!(await tx.provider.findUnique({ where: { id: v.providerId } }))) throw new AppError("catalog.provider", "服务商不存在", { fieldErrors: { providerId: ["服务商不存在"] } });
    const overlapping = await tx.priceItem.findFirst({
      where: {
        providerId: v.providerId, serviceTypeCode: v.serviceTypeCode, resourceTypeCode: v.resourceTypeCode, resourceSpecCode: v.resourceSpecCode, factor: v.factor,
        AND: [{ OR: [{ validTo: null }, { validTo: { gt: validFrom } }] }, ...(validTo ? [{ validFrom: { lt: validTo } }] : [])],
      },
    });
    if (overlapping) {
      const message = `与已有计费项 ${overlapping.itemCode} 的有效期重叠`;
      throw new AppError("catalog.overlap", message, { fieldErrors: { validFrom: [message] } });
    }
    const row = await tx.priceItem.create({
      data: {
        itemCode: v.itemCode, providerId: v.providerId, category: v.category, name: v.name, serviceTypeCode: v.serviceTypeCode, resourceTypeCode: v.resourceTypeCode,
        resourceSpecCode: v.resourceSpecCode, factor: v.factor, unit: v.unit, unitPrice: v.unitPrice, validFrom, validTo,
      },
    });
    return { id: row.id, itemCode: row.itemCode };
  });
}
