import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { orgWhere, type DataScope } from "../auth/scope";
import { addAlarmEvent, SYSTEM_ALARM_ACTOR } from "./alarm-events";
import { instantInput } from "./instant-input";
import { attributesOf, describeMatchers, matchersSchema, policyMatches, storedMatchers, type AlarmAttributes, type Matcher } from "./matchers";
import { toAlarmRows, type AlarmRow } from "./alarm-rows";

// 告警过滤策略: alarms matching every condition of a policy in force are hidden (suppressedByPolicyId) — they stay
// in the database, do not escalate and open no work orders. A policy is in force from startsAt until endsAt or
// until it is ended by hand; ended and expired policies are kept for the record.

export const POLICY_STATUSES = ["active", "scheduled", "expired"] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export const filterPolicySchema = z.object({
  name: z.string({ message: "请填写策略名称" }).trim().min(1, "请填写策略名称").max(100, "名称最多 100 个字符"),
  reason: z.string({ message: "请填写过滤原因" }).trim().min(1, "请填写过滤原因").max(500, "原因最多 500 个字符"),
  matchers: matchersSchema,
  startsAt: instantInput.optional(),
  endsAt: instantInput.nullish(),
});
export type FilterPolicyInput = z.input<typeof filterPolicySchema>;

export type FilterPolicyRow = {
  id: number; name: string; reason: string; matchers: Matcher[]; startsAt: string; endsAt: string | null; endedAt: string | null;
  authorName: string; createdAt: string; status: PolicyStatus; hiding: number;
};

type PolicyRecord = { id: number; name: string; reason: string; matchers: unknown; startsAt: Date; endsAt: Date | null; endedAt: Date | null; authorName: string; createdAt: Date };

export function policyStatus(p: { startsAt: Date; endsAt: Date | null; endedAt: Date | null }, now: Date): PolicyStatus {
  if (p.endedAt || (p.endsAt && p.endsAt <= now)) return "expired";
  return p.startsAt > now ? "scheduled" : "active";
}

const inForceWhere = (now: Date): Prisma.AlarmFilterPolicyWhereInput => ({ endedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] });
const expiredWhere = (now: Date): Prisma.AlarmFilterPolicyWhereInput => ({ OR: [{ endedAt: { not: null } }, { endsAt: { lte: now } }] });
// spelled out rather than NOT(expired): a NULL endsAt would make NOT(... OR endsAt <= now) unknown, not true
const currentWhere = (now: Date): Prisma.AlarmFilterPolicyWhereInput => ({ endedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] });

export type PolicyInForce = { id: number; name: string; matchers: Matcher[] };

/** The policies in force now, oldest first (the oldest matching one is named as the alarm's filter). */
export async function policiesInForce(db: Pick<Db, "alarmFilterPolicy">, now: Date): Promise<PolicyInForce[]> {
  const rows = await db.alarmFilterPolicy.findMany({ where: inForceWhere(now), orderBy: { id: "asc" }, select: { id: true, name: true, matchers: true } });
  return rows.map((p) => ({ id: p.id, name: p.name, matchers: storedMatchers(p.matchers) }));
}

/** The policy that hides an alarm: its current one while that still matches (a stable reason), else the oldest matching. */
export function suppressingPolicy(policies: readonly PolicyInForce[], attributes: AlarmAttributes, current: number | null = null): PolicyInForce | null {
  const kept = policies.find((p) => p.id === current && policyMatches(attributes, p.matchers));
  return kept ?? policies.find((p) => policyMatches(attributes, p.matchers)) ?? null;
}

/**
 * Hides and shows firing alarms by the policies in force now: after a policy is created or ended, and on every
 * tick (a policy's start or end time passing). Each change is conditional on what was read, so a concurrent
 * change is not overwritten; the next run settles anything it skipped.
 */
export async function reevaluateSuppression(db: Db, now: Date): Promise<{ hidden: number; shown: number }> {
  const policies = await policiesInForce(db, now);
  const firing = await db.alarm.findMany({ where: { status: "firing" }, select: { id: true, attributes: true, suppressedByPolicyId: true } });
  const changes = firing.flatMap((a) => {
    const next = suppressingPolicy(policies, attributesOf(a.attributes), a.suppressedByPolicyId);
    return (next?.id ?? null) === a.suppressedByPolicyId ? [] : [{ id: a.id, from: a.suppressedByPolicyId, to: next }];
  });
  let hidden = 0;
  let shown = 0;
  for (let i = 0; i < changes.length; i += 200) {
    await db.$transaction(async (tx) => {
      for (const c of changes.slice(i, i + 200)) {
        const { count } = await tx.alarm.updateMany({ where: { id: c.id, status: "firing", suppressedByPolicyId: c.from }, data: { suppressedByPolicyId: c.to?.id ?? null } });
        if (!count) continue;
        if (c.to) hidden++; else shown++;
        await addAlarmEvent(tx, { alarmId: c.id, actor: SYSTEM_ALARM_ACTOR, action: c.to ? "suppressed" : "unsuppressed", comment: c.to ? `过滤策略：${c.to.name}` : null, at: now });
      }
    });
  }
  return { hidden, shown };
}

