import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { ALARM_SEVERITIES, type AlarmSeverity } from "../itsm/codes";
import { ALARM_SEVERITY_NAMES, DEFAULT_ESCALATION_MINUTES } from "./alarm-codes";

/** Minutes per severity before an unacknowledged alarm escalates; null = never. */
export type EscalationSettings = Record<AlarmSeverity, number | null>;

const minutes = z.number({ message: "请填写分钟数，或留空表示不升级" }).int("分钟数应为整数").min(1, "至少 1 分钟").max(10_080, "最多 10080 分钟（7 天）").nullable();
export const escalationSettingsSchema = z.object(Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, minutes])) as Record<AlarmSeverity, typeof minutes>);

/** The stored minutes, the defaults for severities never saved. */
export async function getEscalationSettings(db: Pick<Db, "alarmEscalation">): Promise<EscalationSettings> {
  const rows = await db.alarmEscalation.findMany();
  const stored = new Map(rows.map((r) => [r.severity, r.minutes]));
  return Object.fromEntries(ALARM_SEVERITIES.map((s) => [s, stored.has(s) ? stored.get(s)! : DEFAULT_ESCALATION_MINUTES[s]])) as EscalationSettings;
}

const describe = (s: EscalationSettings) => ALARM_SEVERITIES.map((k) => `${ALARM_SEVERITY_NAMES[k]} ${s[k] ?? "不升级"}`).join("，");

export async function saveEscalationSettings(db: Db, actor: Actor, input: EscalationSettings, now = new Date()): Promise<EscalationSettings> {
  if (!can(actor, "alarm.policy")) throw new AppError("auth.forbidden", "您没有修改告警升级设置的权限", undefined, 403);
  const next = escalationSettingsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await getEscalationSettings(tx);
    for (const severity of ALARM_SEVERITIES) {
      await tx.alarmEscalation.upsert({ where: { severity }, create: { severity, minutes: next[severity], updatedAt: now }, update: { minutes: next[severity], updatedAt: now } });
    }
    await recordAudit(tx, { actor: auditActorOf(actor), action: "alarm.escalation-update", entity: "alarm-escalation", summary: `修改告警升级时限（分钟）：${describe(next)}`, before, after: next });
    return next;
  });
}
