import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { AlarmSeverity } from "../itsm/codes";
import { addAlarmEvent, eventActorOf, SYSTEM_ALARM_ACTOR, type AlarmEventActor } from "./alarm-events";
import { alarmAttributes, dedupKey, defaultFingerprint, invalidBatch, parseAlarmBatch, type AlarmItem } from "./alarm-input";
import { openWorkOrderFromAlarm, resolveWorkOrderOnClear } from "./alarm-work-orders";
import { mapAlertmanagerPayload } from "./alertmanager";
import { enabledAlarmRules, matchingRule } from "./alarm-rules";
import { policiesInForce, suppressingPolicy } from "./filter-policies";
import type { AlarmAttributes } from "./matchers";

// Alarm intake: a firing notification counts on the fingerprint's active occurrence (count + 1) or opens a new
// one; a resolved notification clears the active occurrence. The partial unique index (one firing row per
// fingerprint) makes concurrent firings meet on one row through INSERT ... ON CONFLICT. A whole call is one
// transaction, applied in fingerprint order (so two concurrent calls lock rows in the same order) and in the
// order sent within a fingerprint (firing, resolved, firing = two occurrences).

export type NormalizedAlarm = {
  fingerprint: string; source: string; name: string; severity: AlarmSeverity; status: "firing" | "resolved";
  resource: string | null; summary: string | null; at: Date; seenAt: Date; providerId: number | null; departmentId: number | null; attributes: AlarmAttributes;
};

export type IntakeOutcome = "opened" | "repeated" | "cleared" | "ignored";
export type IntakeResult = {
  received: number; opened: number; repeated: number; cleared: number; ignored: number; suppressed: number;
  items: { index: number; alarmId: number | null; outcome: IntakeOutcome; suppressed: boolean }[];
  workOrders: { alarmId: number; workOrderId: number; number: string }[];
};

function requireIngest(actor: Actor) {
  if (!can(actor, "alarm.ingest")) throw new AppError("auth.forbidden", "令牌用户没有上报告警的权限（alarm.ingest）", undefined, 403);
  if (actor.scope.kind === "departments") throw new AppError("auth.forbidden", "只有服务商或监管人员的令牌可以上报告警", undefined, 403);
}

/**
 * Which provider a reporter may report for: a supervisor's token any provider by code, a provider's token only its
 * own (forced when the item names none). Unknown codes are field errors, a foreign provider is refused (403).
 */
async function normalize(db: Db, actor: Actor, items: AlarmItem[], seenAt: Date[], now: Date, pathOf: (i: number, field: "provider" | "department") => string): Promise<NormalizedAlarm[]> {
  const codes = (pick: (i: AlarmItem) => string | undefined) => [...new Set(items.map(pick).filter((c): c is string => Boolean(c)))];
  const [providers, departments] = await Promise.all([
    db.provider.findMany({ where: { code: { in: codes((i) => i.provider) } }, select: { id: true, code: true } }),
    db.department.findMany({ where: { code: { in: codes((i) => i.department) } }, select: { id: true, code: true } }),
  ]);
  const providerByCode = new Map(providers.map((p) => [p.code, p.id]));
  const departmentByCode = new Map(departments.map((d) => [d.code, d.id]));
  const issues = items.flatMap((item, i) => [
    ...(item.provider && !providerByCode.has(item.provider) ? [{ path: pathOf(i, "provider"), message: `服务商编码 ${item.provider} 不存在` }] : []),
    ...(item.department && !departmentByCode.has(item.department) ? [{ path: pathOf(i, "department"), message: `单位编码 ${item.department} 不存在` }] : []),
  ]);
  if (issues.length) throw invalidBatch("alarm.invalid", issues);

  const own = actor.scope.kind === "providers" ? actor.scope.providerIds : null;
  if (own && !own.length) throw new AppError("auth.forbidden", "令牌用户没有所属服务商，不能上报告警", undefined, 403);
  const ownCode = own ? (await db.provider.findMany({ where: { id: { in: own } }, select: { id: true, code: true } })) : [];
  return items.map((item, i) => {
    const named = item.provider ? providerByCode.get(item.provider)! : null;
    if (own && named !== null && !own.includes(named)) throw new AppError("auth.forbidden", `${pathOf(i, "provider")}：服务商令牌只能上报本服务商的告警（不能上报 ${item.provider}）`, undefined, 403);
    const providerId = named ?? (own ? (actor.providerId && own.includes(actor.providerId) ? actor.providerId : own[0]) : null);
    const providerCode = item.provider ?? ownCode.find((p) => p.id === providerId)?.code ?? null;
    const departmentId = item.department ? departmentByCode.get(item.department)! : null;
    // a time ahead of ours (a skewed or a lying reporter) is now: an occurrence "starting" next year would never escalate
    const notAhead = (d: Date) => (d > now ? now : d);
    const at = notAhead(item.at ? new Date(item.at) : now);
    return {
      fingerprint: dedupKey(item.fingerprint ?? defaultFingerprint(item), providerId),
      source: item.source, name: item.name, severity: item.severity, status: item.status, resource: item.resource ?? null, summary: item.summary ?? null,
      at, seenAt: notAhead(seenAt[i] ?? at), providerId, departmentId,
      attributes: alarmAttributes({ ...item, providerCode, departmentCode: item.department ?? null }),
    };
  });
}

