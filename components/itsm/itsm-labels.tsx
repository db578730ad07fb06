"use client";

import { Tag, Typography } from "antd";
import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from "@ant-design/icons";
import type { MessageKey } from "@/lib/i18n/messages";
import type { SlaState } from "@/lib/itsm/sla-times";
import { useT } from "@/components/layout/locale";

/** A dictionary entry as the pages pass it: both languages. */
export type DictionaryLabel = { code: string; label: string; labelEn: string };

/** Display names of the service desk's codes in the user's language; an unknown code shows as it is. */
export function useItsmNames() {
  const { t, locale } = useT();
  const named = (prefix: string) => (code: string | null | undefined) => {
    if (!code) return "—";
    try {
      return t(`${prefix}.${code}` as MessageKey);
    } catch {
      return code; // a code without a message (translate finds no entry)
    }
  };
  return {
    t, locale,
    kind: named("itsm.kind"), severity: named("itsm.severity"), status: named("itsm.status"), requestStatus: named("itsm.requestStatus"),
    requestKind: named("itsm.requestKind"), step: named("itsm.step"), clock: named("itsm.clock"),
    dictionary: (list: readonly DictionaryLabel[], code: string | null | undefined) => {
      if (!code) return "—";
      const e = list.find((x) => x.code === code);
      return e ? (locale === "en" ? e.labelEn : e.label) : code;
    },
  };
}

const SEVERITY_COLORS: Record<string, string> = { p1: "red", p2: "volcano", p3: "gold", p4: "default" };
export function SeverityTag({ severity }: { severity: string }) {
  const n = useItsmNames();
  return <Tag color={SEVERITY_COLORS[severity] ?? "default"}>{n.severity(severity)}</Tag>;
}

const STATUS_COLORS: Record<string, string> = { new: "orange", assigned: "blue", "in-progress": "processing", pending: "purple", resolved: "cyan", closed: "success", cancelled: "default" };
export function WorkOrderStatusTag({ status }: { status: string }) {
  const n = useItsmNames();
  return <Tag color={STATUS_COLORS[status] ?? "default"}>{n.status(status)}</Tag>;
}

const REQUEST_COLORS: Record<string, string> = { submitted: "processing", returned: "warning", rejected: "error", approved: "success", cancelled: "default" };
export function RequestStatusTag({ status }: { status: string }) {
  const n = useItsmNames();
  return <Tag color={REQUEST_COLORS[status] ?? "default"}>{n.requestStatus(status)}</Tag>;
}

/** 2 小时 30 分钟 / 45 分钟 / 3 小时, from seconds of clock time. */
export function useDuration() {
  const { t } = useT();
  return (seconds: number) => {
    const minutes = Math.max(0, Math.round(seconds / 60));
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (!h) return t("itsm.sla.minutes", { n: m });
    return m ? t("itsm.sla.hoursMinutes", { h, m }) : t("itsm.sla.hours", { n: h });
  };
}

/** The running target's remaining (or overdue) clock time: orange past the early-warning share, red when overdue. */
export function SlaRemaining({ sla, compact = false }: { sla: SlaState; compact?: boolean }) {
  const { t } = useT();
  const duration = useDuration();
  if (sla.level === "done" || sla.remainingSeconds === null || !sla.target) return <Typography.Text type="secondary">—</Typography.Text>;
  const target = t(`itsm.sla.target.${sla.target}` as MessageKey);
  const prefix = compact ? "" : `${target} · `;
  if (sla.level === "paused") return <Typography.Text type="secondary"><PauseCircleOutlined /> {prefix}{t("itsm.sla.paused", { time: duration(Math.max(0, sla.remainingSeconds)) })}</Typography.Text>;
  if (sla.level === "overdue") {
    const by = -sla.remainingSeconds;
    return <Typography.Text type="danger" strong><WarningOutlined /> {prefix}{by >= 60 ? t("itsm.sla.overdueBy", { time: duration(by) }) : t("itsm.sla.overdue")}</Typography.Text>;
  }
  const text = `${prefix}${t("itsm.sla.remaining", { time: duration(sla.remainingSeconds) })}`;
  return sla.level === "warning"
    ? <Typography.Text type="warning" strong><ClockCircleOutlined /> {text}</Typography.Text>
    : <Typography.Text><ClockCircleOutlined /> {text}</Typography.Text>;
}
