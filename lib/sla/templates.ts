import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { WORK_ORDER_KIND_NAMES, WORK_ORDER_KINDS, type WorkOrderKind } from "../itsm/codes";

// Work order templates: per kind, the fields a request or a work order of that kind carries. Values are
// validated against the template in force (validateTemplateFields) and stored as { key: value } JSON.

export const TEMPLATE_FIELD_TYPES = ["text", "textarea", "number", "select", "date"] as const;
export type TemplateFieldType = (typeof TEMPLATE_FIELD_TYPES)[number];
export type TemplateFieldOption = { value: string; label: string; labelEn: string };
export type TemplateField = { key: string; label: string; labelEn: string; type: TemplateFieldType; required: boolean; options?: TemplateFieldOption[] };
export type TemplateRow = { code: string; kind: WorkOrderKind; name: string; nameEn: string; fields: TemplateField[]; enabled: boolean; sort: number };
export type FieldValues = Record<string, string | number | null>;

const CODE = /^[a-z0-9][a-z0-9-]*$/;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const MAX_FIELDS = 30;
const MAX_TEXT = 200;
const MAX_TEXTAREA = 5000;

const optionSchema = z.object({
  value: z.string().trim().min(1, "请填写选项值").max(32, "选项值最多 32 个字符").regex(CODE, "选项值只能包含小写字母、数字和 -"),
  label: z.string().trim().min(1, "请填写选项名称").max(32, "选项名称最多 32 个字符"),
  labelEn: z.string().trim().min(1, "请填写选项英文名称").max(64, "选项英文名称最多 64 个字符"),
});

export const templateFieldSchema = z.object({
  key: z.string().trim().min(1, "请填写字段键").max(32, "字段键最多 32 个字符").regex(KEY, "字段键须以字母开头，只能包含字母、数字和 _"),
  label: z.string().trim().min(1, "请填写字段名称").max(32, "字段名称最多 32 个字符"),
  labelEn: z.string().trim().min(1, "请填写字段英文名称").max(64, "字段英文名称最多 64 个字符"),
  type: z.enum(TEMPLATE_FIELD_TYPES, { error: "请选择字段类型" }),
  required: z.boolean().default(false),
  options: z.array(optionSchema).max(50, "选项最多 50 个").optional(),
}).superRefine((f, ctx) => {
  if (f.type !== "select") return;
  if (!f.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: `下拉字段“${f.label}”至少需要一个选项` });
  else if (new Set(f.options.map((o) => o.value)).size !== f.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: `字段“${f.label}”的选项值不能重复` });
}).transform((f): TemplateField => ({ key: f.key, label: f.label, labelEn: f.labelEn, type: f.type, required: f.required, ...(f.type === "select" ? { options: f.options } : {}) }));

export const templateSchema = z.object({
  code: z.string().trim().min(1, "请填写模板编码").max(32, "模板编码最多 32 个字符").regex(CODE, "模板编码只能包含小写字母、数字和 -"),
  kind: z.enum(WORK_ORDER_KINDS, { error: "请选择工单类型" }),
  name: z.string().trim().min(1, "请填写模板名称").max(50, "模板名称最多 50 个字符"),
  nameEn: z.string().trim().min(1, "请填写英文名称").max(100, "英文名称最多 100 个字符"),
  fields: z.array(templateFieldSchema).max(MAX_FIELDS, `字段最多 ${MAX_FIELDS} 个`)
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, "字段键不能重复"),
  enabled: z.boolean().default(true),
  sort: z.number().int("排序须为整数").min(0, "排序不能小于 0").max(9999, "排序不能大于 9999").default(0),
});
export type TemplateInput = z.input<typeof templateSchema>;

/** Stored fields as the template schema reads them; a row edited by hand into something else shows no fields rather than failing. */
function storedFields(json: Prisma.JsonValue): TemplateField[] {
  const parsed = z.array(templateFieldSchema).safeParse(json);
  return parsed.success ? parsed.data : [];
}

const templateRow = (t: { code: string; kind: string; name: string; nameEn: string; fields: Prisma.JsonValue; enabled: boolean; sort: number }): TemplateRow => ({
  code: t.code, kind: t.kind as WorkOrderKind, name: t.name, nameEn: t.nameEn, fields: storedFields(t.fields), enabled: t.enabled, sort: t.sort,
});

export async function listTemplates(db: Db, options: { kind?: WorkOrderKind; enabledOnly?: boolean } = {}): Promise<TemplateRow[]> {
  const rows = await db.workOrderTemplate.findMany({
    where: { ...(options.kind ? { kind: options.kind } : {}), ...(options.enabledOnly ? { enabled: true } : {}) },
    orderBy: [{ sort: "asc" }, { code: "asc" }],
  });
  return rows.map(templateRow);
}

export async function getTemplate(db: Db, code: string): Promise<TemplateRow | null> {
  const row = await db.workOrderTemplate.findUnique({ where: { code } });
  return row ? templateRow(row) : null;
}

