import type { Db } from "../db";
import { emitEvent } from "../events/emit-event";
import { ALARM_SEVERITIES } from "../itsm/codes";
import { addAlarmEvent, SYSTEM_ALARM_ACTOR } from "./alarm-events";
import { MAX_ESCALATION_LEVEL } from "./alarm-codes";
import { getEscalationSettings } from "./escalation-settings";
import { reevaluateSuppression } from "./filter-policies";

type Escalated = { id: number; level: number; name: string; severity: string; resource: string | null; source: string; providerId: number | null; departmentId: number | null; firstAt: Date };

/**
 * Escalates firing, unsuppressed alarms not acknowledged within their severity's minutes (run by the operations
 * tick): level n once n x minutes have passed since the occurrence began, up to level 3, each level once with one
 * alarm.unacked event. The level is raised by a conditional UPDATE, so concurrent ticks escalate each level
 * exactly once; a tick that comes late (a worker down) raises to the level reached and emits that level only.
 * Filter policies that started or ended since the last tick are applied first, so hidden alarms never escalate.
 */
export async function escalateUnackedAlarms(db: Db, now: Date): Promise<{ escalated: number }> {
  await reevaluateSuppression(db, now);
  const settings = await getEscalationSettings(db);
  let escalated = 0;
  for (const severity of ALARM_SEVERITIES) {
    const minutes = settings[severity];
    if (!minutes) continue;
    const periodSeconds = minutes * 60;
    escalated += await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Escalated[]>`
        WITH due AS (
          SELECT id, LEAST(${MAX_ESCALATION_LEVEL}::int, floor(extract(epoch FROM (${now}::timestamptz - first_at)) / ${periodSeconds}::int)::int) AS level
          FROM alarm
          WHERE status = 'firing' AND acked_at IS NULL AND suppressed_by_policy_id IS NULL AND severity = ${severity}
            AND first_at <= ${new Date(now.getTime() - periodSeconds * 1000)}::timestamptz
        )
        UPDATE alarm a SET escalation_level = due.level, escalated_at = ${now}::timestamptz
        FROM due
        WHERE a.id = due.id AND a.escalation_level < due.level AND a.status = 'firing' AND a.acked_at IS NULL AND a.suppressed_by_policy_id IS NULL
        RETURNING a.id, a.escalation_level AS level, a.name, a.severity, a.resource, a.source, a.provider_id AS "providerId", a.department_id AS "departmentId", a.first_at AS "firstAt"`;
      for (const a of rows) {
        const unackedMinutes = Math.floor((now.getTime() - a.firstAt.getTime()) / 60_000);
        await emitEvent(tx, "alarm.unacked", `alarm:${a.id}:${a.level}`, {
          alarmId: a.id, name: a.name, severity: a.severity, resource: a.resource, source: a.source, providerId: a.providerId, departmentId: a.departmentId,
          minutes: unackedMinutes, level: a.level,
        }, now);
        await addAlarmEvent(tx, { alarmId: a.id, actor: SYSTEM_ALARM_ACTOR, action: "escalated", comment: `${unackedMinutes} 分钟未确认，升级至 ${a.level} 级`, at: now });
      }
      return rows.length;
    });
  }
  return { escalated };
}