/** POST /api/v1/alarms: one generic alarm or a list of up to 1000. */
export async function ingestAlarms(db: Db, actor: Actor, body: unknown, now = new Date()): Promise<IntakeResult> {
  requireIngest(actor);
  const { items, single } = parseAlarmBatch(body);
  const normalized = await normalize(db, actor, items, items.map((i) => (i.at ? new Date(i.at) : now)), now, (i, field) => (single ? field : `[${i}].${field}`));
  return recordAlarms(db, normalized, eventActorOf(actor), now);
}

/** POST /api/v1/alarms/alertmanager: an Alertmanager webhook call. */
export async function ingestAlertmanager(db: Db, actor: Actor, body: unknown, now = new Date()): Promise<IntakeResult> {
  requireIngest(actor);
  const { items, seenAt } = mapAlertmanagerPayload(body, now);
  const normalized = await normalize(db, actor, items, seenAt, now, (i, field) => `alerts[${i}].labels.${field}`);
  return recordAlarms(db, normalized, eventActorOf(actor), now);
}

// Deadlocks with another writer (the escalation tick, a handler) roll the whole call back: it is safe to run again.
const retryable = (e: unknown): boolean => {
  const text = `${(e as { code?: string })?.code ?? ""} ${(e as Error)?.message ?? ""} ${JSON.stringify((e as { meta?: unknown })?.meta ?? null)}`;
  return /P2034|40P01|40001|deadlock detected|could not serialize/.test(text);
};

type Applied = { index: number; alarmId: number | null; outcome: IntakeOutcome; suppressed: boolean; workOrderId: number | null; item: NormalizedAlarm };

