"use client";

import { Tag } from "antd";
import type { AlarmRow } from "@/lib/alarms/alarm-rows";
import type { MessageKey } from "@/lib/i18n/messages";
import type { AlarmSeverity } from "@/lib/itsm/codes";
import { useT } from "@/components/layout/locale";

/** Severity colours, most urgent first: red, volcano, gold, blue, grey. */
export const SEVERITY_COLORS: Record<AlarmSeverity, string> = { critical: "red", major: "volcano", minor: "gold", warning: "blue", info: "default" };
export const SEVERITY_HEX: Record<AlarmSeverity, string> = { critical: "#cf1322", major: "#d4380d", minor: "#d48806", warning: "#1677ff", info: "#8c8c8c" };

export function SeverityTag({ severity }: { severity: AlarmSeverity }) {
  const { t } = useT();
  return <Tag color={SEVERITY_COLORS[severity] ?? "default"} style={{ marginInlineEnd: 0 }}>{t(`alarm.severity.${severity}` as MessageKey)}</Tag>;
}

/** Where an alarm stands: firing (acknowledged or not), cleared (confirmed or not). */
export function AlarmStateTag({ alarm }: { alarm: Pick<AlarmRow, "status" | "ackedAt" | "clearConfirmedAt"> }) {
  const { t } = useT();
  if (alarm.status === "cleared") return <Tag color={alarm.clearConfirmedAt ? "success" : "cyan"} style={{ marginInlineEnd: 0 }}>{t(alarm.clearConfirmedAt ? "alarm.state.confirmed" : "alarm.state.cleared")}</Tag>;
  return <Tag color={alarm.ackedAt ? "processing" : "error"} style={{ marginInlineEnd: 0 }}>{t(alarm.ackedAt ? "alarm.state.acked" : "alarm.state.unacked")}</Tag>;
}

/** How long between two instants (until the page's `now` while still open), in minutes, hours or days as fits. */
export function useDuration(nowIso: string) {
  const { t } = useT();
  return (fromIso: string, toIso: string | null) => {
    const minutes = Math.max(0, Math.floor((Date.parse(toIso ?? nowIso) - Date.parse(fromIso)) / 60_000));
    if (minutes < 60) return t("alarm.duration.minutes", { n: minutes });
    if (minutes < 48 * 60) return t("alarm.duration.hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
    return t("alarm.duration.days", { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
  };
}
