"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Grid, Input, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import type { AlarmRow } from "@/lib/alarms/alarm-rows";
import type { AlarmCounts, AlarmDetail, AlarmQuery } from "@/lib/alarms/list-alarms";
import type { MessageKey } from "@/lib/i18n/messages";
import { ALARM_SEVERITIES } from "@/lib/itsm/codes";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";
import { AlarmDrawer, type AlarmActions, type AlarmPowers } from "./alarm-drawer";
import { AlarmStateTag, SEVERITY_HEX, SeverityTag, useDuration } from "./alarm-labels";

type Provider = { id: number; code: string; name: string };

const minute = (iso: string) => shanghaiTime(iso).slice(0, 16);

/** The alarm console: live counts per severity, the tabs, filters in the URL, the table, and the detail drawer. */
export function AlarmsView({ rows, total, query, counts, sources, providers, detail, powers, actions, now }: {
  rows: AlarmRow[]; total: number; query: AlarmQuery; counts: AlarmCounts; sources: string[]; providers: Provider[];
  detail: AlarmDetail | null; powers: AlarmPowers; actions: AlarmActions; now: string;
}) {
  const { t } = useT();
  const { update, pending, params } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const duration = useDuration(now);
  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);
  const filtered = Boolean(query.q || query.severity.length || query.source.length || query.provider.length || query.acked);
  const exportParams = new URLSearchParams(params.toString());
  exportParams.delete("alarm");

  const nameCell = (a: AlarmRow) => (
    <div style={{ minWidth: 0 }}>
      <Space size={4} wrap>
        {phone && <SeverityTag severity={a.severity} />}
        <Typography.Link strong onClick={() => update({ alarm: a.id })}>{a.name}</Typography.Link>
        {phone && a.count > 1 && <Tooltip title={t("alarm.countTip", { n: a.count })}><Tag style={{ marginInlineEnd: 0 }}>×{a.count}</Tag></Tooltip>}
        {a.escalationLevel > 0 && a.status === "firing" && <Tag color="magenta" style={{ marginInlineEnd: 0 }}>{t("alarm.escalatedTag", { level: a.escalationLevel })}</Tag>}
        {a.suppressedByPolicyId && <Tooltip title={a.suppressedByPolicyName}><Tag style={{ marginInlineEnd: 0 }}>{t("alarm.suppressedTag")}</Tag></Tooltip>}
        {a.workOrderId && <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{t("alarm.workOrderTag")}</Tag>}
      </Space>
      <div><Typography.Text type="secondary" className="mono" style={{ fontSize: 12, overflowWrap: "anywhere" }}>{a.resource ?? "—"}</Typography.Text></div>
      {phone && (
        <div style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">{a.source} · {a.providerCode ?? "—"} · {minute(a.lastAt)}</Typography.Text>
        </div>
      )}
    </div>
  );

  const columns: ColumnsType<AlarmRow> = [
    { title: t("alarm.col.severity"), dataIndex: "severity", key: "severity", width: 80, render: (_, a) => <SeverityTag severity={a.severity} /> },
    { title: t("alarm.col.alarm"), key: "name", render: (_, a) => nameCell(a) },
    { title: t("alarm.col.source"), dataIndex: "source", key: "source", responsive: ["lg"] },
    // a provider's own users see one provider only
    ...(providers.length > 1 ? [{ title: t("alarm.col.provider"), key: "provider", responsive: ["lg" as const], render: (_: unknown, a: AlarmRow) => (a.providerName ? <Tooltip title={a.providerName}>{a.providerCode}</Tooltip> : "—") }] : []),
    { title: t("alarm.col.firstAt"), dataIndex: "firstAt", key: "firstAt", sorter: true, sortOrder: sortOrder("firstAt"), responsive: ["xl"], render: minute },
    { title: t("alarm.col.lastAt"), dataIndex: "lastAt", key: "lastAt", sorter: true, sortOrder: sortOrder("lastAt"), render: minute },
    { title: t("alarm.col.count"), dataIndex: "count", key: "count", sorter: true, sortOrder: sortOrder("count"), align: "right", responsive: ["xl"] },
    { title: t("alarm.col.duration"), key: "duration", responsive: ["xxl"], render: (_, a) => duration(a.firstAt, a.clearedAt) },
    { title: t("alarm.col.state"), key: "state", render: (_, a) => <AlarmStateTag alarm={a} /> },
  ];
  const phoneColumns: ColumnsType<AlarmRow> = [
    { title: t("alarm.col.alarm"), key: "lastAt", sorter: true, sortOrder: sortOrder("lastAt"), render: (_, a) => nameCell(a) },
    { title: t("alarm.col.state"), key: "state", width: 84, render: (_, a) => <AlarmStateTag alarm={a} /> },
  ];

  const onChange: TableProps<AlarmRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? String(s.columnKey) : null;
    const order = s?.order ? (s.order === "ascend" ? "asc" : "desc") : null;
    const sortChanged = (sort ?? "lastAt") !== query.sort || (order ?? "desc") !== query.order;
    update({ page: sortChanged ? 1 : pagination.current, pageSize: pagination.pageSize, sort, order });
  };

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: "flex", flexWrap: "wrap", gap: "8px 20px", alignItems: "center" }}>
          <Typography.Text type="secondary">{t("alarm.liveCounts")}</Typography.Text>
          {ALARM_SEVERITIES.map((s) => {
            const on = query.severity.length === 1 && query.severity[0] === s;
            return (
              <Button
                key={s} type="text" size="small" aria-pressed={on} onClick={() => update({ severity: on ? null : s, tab: null, page: null })}
                style={{ padding: "0 6px", height: "auto", background: on ? "rgba(0,0,0,0.06)" : undefined }}
              >
                <span style={{ display: "inline-block", width: 8, height: 8, borderRadius: 4, background: SEVERITY_HEX[s], marginRight: 6 }} />
                {t(`alarm.severity.${s}` as MessageKey)} <Typography.Text strong style={{ marginLeft: 4, fontSize: 16, color: counts.firing[s] && s !== "info" ? SEVERITY_HEX[s] : undefined }}>{counts.firing[s]}</Typography.Text>
              </Button>
            );
          })}
          <Typography.Text type="secondary">{t("alarm.unackedCount", { n: counts.unacked })}</Typography.Text>
          {counts.suppressed > 0 && <Typography.Text type="secondary">{t("alarm.suppressedCount", { n: counts.suppressed })}</Typography.Text>}
        </div>
      </Card>
      <Tabs
        activeKey={query.tab} onChange={(tab) => update({ tab: tab === "active" ? null : tab, page: null })}
        items={[{ key: "active", label: t("alarm.tab.active") }, { key: "cleared", label: t("alarm.tab.cleared") }, { key: "all", label: t("alarm.tab.all") }]}
        style={{ marginBottom: 4 }}
      />
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 12, alignItems: "center" }}>
        <Input.Search placeholder={t("alarm.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
        <Select
          mode="multiple" allowClear placeholder={t("alarm.col.severity")} value={query.severity} style={{ minWidth: 140, flex: phone ? "1 1 140px" : undefined }} maxTagCount="responsive"
          options={ALARM_SEVERITIES.map((s) => ({ value: s, label: t(`alarm.severity.${s}` as MessageKey) }))} onChange={(severity: string[]) => update({ severity, page: null })}
        />
        <Select
          mode="multiple" allowClear placeholder={t("alarm.col.source")} value={query.source} style={{ minWidth: 140, flex: phone ? "1 1 140px" : undefined }} maxTagCount="responsive"
          options={sources.map((s) => ({ value: s, label: s }))} onChange={(source: string[]) => update({ source, page: null })}
        />
        {providers.length > 1 && (
          <Select
            mode="multiple" allowClear placeholder={t("alarm.col.provider")} value={query.provider.map(String)} style={{ minWidth: 140, flex: phone ? "1 1 140px" : undefined }} maxTagCount="responsive"
            options={providers.map((p) => ({ value: String(p.id), label: p.code }))} onChange={(provider: string[]) => update({ provider, page: null })}
          />
        )}
        <Select
          allowClear placeholder={t("alarm.ackFilter")} value={query.acked} style={{ width: 120, flex: phone ? "1 1 120px" : undefined }}
          options={[{ value: "no", label: t("alarm.state.unacked") }, { value: "yes", label: t("alarm.state.acked") }]} onChange={(acked?: string) => update({ acked, page: null })}
        />
        <Space size={6}>
          <Switch size="small" checked={query.showSuppressed} onChange={(on) => update({ showSuppressed: on ? "true" : null, page: null })} aria-label={t("alarm.showSuppressed")} />
          <Typography.Text>{t("alarm.showSuppressed")}</Typography.Text>
        </Space>
        <Button icon={<DownloadOutlined />} href={`/api/export/alarms?${exportParams.toString()}`} style={{ marginLeft: phone ? undefined : "auto" }}>{t("common.exportExcel")}</Button>
      </div>
      <Table<AlarmRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange} columns={phone ? phoneColumns : columns}
        onRow={(a) => ({ style: { cursor: "pointer", opacity: a.suppressedByPolicyId ? 0.6 : undefined }, onClick: (e) => { if (!(e.target as HTMLElement).closest("a,button")) update({ alarm: a.id }); } })}
        locale={{ emptyText: filtered ? t("alarm.emptyFiltered") : query.tab === "active" ? t("alarm.emptyActive") : t("alarm.empty") }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t("alarm.total", { n }), size: "small" }}
        scroll={phone ? undefined : { x: "max-content" }}
      />
      {detail && <AlarmDrawer detail={detail} providers={providers} powers={powers} actions={actions} now={now} onClose={() => update({ alarm: null })} />}
    </>
  );
}