/** Applies validated, normalized alarms; then opens rule work orders for new occurrences and resolves the work orders of cleared ones. */
export async function recordAlarms(db: Db, items: NormalizedAlarm[], reporter: AlarmEventActor, now = new Date()): Promise<IntakeResult> {
  const [policies, rules] = await Promise.all([policiesInForce(db, now), enabledAlarmRules(db)]);
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => (a.item.fingerprint < b.item.fingerprint ? -1 : a.item.fingerprint > b.item.fingerprint ? 1 : a.index - b.index));

  let applied: Applied[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      applied = await db.$transaction(async (tx) => {
        const out: Applied[] = [];
        for (const { item, index } of order) {
          if (item.status === "firing") {
            const policy = suppressingPolicy(policies, item.attributes);
            const [row] = await tx.$queryRaw<{ id: number; inserted: boolean; suppressedByPolicyId: number | null }[]>`
              INSERT INTO alarm (fingerprint, source, name, severity, resource, summary, attributes, provider_id, department_id, status, first_at, last_at, count, suppressed_by_policy_id, created_at)
              VALUES (${item.fingerprint}, ${item.source}, ${item.name}, ${item.severity}, ${item.resource}, ${item.summary}, ${JSON.stringify(item.attributes)}::jsonb,
                      ${item.providerId}, ${item.departmentId}, 'firing', ${item.at}, ${item.seenAt > item.at ? item.seenAt : item.at}, 1, ${policy?.id ?? null}, ${now})
              ON CONFLICT (fingerprint) WHERE status = 'firing' DO UPDATE SET
                count = alarm.count + 1, last_at = GREATEST(alarm.last_at, EXCLUDED.last_at), severity = EXCLUDED.severity,
                summary = COALESCE(EXCLUDED.summary, alarm.summary), attributes = EXCLUDED.attributes
              RETURNING id, (xmax = 0) AS inserted, suppressed_by_policy_id AS "suppressedByPolicyId"`;
            if (row.inserted) {
              await addAlarmEvent(tx, { alarmId: row.id, actor: reporter, action: "opened", comment: item.summary?.slice(0, 500), at: item.at });
              if (policy) await addAlarmEvent(tx, { alarmId: row.id, actor: SYSTEM_ALARM_ACTOR, action: "suppressed", comment: `过滤策略：${policy.name}`, at: now });
              out.push({ index, alarmId: row.id, outcome: "opened", suppressed: Boolean(policy), workOrderId: null, item });
              continue;
            }
            // a repeat may carry other attributes (tags): it is hidden or shown by what it says now
            const next = suppressingPolicy(policies, item.attributes, row.suppressedByPolicyId);
            if ((next?.id ?? null) !== row.suppressedByPolicyId) {
              await tx.alarm.update({ where: { id: row.id }, data: { suppressedByPolicyId: next?.id ?? null } });
              await addAlarmEvent(tx, { alarmId: row.id, actor: SYSTEM_ALARM_ACTOR, action: next ? "suppressed" : "unsuppressed", comment: next ? `过滤策略：${next.name}` : null, at: now });
            }
            out.push({ index, alarmId: row.id, outcome: "repeated", suppressed: Boolean(next), workOrderId: null, item });
          } else {
            const [row] = await tx.$queryRaw<{ id: number; workOrderId: number | null; suppressedByPolicyId: number | null }[]>`
              UPDATE alarm SET status = 'cleared', cleared_at = GREATEST(first_at, ${item.at}), cleared_by = 'source', last_at = GREATEST(last_at, ${item.seenAt})
              WHERE fingerprint = ${item.fingerprint} AND status = 'firing'
              RETURNING id, work_order_id AS "workOrderId", suppressed_by_policy_id AS "suppressedByPolicyId"`;
            if (row) await addAlarmEvent(tx, { alarmId: row.id, actor: reporter, action: "cleared", comment: `由 ${item.source} 恢复通知清除`, at: item.at });
            out.push({ index, alarmId: row?.id ?? null, outcome: row ? "cleared" : "ignored", suppressed: Boolean(row?.suppressedByPolicyId), workOrderId: row?.workOrderId ?? null, item });
          }
        }
        return out;
      }, { maxWait: 10_000, timeout: 120_000 });
      break;
    } catch (e) {
      if (attempt >= 3 || !retryable(e)) throw e;
    }
  }

  const workOrders: IntakeResult["workOrders"] = [];
  for (const a of applied) {
    if (a.outcome === "opened" && !a.suppressed) {
      const rule = matchingRule(rules, a.item.attributes);
      if (!rule) continue;
      if (!a.item.providerId) {
        await addAlarmEvent(db, { alarmId: a.alarmId!, actor: SYSTEM_ALARM_ACTOR, action: "work-order-failed", comment: `告警规则《${rule.name}》匹配，但告警没有所属服务商，未转工单`, at: now });
        continue;
      }
      try {
        const wo = await openWorkOrderFromAlarm(db, null, a.alarmId!, { kind: rule.workOrderKind, ruleName: rule.name }, now);
        workOrders.push({ alarmId: a.alarmId!, workOrderId: wo.workOrderId, number: wo.number });
      } catch (e) {
        await addAlarmEvent(db, { alarmId: a.alarmId!, actor: SYSTEM_ALARM_ACTOR, action: "work-order-failed", comment: `告警规则《${rule.name}》转工单失败：${e instanceof Error ? e.message : String(e)}`.slice(0, 500), at: now });
      }
    }
    if (a.outcome === "cleared" && a.workOrderId) await resolveWorkOrderOnClear(db, a.alarmId!, a.workOrderId, now);
  }

  const count = (o: IntakeOutcome) => applied.filter((a) => a.outcome === o).length;
  return {
    received: items.length, opened: count("opened"), repeated: count("repeated"), cleared: count("cleared"), ignored: count("ignored"),
    suppressed: applied.filter((a) => a.suppressed && a.outcome !== "cleared" && a.outcome !== "ignored").length,
    items: applied.sort((a, b) => a.index - b.index).map(({ index, alarmId, outcome, suppressed }) => ({ index, alarmId, outcome, suppressed })),
    workOrders,
  };
}
