import type { Db } from "../db";
import { ALARM_SEVERITIES } from "../itsm/codes";
import { ensureNetworkThresholds } from "../network/thresholds";
import { DEFAULT_ESCALATION_MINUTES } from "./alarm-codes";

/**
 * The production defaults of alarms and network quality, where none are set (edits are kept): escalation minutes
 * (critical 5, major 15, minor 30, warning 60, info never) and the thresholds for every link (latency ≤ 50 ms,
 * loss ≤ 1 %, availability ≥ 99.9 %).
 */
export async function ensureAlarmDefaults(db: Db): Promise<{ escalation: number; thresholds: number }> {
  const { count: escalation } = await db.alarmEscalation.createMany({
    data: ALARM_SEVERITIES.map((severity) => ({ severity, minutes: DEFAULT_ESCALATION_MINUTES[severity] })), skipDuplicates: true,
  });
  const { created: thresholds } = await ensureNetworkThresholds(db);
  return { escalation, thresholds };
}
