import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit, SYSTEM_ACTOR } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";

/**
 * The dictionary types the portal reads. Types are fixed here because code consumes them; their entries are
 * data. A work order's status drives its workflow, so its codes are fixed too: only names and order change.
 */
export const DICTIONARY_TYPES = {
  "work-order-status": { name: "工单状态", nameEn: "Work order status", fixedCodes: true },
  "delay-reason": { name: "延误原因", nameEn: "Delay reasons", fixedCodes: false },
  "fault-category": { name: "故障类别", nameEn: "Fault categories", fixedCodes: false },
} as const;
export type DictionaryType = keyof typeof DICTIONARY_TYPES;
const TYPE_CODES = Object.keys(DICTIONARY_TYPES) as [DictionaryType, ...DictionaryType[]];

type DefaultEntry = { code: string; label: string; labelEn: string };
const DEFAULT_ENTRIES: Record<DictionaryType, DefaultEntry[]> = {
  "work-order-status": [
    { code: "new", label: "待受理", labelEn: "New" },
    { code: "assigned", label: "已派单", labelEn: "Assigned" },
    { code: "in-progress", label: "处理中", labelEn: "In progress" },
    { code: "pending", label: "挂起", labelEn: "Pending" },
    { code: "resolved", label: "已解决", labelEn: "Resolved" },
    { code: "closed", label: "已关闭", labelEn: "Closed" },
    { code: "cancelled", label: "已取消", labelEn: "Cancelled" },
  ],
  "delay-reason": [
    { code: "spare-parts", label: "备件未到", labelEn: "Spare parts not arrived" },
    { code: "requester", label: "用户原因", labelEn: "Requester" },
    { code: "third-party", label: "第三方原因", labelEn: "Third party" },
    { code: "change-window", label: "等待变更窗口", labelEn: "Waiting for change window" },
    { code: "capacity", label: "资源不足", labelEn: "Insufficient capacity" },
    { code: "other", label: "其他", labelEn: "Other" },
  ],
  "fault-category": [
    { code: "network", label: "网络", labelEn: "Network" },
    { code: "compute", label: "计算", labelEn: "Compute" },
    { code: "storage", label: "存储", labelEn: "Storage" },
    { code: "security", label: "安全", labelEn: "Security" },
    { code: "platform", label: "平台", labelEn: "Platform" },
  ],
};

export const dictionaryTypeSchema = z.enum(TYPE_CODES, { error: "未知的字典类型" });

export const dictionaryEntrySchema = z.object({
  /** absent for a new entry */
  id: z.number().int().positive().optional(),
  type: dictionaryTypeSchema,
  code: z.string().trim().min(1, "请填写编码").max(32, "最多 32 个字符").regex(/^[a-z0-9][a-z0-9-]*$/, "编码只能包含小写字母、数字和 -"),
  label: z.string().trim().min(1, "请填写中文名称").max(32, "最多 32 个字符"),
  labelEn: z.string().trim().min(1, "请填写英文名称").max(64, "最多 64 个字符"),
  sort: z.number().int("排序须为整数").min(0, "排序不能小于 0").max(9999, "排序不能大于 9999").default(0),
});
export type DictionaryEntryInput = z.input<typeof dictionaryEntrySchema>;

export type DictionaryEntryRow = { id: number; type: string; code: string; label: string; labelEn: string; sort: number; enabled: boolean };
export type DictionaryTypeRow = { type: string; name: string; nameEn: string; fixedCodes: boolean; entries: number; enabledEntries: number };

const entryRow = (e: DictionaryEntryRow): DictionaryEntryRow => ({ id: e.id, type: e.type, code: e.code, label: e.label, labelEn: e.labelEn, sort: e.sort, enabled: e.enabled });

function requireDictionaryAdmin(actor: Actor) {
  if (!can(actor, "system.dictionaries")) throw new AppError("auth.forbidden", "您没有管理数据字典的权限", undefined, 403);
}

function typeInfo(type: string) {
  return type in DICTIONARY_TYPES ? DICTIONARY_TYPES[type as DictionaryType] : { name: type, nameEn: type, fixedCodes: true };
}

/** The known types with their entry counts, then any other type found in the table (read-only, named by its code). */
export async function listDictionaryTypes(db: Db): Promise<DictionaryTypeRow[]> {
  const counts = await db.dictionaryEntry.groupBy({ by: ["type", "enabled"], _count: { _all: true } });
  const types = [...new Set([...TYPE_CODES, ...counts.map((c) => c.type).sort()])];
  return types.map((type) => {
    const mine = counts.filter((c) => c.type === type);
    const info = typeInfo(type);
    return {
      type, name: info.name, nameEn: info.nameEn, fixedCodes: info.fixedCodes,
      entries: mine.reduce((n, c) => n + c._count._all, 0), enabledEntries: mine.filter((c) => c.enabled).reduce((n, c) => n + c._count._all, 0),
    };
  });
}

/** The entries of a type in display order; forms and filters elsewhere pass `enabledOnly`. */
export async function listDictionaryEntries(db: Db, type: string, options: { enabledOnly?: boolean } = {}): Promise<DictionaryEntryRow[]> {
  const rows = await db.dictionaryEntry.findMany({ where: { type, ...(options.enabledOnly ? { enabled: true } : {}) }, orderBy: [{ sort: "asc" }, { code: "asc" }] });
  return rows.map(entryRow);
}

