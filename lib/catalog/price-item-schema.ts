import { z } from "zod";
import { UNIT_FACTORS, UNITS } from "../metering/rate/tariff";

const text = (max: number) => z.string().trim().min(1, "必填").max(max, `最多 ${max} 个字符`);
/** A Shanghai calendar date YYYY-MM-DD that exists (2025-02-30 does not). */
export const calendarDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD")
  .refine((d) => { const day = new Date(`${d}T00:00:00Z`); return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(d); }, "不是有效日期");

/** A catalog price item as a form or an import row gives it; prices are decimal text, never numbers. */
export const priceItemSchema = z
  .object({
    itemCode: text(64).regex(/^[A-Za-z0-9_.@-]+$/, "只能包含字母、数字、-、_、.、@"),
    providerId: z.coerce.number().int().positive("请选择服务商"),
    category: text(32),
    name: text(100),
    serviceTypeCode: text(100),
    resourceTypeCode: text(100),
    resourceSpecCode: text(100),
    factor: text(40).transform((f) => f.toLowerCase()),
    unit: z.enum(UNITS, { error: "请选择计价单位" }),
    unitPrice: z.string().trim().regex(/^\d{1,14}(\.\d{1,6})?$/, "单价须为非负数，最多 6 位小数"),
    validFrom: calendarDate,
    validTo: z.union([z.literal(""), calendarDate]).nullish(),
    description: z.string().trim().max(500, "最多 500 个字符").nullish(),
  })
  .superRefine((v, ctx) => {
    if (!UNIT_FACTORS[v.unit].includes(v.factor)) ctx.addIssue({ code: "custom", path: ["unit"], message: `${v.unit} 不能计量因子 ${v.factor}` });
    if (v.validTo && v.validTo <= v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "失效日期须晚于生效日期" });
  });
export type PriceItemInput = z.input<typeof priceItemSchema>;
export type PriceItemValues = z.output<typeof priceItemSchema>;

/** Prisma stores @db.Date as UTC midnight of the calendar date; these convert both ways without any time zone. */
export const asDbDate = (d: string) => new Date(`${d}T00:00:00Z`);
export const fromDbDate = (d: Date) => d.toISOString().slice(0, 10);
