"use client";

import { Tag, Timeline, Typography } from "antd";
import type { MessageKey } from "@/lib/i18n/messages";
import type { TimelineEntry } from "@/lib/itsm/timeline";
import { shanghaiTime } from "@/components/ui/format";
import { useItsmNames, type DictionaryLabel } from "./itsm-labels";

const COLORS: Record<string, string> = {
  submit: "blue", resubmit: "blue", approve: "green", return: "orange", reject: "red", cancel: "gray", create: "blue", assign: "blue", transfer: "orange",
  delegate: "blue", accept: "green", note: "gray", "pause-request": "purple", "pause-approve": "purple", "pause-reject": "orange", pause: "purple", resume: "green",
  resolve: "green", confirm: "green", reopen: "orange", severity: "orange", review: "blue", warning: "orange", breach: "red", attach: "gray",
  "alarm-cleared": "green", "alarm-clear-confirmed": "green",
};

/** Every step of a request and its work order: who, when (Shanghai time), what, the status change and the comment. */
export function TicketTimeline({ entries, delayReasons = [] }: { entries: TimelineEntry[]; delayReasons?: DictionaryLabel[] }) {
  const n = useItsmNames();
  const { t } = n;
  const detail = (e: TimelineEntry) => {
    const d = e.data ?? {};
    if ((e.action === "warning" || e.action === "breach") && typeof d.target === "string" && typeof d.dueAt === "string") {
      return t("itsm.step.slaMark", { target: t(`itsm.step.target.${d.target}` as MessageKey), due: shanghaiTime(d.dueAt).slice(0, 16) });
    }
    if ((e.action === "assign" || e.action === "transfer") && typeof d.providerName === "string") return t("itsm.step.toProvider", { name: d.providerName });
    if (e.action === "delegate" && typeof d.assigneeName === "string") return t("itsm.step.toAssignee", { name: d.assigneeName });
    if (e.action === "severity" && typeof d.from === "string" && typeof d.to === "string") return t("itsm.step.severityChange", { from: n.severity(d.from), to: n.severity(d.to) });
    if (e.action === "resolve" && typeof d.delayReason === "string") return t("itsm.step.delay", { reason: n.dictionary(delayReasons, d.delayReason), note: String(d.delayNote ?? "") });
    return null;
  };
  return (
    <Timeline
      items={entries.map((e) => {
        const extra = detail(e);
        return {
          key: e.id,
          color: COLORS[e.action] ?? "gray",
          content: (
            <div style={{ minWidth: 0 }}>
              <div style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "baseline" }}>
                <Typography.Text strong>{n.step(e.action)}</Typography.Text>
                {e.toStatus && <Tag style={{ marginInlineEnd: 0 }}>{e.scope === "request" ? n.requestStatus(e.toStatus) : n.status(e.toStatus)}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorName === "系统" ? t("itsm.step.system") : e.actorName} · {shanghaiTime(e.at)}</Typography.Text>
              </div>
              {extra && <div><Typography.Text type="secondary">{extra}</Typography.Text></div>}
              {e.comment && <Typography.Paragraph style={{ margin: "2px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{e.comment}</Typography.Paragraph>}
            </div>
          ),
        };
      })}
    />
  );
}
