// The message templates and rules, as the 消息模板与规则 page edits them (messages.manage); every change audited.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { CHANNEL_CODES, EVENT_TYPE_NAMES, EVENT_TYPES, RECIPIENT_KINDS, ROLE_RECIPIENT, type EventType } from "./event-catalog";
import { hhmmToMinutes, minutesToHhmm } from "./schedule";

export type TemplateRow = { code: string; name: string; titleZh: string; bodyZh: string; titleEn: string; bodyEn: string; updatedAt: string; rules: number };
export type RuleRow = {
  id: number; eventType: string; templateCode: string; templateName: string | null; recipients: string[]; channels: string[];
  enabled: boolean; dedupMinutes: number; quietStart: string | null; quietEnd: string | null;
};

function requireManager(actor: Actor) {
  if (!can(actor, "messages.manage")) throw new AppError("auth.forbidden", "您没有管理消息模板与规则的权限", undefined, 403);
}

const fieldError = (field: string, message: string) => new AppError("message.invalid", message, { fieldErrors: { [field]: [message] } });

export async function listTemplates(db: Db, actor: Actor): Promise<TemplateRow[]> {
  requireManager(actor);
  const [templates, rules] = await Promise.all([
    db.messageTemplate.findMany(),
    db.messageRule.groupBy({ by: ["templateCode"], _count: { _all: true } }),
  ]);
  const uses = new Map(rules.map((r) => [r.templateCode, r._count._all]));
  // in the order of the event types, then any others by code
  const order = (code: string) => { const i = (EVENT_TYPES as readonly string[]).indexOf(code); return i < 0 ? EVENT_TYPES.length : i; };
  return templates
    .sort((a, b) => order(a.code) - order(b.code) || a.code.localeCompare(b.code))
    .map((t) => ({ code: t.code, name: t.name, titleZh: t.titleZh, bodyZh: t.bodyZh, titleEn: t.titleEn, bodyEn: t.bodyEn, updatedAt: t.updatedAt.toISOString(), rules: uses.get(t.code) ?? 0 }));
}

export const templateSchema = z.object({
  name: z.string().trim().min(1, "请填写模板名称").max(64, "最多 64 个字符"),
  titleZh: z.string().trim().min(1, "请填写中文标题").max(200, "标题最多 200 个字符"),
  bodyZh: z.string().trim().min(1, "请填写中文正文").max(2000, "正文最多 2000 个字符"),
  titleEn: z.string().trim().min(1, "请填写英文标题").max(200, "标题最多 200 个字符"),
  bodyEn: z.string().trim().min(1, "请填写英文正文").max(2000, "正文最多 2000 个字符"),
});
export type TemplateInput = z.input<typeof templateSchema>;

export async function updateTemplate(db: Db, actor: Actor, code: string, input: TemplateInput): Promise<TemplateRow> {
  requireManager(actor);
  const t = templateSchema.parse(input);
  const before = await db.messageTemplate.findUnique({ where: { code: z.string().min(1).max(100).parse(code) } });
  if (!before) throw new AppError("message.template-not-found", "消息模板不存在", undefined, 404);
  return db.$transaction(async (tx) => {
    const after = await tx.messageTemplate.update({ where: { code: before.code }, data: { ...t, updatedAt: new Date() } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "message.template-update", entity: "message-template", entityId: after.code, summary: `修改消息模板「${after.name}」`, before, after });
    const rules = await tx.messageRule.count({ where: { templateCode: after.code } });
    return { ...after, updatedAt: after.updatedAt.toISOString(), rules };
  });
}

const hhmm = z.string().trim().nullish().transform((v, c) => {
  if (!v) return null;
  const m = hhmmToMinutes(v);
  if (m === null) { c.addIssue({ code: "custom", message: "时间格式为 HH:mm" }); return z.NEVER; }
  return m;
});

export const ruleSchema = z.object({
  eventType: z.enum(EVENT_TYPES, "请选择事件"),
  templateCode: z.string().trim().min(1, "请选择模板"),
  recipients: z.array(z.string().trim()).min(1, "请至少选择一类接收人").max(30)
    .refine((rs) => rs.every((r) => (RECIPIENT_KINDS as readonly string[]).includes(r) || ROLE_RECIPIENT.test(r)), "接收人无效"),
  channels: z.array(z.enum(CHANNEL_CODES)).min(1, "请至少选择一个渠道"),
  enabled: z.boolean().default(true),
  dedupMinutes: z.coerce.number().int("须为整数").min(0, "不能为负").max(10080, "最多 10080 分钟（7 天）"),
  quietStart: hhmm,
  quietEnd: hhmm,
}).superRefine((r, c) => {
  if ((r.quietStart === null) !== (r.quietEnd === null)) c.addIssue({ code: "custom", path: [r.quietStart === null ? "quietStart" : "quietEnd"], message: "免打扰时段须同时填写开始与结束" });
  else if (r.quietStart !== null && r.quietStart === r.quietEnd) c.addIssue({ code: "custom", path: ["quietEnd"], message: "结束时间不能与开始时间相同" });
});
export type RuleInput = z.input<typeof ruleSchema>;

