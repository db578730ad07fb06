import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { WORK_ORDER_KINDS, WORK_ORDER_KIND_NAMES, type WorkOrderKind } from "../itsm/codes";
import { describeMatchers, matchersSchema, policyMatches, storedMatchers, type AlarmAttributes, type Matcher } from "./matchers";

// 告警规则: a new, unsuppressed occurrence matching a rule's conditions opens a work order of the rule's kind for
// the alarm's provider at once (the first enabled rule by id decides).

export const alarmRuleSchema = z.object({
  name: z.string({ message: "请填写规则名称" }).trim().min(1, "请填写规则名称").max(100, "名称最多 100 个字符"),
  matchers: matchersSchema,
  workOrderKind: z.enum(WORK_ORDER_KINDS, { message: "请选择工单类型" }).default("fault"),
  enabled: z.boolean().default(true),
});
export type AlarmRuleInput = z.input<typeof alarmRuleSchema>;

export type AlarmRuleRow = { id: number; name: string; matchers: Matcher[]; workOrderKind: WorkOrderKind; enabled: boolean; createdAt: string };
export type RuleInForce = { id: number; name: string; matchers: Matcher[]; workOrderKind: WorkOrderKind };

type RuleRecord = { id: number; name: string; matchers: unknown; workOrderKind: string; enabled: boolean; createdAt: Date };
const kindOf = (k: string): WorkOrderKind => ((WORK_ORDER_KINDS as readonly string[]).includes(k) ? (k as WorkOrderKind) : "fault");
const toRow = (r: RuleRecord): AlarmRuleRow => ({ id: r.id, name: r.name, matchers: storedMatchers(r.matchers), workOrderKind: kindOf(r.workOrderKind), enabled: r.enabled, createdAt: r.createdAt.toISOString() });

export async function enabledAlarmRules(db: Pick<Db, "alarmRule">): Promise<RuleInForce[]> {
  const rows = await db.alarmRule.findMany({ where: { enabled: true, action: "open-work-order" }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, matchers: storedMatchers(r.matchers), workOrderKind: kindOf(r.workOrderKind) }));
}

export function matchingRule(rules: readonly RuleInForce[], attributes: AlarmAttributes): RuleInForce | null {
  return rules.find((r) => policyMatches(attributes, r.matchers)) ?? null;
}

export async function listAlarmRules(db: Db): Promise<AlarmRuleRow[]> {
  return (await db.alarmRule.findMany({ orderBy: { id: "asc" } })).map(toRow);
}

function requireRuleManager(actor: Actor) {
  if (!can(actor, "alarm.policy")) throw new AppError("auth.forbidden", "您没有管理告警规则的权限", undefined, 403);
}

const describe = (r: { name: string; matchers: Matcher[]; workOrderKind: WorkOrderKind }) => `《${r.name}》：${describeMatchers(r.matchers)} → ${WORK_ORDER_KIND_NAMES[r.workOrderKind]}工单`;

/** Creates a rule (id absent) or changes one. */
export async function saveAlarmRule(db: Db, actor: Actor, input: AlarmRuleInput & { id?: number }): Promise<AlarmRuleRow> {
  requireRuleManager(actor);
  const r = alarmRuleSchema.parse(input);
  const data = { name: r.name, matchers: r.matchers as unknown as Prisma.InputJsonValue, workOrderKind: r.workOrderKind, enabled: r.enabled };
  return db.$transaction(async (tx) => {
    if (input.id === undefined) {
      const created = await tx.alarmRule.create({ data });
      await recordAudit(tx, { actor: auditActorOf(actor), action: "alarm.rule-create", entity: "alarm-rule", entityId: created.id, summary: `新建告警规则${describe(r)}`, after: created });
      return toRow(created);
    }
    const id = z.number().int().positive().parse(input.id);
    const before = await tx.alarmRule.findUnique({ where: { id } });
    if (!before) throw new AppError("alarm.rule-not-found", "告警规则不存在", undefined, 404);
    const after = await tx.alarmRule.update({ where: { id }, data });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "alarm.rule-update", entity: "alarm-rule", entityId: id, summary: `修改告警规则${describe(r)}`, before, after });
    return toRow(after);
  });
}

export async function deleteAlarmRule(db: Db, actor: Actor, id: number): Promise<void> {
  requireRuleManager(actor);
  const ruleId = z.number().int().positive().parse(id);
  await db.$transaction(async (tx) => {
    const before = await tx.alarmRule.findUnique({ where: { id: ruleId } });
    if (!before) throw new AppError("alarm.rule-not-found", "告警规则不存在", undefined, 404);
    await tx.alarmRule.delete({ where: { id: ruleId } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "alarm.rule-delete", entity: "alarm-rule", entityId: ruleId, summary: `删除告警规则《${before.name}》`, before });
  });
}