async function loadEntry(db: Db, id: number) {
  const row = await db.dictionaryEntry.findUnique({ where: { id: z.number().int().positive().parse(id) } });
  if (!row) throw new AppError("dictionary.not-found", "字典条目不存在", undefined, 404);
  return row;
}

function refuseFixedCodes(type: string, what: string) {
  if (typeInfo(type).fixedCodes) throw new AppError("dictionary.fixed", `“${typeInfo(type).name}”的条目由系统流程使用，不能${what}，只能修改名称和排序`);
}

/** Creates an entry, or changes the names and order of one (a code is what other records store, so it never changes). */
export async function saveDictionaryEntry(db: Db, actor: Actor, input: DictionaryEntryInput): Promise<DictionaryEntryRow> {
  requireDictionaryAdmin(actor);
  const e = dictionaryEntrySchema.parse(input);
  const who = auditActorOf(actor);
  // two entries with one name would be indistinguishable in every select that offers them
  const sameName = await db.dictionaryEntry.findFirst({ where: { type: e.type, label: e.label, ...(e.id ? { id: { not: e.id } } : {}) } });
  if (sameName) throw new AppError("dictionary.invalid", "名称已存在", { fieldErrors: { label: [`该类型下已有名为“${e.label}”的条目（${sameName.code}）`] } });
  if (e.id) {
    const before = await loadEntry(db, e.id);
    if (before.type !== e.type || before.code !== e.code) throw new AppError("dictionary.invalid", "条目的类型和编码不能修改", { fieldErrors: { code: ["编码不能修改"] } });
    return db.$transaction(async (tx) => {
      const after = await tx.dictionaryEntry.update({ where: { id: e.id }, data: { label: e.label, labelEn: e.labelEn, sort: e.sort } });
      await recordAudit(tx, { actor: who, action: "dictionary.update", entity: "dictionary-entry", entityId: after.id, summary: `修改字典条目 ${typeInfo(e.type).name} / ${after.label}`, before: entryRow(before), after: entryRow(after) });
      return entryRow(after);
    });
  }
  refuseFixedCodes(e.type, "新增");
  if (await db.dictionaryEntry.findUnique({ where: { type_code: { type: e.type, code: e.code } } })) throw new AppError("dictionary.invalid", "编码已存在", { fieldErrors: { code: ["该类型下已有此编码"] } });
  return db.$transaction(async (tx) => {
    const row = await tx.dictionaryEntry.create({ data: { type: e.type, code: e.code, label: e.label, labelEn: e.labelEn, sort: e.sort } });
    await recordAudit(tx, { actor: who, action: "dictionary.create", entity: "dictionary-entry", entityId: row.id, summary: `新增字典条目 ${typeInfo(e.type).name} / ${row.label}`, after: entryRow(row) });
    return entryRow(row);
  });
}

/** A disabled entry stays on the records that use it but is no longer offered for new ones. */
export async function setDictionaryEntryEnabled(db: Db, actor: Actor, id: number, enabled: boolean): Promise<DictionaryEntryRow> {
  requireDictionaryAdmin(actor);
  const before = await loadEntry(db, id);
  if (!enabled) refuseFixedCodes(before.type, "停用");
  if (before.enabled === z.boolean().parse(enabled)) return entryRow(before);
  return db.$transaction(async (tx) => {
    const after = await tx.dictionaryEntry.update({ where: { id: before.id }, data: { enabled } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: enabled ? "dictionary.enable" : "dictionary.disable", entity: "dictionary-entry", entityId: after.id, summary: `${enabled ? "启用" : "停用"}字典条目 ${typeInfo(after.type).name} / ${after.label}`, before: entryRow(before), after: entryRow(after) });
    return entryRow(after);
  });
}

export async function deleteDictionaryEntry(db: Db, actor: Actor, id: number): Promise<void> {
  requireDictionaryAdmin(actor);
  const before = await loadEntry(db, id);
  refuseFixedCodes(before.type, "删除");
  await db.$transaction(async (tx) => {
    await tx.dictionaryEntry.delete({ where: { id: before.id } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "dictionary.delete", entity: "dictionary-entry", entityId: before.id, summary: `删除字典条目 ${typeInfo(before.type).name} / ${before.label}`, before: entryRow(before) });
  });
}

/**
 * Inserts the default entries (seeds run more than once; an entry an admin changed is left as it is). A type whose
 * codes the system owns gets every missing default; an editable type gets its defaults only while it is empty,
 * so that an entry an admin deleted does not come back with the next deployment.
 */
export async function ensureDefaultDictionaries(db: Db): Promise<{ created: number }> {
  const counts = await db.dictionaryEntry.groupBy({ by: ["type"], _count: { _all: true } });
  const seeded = new Set(counts.map((c) => c.type));
  const wanted = TYPE_CODES.filter((type) => DICTIONARY_TYPES[type].fixedCodes || !seeded.has(type))
    .flatMap((type) => DEFAULT_ENTRIES[type].map((e, i) => ({ type, ...e, sort: (i + 1) * 10 })));
  return db.$transaction(async (tx) => {
    const { count } = await tx.dictionaryEntry.createMany({ data: wanted, skipDuplicates: true });
    if (count) await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "dictionary.seed", entity: "dictionary-entry", summary: `初始化数据字典：新增 ${count} 个默认条目` });
    return { created: count };
  });
}
