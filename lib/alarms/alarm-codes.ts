import type { AlarmSeverity } from "../itsm/codes";

// Alarm names for server-side messages and exports; the portal's words are in lib/i18n/messages-alarms.ts.

export const ALARM_SEVERITY_NAMES: Record<AlarmSeverity, string> = { critical: "严重", major: "重要", minor: "次要", warning: "警告", info: "提示" };

export const ALARM_STATUSES = ["firing", "cleared"] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export const ALARM_STATUS_NAMES: Record<AlarmStatus, string> = { firing: "活动", cleared: "已清除" };

/** The most an unacknowledged alarm escalates. */
export const MAX_ESCALATION_LEVEL = 3;

/** Minutes before an unacknowledged alarm escalates (level n at n x minutes); null = never. */
export const DEFAULT_ESCALATION_MINUTES: Record<AlarmSeverity, number | null> = { critical: 5, major: 15, minor: 30, warning: 60, info: null };