/** Creates a template or replaces one's names, fields, order and state (its code is what work orders store). */
export async function saveTemplate(db: Db, actor: Actor, input: TemplateInput): Promise<TemplateRow> {
  if (!can(actor, "itsm.sla.manage")) throw new AppError("auth.forbidden", "您没有管理工单模板的权限", undefined, 403);
  const t = templateSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.workOrderTemplate.findUnique({ where: { code: t.code } });
    const data = { kind: t.kind, name: t.name, nameEn: t.nameEn, fields: t.fields as Prisma.InputJsonValue, enabled: t.enabled, sort: t.sort };
    const after = await tx.workOrderTemplate.upsert({ where: { code: t.code }, create: { code: t.code, ...data }, update: data });
    await recordAudit(tx, {
      actor: auditActorOf(actor), action: "sla.template.save", entity: "work-order-template", entityId: t.code,
      summary: `${before ? "修改" : "新增"}工单模板 ${t.name}（${WORK_ORDER_KIND_NAMES[t.kind]}，${t.fields.length} 个字段${t.enabled ? "" : "，已停用"}）`,
      before: before ? templateRow(before) : undefined, after: templateRow(after),
    });
    return templateRow(after);
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isIsoDate = (s: string) => {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};

/**
 * The template's field values from a form or an API body: every field of the template (null when empty and
 * optional), keys the template does not have dropped; throws sla.fields.invalid with an error per field.
 */
export function validateTemplateFields(template: { fields: readonly TemplateField[] }, values: unknown): FieldValues {
  const input: Record<string, unknown> = values && typeof values === "object" && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
  const out: FieldValues = {};
  const fieldErrors: Record<string, string[]> = {};
  const fail = (f: TemplateField, message: string) => { fieldErrors[`fields.${f.key}`] = [message]; };
  for (const f of template.fields) {
    const raw = input[f.key];
    const text = typeof raw === "string" ? raw.trim() : raw;
    if (text === undefined || text === null || text === "") {
      if (f.required) fail(f, f.type === "select" ? `请选择${f.label}` : `请填写${f.label}`);
      out[f.key] = null;
      continue;
    }
    switch (f.type) {
      case "number": {
        const n = typeof text === "number" ? text : typeof text === "string" && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (!Number.isFinite(n)) fail(f, `${f.label}须为数字`);
        else out[f.key] = n;
        break;
      }
      case "select": {
        const options = f.options ?? [];
        if (typeof text !== "string" || !options.some((o) => o.value === text)) fail(f, `${f.label}须为以下之一：${options.map((o) => o.label).join("、")}`);
        else out[f.key] = text;
        break;
      }
      case "date":
        if (typeof text !== "string" || !isIsoDate(text)) fail(f, `${f.label}须为 YYYY-MM-DD 格式的日期`);
        else out[f.key] = text;
        break;
      case "text":
      case "textarea": {
        const max = f.type === "text" ? MAX_TEXT : MAX_TEXTAREA;
        if (typeof text !== "string" && typeof text !== "number") fail(f, `${f.label}须为文字`);
        else if (String(text).length > max) fail(f, `${f.label}最多 ${max} 个字符`);
        else out[f.key] = String(text);
        break;
      }
    }
  }
  if (Object.keys(fieldErrors).length) throw new AppError("sla.fields.invalid", "请检查工单字段", { fieldErrors });
  return out;
}

const FAULT_CATEGORIES: TemplateFieldOption[] = [
  { value: "network", label: "网络", labelEn: "Network" },
  { value: "compute", label: "计算", labelEn: "Compute" },
  { value: "storage", label: "存储", labelEn: "Storage" },
  { value: "security", label: "安全", labelEn: "Security" },
  { value: "platform", label: "平台", labelEn: "Platform" },
];

/** One template per kind; the fault categories are the fault-category dictionary's (its defaults if it is still empty). */
function defaultTemplates(faultCategories: TemplateFieldOption[]): TemplateInput[] {
  return [
    {
      code: "fault", kind: "fault", name: "故障报修", nameEn: "Fault report", sort: 10, fields: [
        { key: "category", label: "故障类别", labelEn: "Fault category", type: "select", required: true, options: faultCategories },
        { key: "impact", label: "影响范围", labelEn: "Impact", type: "textarea", required: true },
        { key: "occurredOn", label: "发生时间", labelEn: "Occurred on", type: "date", required: true },
      ],
    },
    {
      code: "provisioning", kind: "provisioning", name: "资源开通", nameEn: "Resource provisioning", sort: 20, fields: [
        { key: "spec", label: "资源规格", labelEn: "Resource specification", type: "text", required: true },
        { key: "quantity", label: "数量", labelEn: "Quantity", type: "number", required: true },
        { key: "expectedBy", label: "期望完成日期", labelEn: "Expected by", type: "date", required: false },
      ],
    },
    {
      code: "change", kind: "change", name: "变更申请", nameEn: "Change request", sort: 30, fields: [
        { key: "window", label: "变更窗口", labelEn: "Change window", type: "text", required: true },
        { key: "rollback", label: "回退方案", labelEn: "Rollback plan", type: "textarea", required: true },
      ],
    },
    {
      code: "inspection", kind: "inspection", name: "巡检", nameEn: "Inspection", sort: 40, fields: [
        { key: "target", label: "巡检对象", labelEn: "Inspection target", type: "text", required: true },
      ],
    },
    {
      code: "consultation", kind: "consultation", name: "咨询", nameEn: "Consultation", sort: 50, fields: [
        { key: "question", label: "问题描述", labelEn: "Question", type: "textarea", required: true },
      ],
    },
  ];
}

/** The default templates whose code has no row; templates an operator saved are left alone. */
export async function ensureDefaultTemplates(db: Db): Promise<{ created: number }> {
  const dictionary = await db.dictionaryEntry.findMany({ where: { type: "fault-category", enabled: true }, orderBy: [{ sort: "asc" }, { code: "asc" }] });
  const categories = dictionary.length ? dictionary.map((d) => ({ value: d.code, label: d.label, labelEn: d.labelEn })) : FAULT_CATEGORIES;
  const data = defaultTemplates(categories).map((input) => {
    const t = templateSchema.parse(input);
    return { code: t.code, kind: t.kind, name: t.name, nameEn: t.nameEn, fields: t.fields as Prisma.InputJsonValue, enabled: t.enabled, sort: t.sort };
  });
  const { count } = await db.workOrderTemplate.createMany({ data, skipDuplicates: true });
  return { created: count };
}
