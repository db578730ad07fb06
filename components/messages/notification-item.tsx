"use client";

import { Badge, Tag, Typography } from "antd";
import type { NotificationRow } from "@/lib/messages/notifications";
import { shanghaiMinute } from "@/lib/messages/render-template";
import { isEventType } from "@/lib/messages/event-catalog";
import { useT } from "@/components/layout/locale";

/** The name of an event type in the reader's language (an unknown type reads as its code). */
export function useEventName() {
  const { t } = useT();
  return (type: string) => (isEventType(type) ? t(`notify.event.${type}`) : type);
}

/**
 * One notification as a row that opens it: an unread dot, the title (bold while unread), the time, and in the
 * full list the body and the event type.
 */
export function NotificationItem({ n, compact, onOpen }: { n: NotificationRow; compact?: boolean; onOpen: (n: NotificationRow) => void }) {
  const eventName = useEventName();
  const unread = !n.readAt;
  const time = shanghaiMinute(n.createdAt);
  return (
    <div
      role="button" tabIndex={0} onClick={() => onOpen(n)} onKeyDown={(e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onOpen(n); } }}
      className="notification-item"
      style={{ display: "flex", gap: 10, padding: compact ? "10px 12px" : "12px 16px", cursor: "pointer", borderBottom: "1px solid #f0f0f0", background: unread ? "#f6faff" : undefined, minWidth: 0 }}
    >
      <div style={{ width: 8, paddingTop: 6, flex: "none" }}>{unread && <Badge status="processing" />}</div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: "flex", flexWrap: "wrap", columnGap: 12, alignItems: "baseline", justifyContent: "space-between", minWidth: 0 }}>
          <Typography.Text strong={unread} style={{ flex: "1 1 240px", minWidth: 0, wordBreak: "break-word" }}>{n.title}</Typography.Text>
          {!compact && <Typography.Text type="secondary" style={{ fontSize: 12, flex: "none", whiteSpace: "nowrap" }}>{time}</Typography.Text>}
        </div>
        {compact ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{time.slice(5)}</Typography.Text>
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: "4px 0", whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{n.body}</Typography.Paragraph>
            <Tag style={{ marginInlineEnd: 0 }}>{eventName(n.eventType)}</Tag>
          </>
        )}
      </div>
    </div>
  );
}
