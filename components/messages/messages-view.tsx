"use client";

import { CheckOutlined, MailOutlined } from "@ant-design/icons";
import { Alert, App, Button, Empty, Grid, Pagination, Segmented, Select, Switch, Table, Tabs, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/app/_server/action-result";
import { CHANNEL_CODES, type ChannelCode, type EventType } from "@/lib/messages/event-catalog";
import type { NotificationRow, notificationQuerySchema } from "@/lib/messages/notifications";
import type { PreferenceInput, PreferenceRow, Preferences } from "@/lib/messages/preferences";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";
import { NotificationItem, useEventName } from "./notification-item";

type Query = z.infer<typeof notificationQuerySchema>;
type Actions = {
  markRead: (id: string) => Promise<ActionResult<boolean>>;
  markAllRead: (type?: string) => Promise<ActionResult<number>>;
  setPreference: (input: PreferenceInput) => Promise<ActionResult<null>>;
};

/** The messages page: my notifications (filters and page in the URL) and my preferences per event type and channel. */
export function MessagesView({ tab, query, notifications, preferences, eventTypes, actions }: {
  tab: "inbox" | "preferences"; query: Query; notifications: { rows: NotificationRow[]; total: number; unread: number };
  preferences: Preferences; eventTypes: EventType[]; actions: Actions;
}) {
  const { t } = useT();
  const { update } = useQueryState();
  return (
    <Tabs
      activeKey={tab} onChange={(k) => update({ tab: k === "inbox" ? null : k, page: null })}
      items={[
        { key: "inbox", label: notifications.unread ? `${t("notify.tab.inbox")}（${notifications.unread}）` : t("notify.tab.inbox"), children: <Inbox query={query} data={notifications} eventTypes={eventTypes} actions={actions} /> },
        { key: "preferences", label: t("notify.tab.preferences"), children: <PreferencesTable preferences={preferences} setPreference={actions.setPreference} /> },
      ]}
    />
  );
}

function Inbox({ query, data, eventTypes, actions }: { query: Query; data: { rows: NotificationRow[]; total: number; unread: number }; eventTypes: EventType[]; actions: Actions }) {
  const { t } = useT();
  const eventName = useEventName();
  const { update, pending } = useQueryState();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;

  async function open(n: NotificationRow) {
    if (!n.readAt) {
      const r = await actions.markRead(n.id);
      if (!r.ok) message.error(r.message);
    }
    if (n.link) router.push(n.link);
    else router.refresh();
  }

  async function markAll() {
    const r = await actions.markAllRead(query.type);
    if (r.ok) message.success(t("notify.markedAllRead", { n: r.outcome }));
    else message.error(r.message);
    router.refresh();
  }

  const filtered = query.status === "unread" || Boolean(query.type);
  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", marginBottom: 12 }}>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Segmented
            value={query.status} onChange={(status) => update({ status: status === "all" ? null : status, page: null })}
            options={[{ value: "all", label: t("notify.filter.all") }, { value: "unread", label: data.unread ? `${t("notify.filter.unread")} ${data.unread}` : t("notify.filter.unread") }]}
          />
          <Select
            allowClear placeholder={t("notify.filter.allTypes")} value={query.type} style={{ width: phone ? 170 : 200 }} onChange={(type?: string) => update({ type, page: null })}
            options={eventTypes.map((type) => ({ value: type, label: eventName(type) }))}
          />
        </div>
        <Button icon={<CheckOutlined />} onClick={markAll} disabled={!data.unread}>{t("notify.markAllRead")}</Button>
      </div>
      <div style={{ border: "1px solid #f0f0f0", borderRadius: 8, background: "#fff", overflow: "hidden", opacity: pending ? 0.6 : 1 }}>
        {data.rows.length
          ? data.rows.map((n) => <NotificationItem key={n.id} n={n} onOpen={open} />)
          : <Empty style={{ padding: 32 }} image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? (query.status === "unread" && !query.type ? t("notify.emptyUnread") : t("notify.emptyFiltered")) : t("notify.empty")} />}
      </div>
      {data.total > 0 && (
        <div style={{ display: "flex", justifyContent: "flex-end", marginTop: 12 }}>
          <Pagination
            size="small" current={query.page} pageSize={query.pageSize} total={data.total} showSizeChanger pageSizeOptions={[10, 20, 50, 100]}
            showTotal={(n) => t("notify.total", { n })} onChange={(page, pageSize) => update({ page: pageSize !== query.pageSize ? 1 : page, pageSize })}
          />
        </div>
      )}
    </>
  );
}

function PreferencesTable({ preferences, setPreference }: { preferences: Preferences; setPreference: Actions["setPreference"] }) {
  const { t } = useT();
  const eventName = useEventName();
  const router = useRouter();
  const { message } = App.useApp();
  const [saving, setSaving] = useState<string | null>(null);
  // the switch shows the choice at once; the server's value takes over after the refresh
  const [chosen, setChosen] = useState<Record<string, boolean>>({});

  async function toggle(eventType: EventType, channel: ChannelCode, enabled: boolean) {
    const key = `${eventType}|${channel}`;
    setSaving(key);
    setChosen((c) => ({ ...c, [key]: enabled }));
    const r = await setPreference({ eventType, channel, enabled });
    setSaving(null);
    if (r.ok) message.success(t("notify.prefs.saved"));
    else {
      message.error(r.message);
      setChosen((c) => ({ ...c, [key]: !enabled }));
    }
    router.refresh();
  }

  const cell = (row: PreferenceRow, channel: ChannelCode) => {
    const c = row.channels[channel];
    if (!c.used) return <Tooltip title={t("notify.prefs.notUsed")}><Typography.Text type="secondary">—</Typography.Text></Tooltip>;
    return (
      <Switch
        size="small" checked={chosen[`${row.eventType}|${channel}`] ?? c.enabled} loading={saving === `${row.eventType}|${channel}`} aria-label={`${eventName(row.eventType)} ${t(`notify.channel.${channel}`)}`}
        onChange={(on) => toggle(row.eventType, channel, on)}
      />
    );
  };
  const columns: ColumnsType<PreferenceRow> = [
    { title: t("notify.prefs.event"), key: "event", render: (_, r) => eventName(r.eventType) },
    ...CHANNEL_CODES.map((channel) => ({ title: t(`notify.channel.${channel}`), key: channel, width: 96, align: "center" as const, render: (_: unknown, r: PreferenceRow) => cell(r, channel) })),
  ];
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t("notify.prefs.intro")}</Typography.Paragraph>
      {preferences.email
        ? <Alert type="info" showIcon icon={<MailOutlined />} title={t("notify.prefs.email", { email: preferences.email })} style={{ marginBottom: 12 }} />
        : <Alert type="warning" showIcon title={t("notify.prefs.noEmail")} style={{ marginBottom: 12 }} />}
      <Table<PreferenceRow> rowKey="eventType" size="middle" columns={columns} dataSource={preferences.rows} pagination={false} />
    </div>
  );
}