const toRow = (p: PolicyRecord, now: Date, hiding: number): FilterPolicyRow => ({
  id: p.id, name: p.name, reason: p.reason, matchers: storedMatchers(p.matchers), startsAt: p.startsAt.toISOString(), endsAt: p.endsAt?.toISOString() ?? null,
  endedAt: p.endedAt?.toISOString() ?? null, authorName: p.authorName, createdAt: p.createdAt.toISOString(), status: policyStatus(p, now), hiding,
});

/** Policies in force and scheduled (`current`), or ended and expired (`expired`), newest first, with the firing alarms each hides now. */
export async function listFilterPolicies(db: Db, which: "current" | "expired", now = new Date()): Promise<FilterPolicyRow[]> {
  const rows = await db.alarmFilterPolicy.findMany({ where: which === "expired" ? expiredWhere(now) : currentWhere(now), orderBy: { id: "desc" }, take: 500 });
  const counts = await db.alarm.groupBy({ by: ["suppressedByPolicyId"], where: { status: "firing", suppressedByPolicyId: { in: rows.map((r) => r.id) } }, _count: { _all: true } });
  const hiding = new Map(counts.map((c) => [c.suppressedByPolicyId, c._count._all]));
  return rows.map((p) => toRow(p, now, hiding.get(p.id) ?? 0));
}

/** The attribute names of recent alarms, for the matcher rows' suggestions. */
export async function recentAttributeNames(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT k AS name FROM (SELECT jsonb_object_keys(attributes) AS k FROM (SELECT attributes FROM alarm ORDER BY id DESC LIMIT 2000) recent) keys ORDER BY 1 LIMIT 200`;
  return rows.map((r) => r.name);
}

function requirePolicyManager(actor: Actor) {
  if (!can(actor, "alarm.policy")) throw new AppError("auth.forbidden", "您没有管理告警过滤策略的权限", undefined, 403);
}

/** The live alarms within the scope that the conditions would hide (before a policy is saved), newest first. */
export async function previewPolicy(db: Db, scope: DataScope, matchers: Matcher[], limit = 50): Promise<{ total: number; rows: AlarmRow[] }> {
  const valid = matchersSchema.parse(matchers);
  const firing = await db.alarm.findMany({ where: { status: "firing", ...orgWhere(scope) }, orderBy: [{ lastAt: "desc" }, { id: "desc" }], select: { id: true, attributes: true } });
  const ids = firing.filter((a) => policyMatches(attributesOf(a.attributes), valid)).map((a) => a.id);
  const rows = await db.alarm.findMany({ where: { id: { in: ids.slice(0, limit) } }, orderBy: [{ lastAt: "desc" }, { id: "desc" }] });
  return { total: ids.length, rows: await toAlarmRows(db, rows) };
}

export async function createFilterPolicy(db: Db, actor: Actor, input: FilterPolicyInput, now = new Date()): Promise<FilterPolicyRow> {
  requirePolicyManager(actor);
  const p = filterPolicySchema.parse(input);
  const startsAt = p.startsAt ?? now;
  if (p.endsAt && p.endsAt <= startsAt) throw new AppError("alarm.policy-invalid", "结束时间须晚于开始时间", { fieldErrors: { endsAt: ["结束时间须晚于开始时间"] } });
  if (p.endsAt && p.endsAt <= now) throw new AppError("alarm.policy-invalid", "结束时间已过", { fieldErrors: { endsAt: ["结束时间已过，策略不会生效"] } });
  const row = await db.$transaction(async (tx) => {
    const created = await tx.alarmFilterPolicy.create({
      data: { name: p.name, reason: p.reason, matchers: p.matchers as unknown as Prisma.InputJsonValue, startsAt, endsAt: p.endsAt ?? null, authorId: actor.userId, authorName: actor.displayName },
    });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "alarm.policy-create", entity: "alarm-filter-policy", entityId: created.id, summary: `新建告警过滤策略《${created.name}》：${describeMatchers(p.matchers)}`, after: created });
    return created;
  });
  await reevaluateSuppression(db, now);
  const hiding = await db.alarm.count({ where: { status: "firing", suppressedByPolicyId: row.id } });
  return toRow(row, now, hiding);
}

/** Ends a policy now: it is kept (endedAt) for the record, and the alarms it hid show again unless another policy hides them. */
export async function endFilterPolicy(db: Db, actor: Actor, id: number, now = new Date()): Promise<FilterPolicyRow> {
  requirePolicyManager(actor);
  const policyId = z.number().int().positive().parse(id);
  const row = await db.$transaction(async (tx) => {
    const before = await tx.alarmFilterPolicy.findUnique({ where: { id: policyId } });
    if (!before) throw new AppError("alarm.policy-not-found", "过滤策略不存在", undefined, 404);
    if (policyStatus(before, now) === "expired") throw new AppError("alarm.policy-ended", "该策略已结束", undefined, 409);
    const after = await tx.alarmFilterPolicy.update({ where: { id: policyId }, data: { endedAt: now } });
    await recordAudit(tx, { actor: auditActorOf(actor), action: "alarm.policy-end", entity: "alarm-filter-policy", entityId: policyId, summary: `结束告警过滤策略《${after.name}》`, before, after });
    return after;
  });
  await reevaluateSuppression(db, now);
  return toRow(row, now, 0);
}
