"use client";

import { BellOutlined } from "@ant-design/icons";
import { App, Badge, Button, Empty, Popover, Typography } from "antd";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { BellSummary, NotificationRow } from "@/lib/messages/notifications";
import { useT } from "@/components/layout/locale";
import { NotificationItem } from "./notification-item";

const REFRESH_MS = 30_000;

/**
 * The header bell: my unread count, and on click my latest notifications. It asks the server again every 30
 * seconds, on every navigation and when opened, so that what the dispatcher created shows without a reload.
 */
export function NotificationBell({ initial, markRead, markAllRead }: {
  initial: BellSummary; markRead: (id: string) => Promise<ActionResult<boolean>>; markAllRead: (type?: string) => Promise<ActionResult<number>>;
}) {
  const { t } = useT();
  const router = useRouter();
  const pathname = usePathname();
  const { message } = App.useApp();
  const [summary, setSummary] = useState(initial);
  const [open, setOpen] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/messages/unread", { cache: "no-store" });
      if (res.ok) setSummary(await res.json());
    } catch {
      // offline or signed out: keep what is shown; the next tick tries again
    }
  }, []);

  useEffect(() => { void refresh(); }, [pathname, refresh]);
  useEffect(() => {
    const timer = setInterval(() => { if (document.visibilityState === "visible") void refresh(); }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  async function openOne(n: NotificationRow) {
    setOpen(false);
    if (!n.readAt) {
      setSummary((s) => ({ unread: Math.max(0, s.unread - 1), latest: s.latest.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)) }));
      const r = await markRead(n.id);
      if (!r.ok) message.error(r.message);
    }
    if (n.link) router.push(n.link);
    void refresh();
  }

  async function readAll() {
    const r = await markAllRead();
    if (r.ok) message.success(t("notify.markedAllRead", { n: r.outcome }));
    else message.error(r.message);
    await refresh();
    router.refresh();
  }

  const content = (
    <div style={{ width: "min(360px, calc(100vw - 24px))" }}>
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", padding: "10px 12px", borderBottom: "1px solid #f0f0f0" }}>
        <Typography.Text strong>{t("notify.bell.title")}{summary.unread ? <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8, fontSize: 12 }}>{t("notify.unreadCount", { n: summary.unread })}</Typography.Text> : null}</Typography.Text>
        <Button type="link" size="small" disabled={!summary.unread} onClick={readAll} style={{ paddingInline: 0 }}>{t("notify.markAllRead")}</Button>
      </div>
      <div style={{ maxHeight: 400, overflowY: "auto" }}>
        {summary.latest.length
          ? summary.latest.map((n) => <NotificationItem key={n.id} n={n} compact onOpen={openOne} />)
          : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notify.bell.empty")} style={{ padding: "16px 0" }} />}
      </div>
      <div style={{ textAlign: "center", padding: "8px 12px" }}>
        <Link href="/messages" onClick={() => setOpen(false)}>{t("notify.bell.viewAll")}</Link>
      </div>
    </div>
  );

  return (
    <Popover
      // centred under the bell: this placement shifts into the screen on a phone, where the bell is not at its edge
      trigger="click" placement="bottom" arrow={false} open={open} content={content}
      onOpenChange={(o) => { setOpen(o); if (o) void refresh(); }}
      styles={{ container: { padding: 0 } }}
    >
      <Button type="text" aria-label={summary.unread ? t("notify.bell.labelUnread", { n: summary.unread }) : t("notify.bell.label")} style={{ paddingInline: 6 }}>
        <Badge count={summary.unread} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