const toRuleRow = (r: { id: number; eventType: string; templateCode: string; recipients: string[]; channels: string[]; enabled: boolean; dedupMinutes: number; quietStart: number | null; quietEnd: number | null }, templateName: string | null): RuleRow => ({
  ...r, templateName, quietStart: r.quietStart === null ? null : minutesToHhmm(r.quietStart), quietEnd: r.quietEnd === null ? null : minutesToHhmm(r.quietEnd),
});

export async function listRules(db: Db, actor: Actor): Promise<RuleRow[]> {
  requireManager(actor);
  const [rules, templates] = await Promise.all([db.messageRule.findMany({ orderBy: { id: "asc" } }), db.messageTemplate.findMany({ select: { code: true, name: true } })]);
  const names = new Map(templates.map((t) => [t.code, t.name]));
  const order = (type: string) => (EVENT_TYPES as readonly string[]).indexOf(type);
  return rules.sort((a, b) => order(a.eventType) - order(b.eventType) || a.id - b.id).map((r) => toRuleRow(r, names.get(r.templateCode) ?? null));
}

async function checkRule(db: Db, input: RuleInput) {
  const r = ruleSchema.parse(input);
  if (!(await db.messageTemplate.findUnique({ where: { code: r.templateCode } }))) throw fieldError("templateCode", "模板不存在");
  const roles = r.recipients.map((x) => ROLE_RECIPIENT.exec(x)?.[1]).filter((x): x is string => Boolean(x));
  if (roles.length) {
    const found = new Set((await db.role.findMany({ where: { code: { in: roles } }, select: { code: true } })).map((x) => x.code));
    const missing = roles.filter((x) => !found.has(x));
    if (missing.length) throw fieldError("recipients", `角色不存在：${missing.join("、")}`);
  }
  return { ...r, recipients: [...new Set(r.recipients)], channels: [...new Set(r.channels)] };
}

const ruleName = (eventType: string) => EVENT_TYPE_NAMES[eventType as EventType] ?? eventType;

export async function createRule(db: Db, actor: Actor, input: RuleInput): Promise<RuleRow> {
  requireManager(actor);
  const r = await checkRule(db, input);
  return db.$transaction(async (tx) => {
    const after = await tx.messageRule.create({ data: r });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "message.rule-create", entity: "message-rule", entityId: after.id, summary: `新增消息规则：${ruleName(after.eventType)}`, after });
    return toRuleRow(after, null);
  });
}

async function loadRule(db: Db, id: number) {
  const rule = await db.messageRule.findUnique({ where: { id: z.number().int().positive().parse(id) } });
  if (!rule) throw new AppError("message.rule-not-found", "消息规则不存在", undefined, 404);
  return rule;
}

export async function updateRule(db: Db, actor: Actor, id: number, input: RuleInput): Promise<RuleRow> {
  requireManager(actor);
  const before = await loadRule(db, id);
  const r = await checkRule(db, input);
  return db.$transaction(async (tx) => {
    const after = await tx.messageRule.update({ where: { id: before.id }, data: r });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "message.rule-update", entity: "message-rule", entityId: after.id, summary: `修改消息规则：${ruleName(after.eventType)}`, before, after });
    return toRuleRow(after, null);
  });
}

export async function setRuleEnabled(db: Db, actor: Actor, id: number, enabled: boolean): Promise<void> {
  requireManager(actor);
  const before = await loadRule(db, id);
  if (before.enabled === z.boolean().parse(enabled)) return;
  await db.$transaction(async (tx) => {
    const after = await tx.messageRule.update({ where: { id: before.id }, data: { enabled } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: enabled ? "message.rule-enable" : "message.rule-disable", entity: "message-rule", entityId: after.id, summary: `${enabled ? "启用" : "停用"}消息规则：${ruleName(after.eventType)}`, before, after });
  });
}

export async function deleteRule(db: Db, actor: Actor, id: number): Promise<void> {
  requireManager(actor);
  const before = await loadRule(db, id);
  await db.$transaction(async (tx) => {
    await tx.messageRule.delete({ where: { id: before.id } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "message.rule-delete", entity: "message-rule", entityId: before.id, summary: `删除消息规则：${ruleName(before.eventType)}`, before });
  });
}

/** The roles a rule may name (role:<code>), for the recipients picker. */
export async function listRoleOptions(db: Db): Promise<{ code: string; name: string }[]> {
  return db.role.findMany({ select: { code: true, name: true }, orderBy: [{ builtin: "desc" }, { code: "asc" }] });
}
