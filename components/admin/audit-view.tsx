"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Col, DatePicker, Grid, Input, Row, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import dayjs from "dayjs";
import type { z } from "zod";
import type { AuditEventRow, auditQuerySchema } from "@/lib/audit/list-audit-events";
import { AUDIT_ACTION_PREFIXES, type AuditActionPrefix } from "@/lib/system/audit-actions";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";
import { useAdminNames } from "./permission-groups";

type Query = z.infer<typeof auditQuerySchema>;

const FAMILY_COLORS: Record<AuditActionPrefix, string> = {
  "auth.": "default", "user.": "blue", "role.": "purple", "org.": "geekblue", "project.": "lime", "price.": "gold", "billing.": "green", "dictionary.": "cyan", "announcement.": "magenta",
  "sla.": "orange", "request.": "volcano", "workorder.": "red", "alarm.": "red", "network.": "geekblue", "message.": "purple",
};
const familyOf = (action: string) => (Object.keys(AUDIT_ACTION_PREFIXES) as AuditActionPrefix[]).find((p) => action.startsWith(p));

function ActionTag({ action }: { action: string }) {
  const family = familyOf(action);
  return <Tag color={family ? FAMILY_COLORS[family] : "default"} className="mono" style={{ fontSize: 12 }}>{action}</Tag>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The top-level keys whose values differ between before and after: what the change was, at a glance. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useT();
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <pre className="raw-line" style={{ background: "#fafafa", border: "1px solid #f0f0f0", borderRadius: 6, padding: 8, margin: "4px 0 0", maxHeight: 360, overflow: "auto" }}>
        {value == null ? t("admin.audit.empty") : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function EventDetail({ row }: { row: AuditEventRow }) {
  const { t } = useT();
  const changed = changedKeys(row.before, row.after);
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }}>
      {changed.length > 0 && <div><Typography.Text type="secondary">{t("admin.audit.changedFields")}</Typography.Text>{changed.map((k) => <Tag key={k} className="mono">{k}</Tag>)}</div>}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}><JsonBlock title={t("admin.audit.before")} value={row.before} /></Col>
        <Col xs={24} md={12}><JsonBlock title={t("admin.audit.after")} value={row.after} /></Col>
      </Row>
    </Space>
  );
}

/** Audit events newest first, filtered in the URL; a row opens to show the change before and after side by side. */
export function AuditView({ rows, total, query, exportLimit }: { rows: AuditEventRow[]; total: number; query: Query; exportLimit: number }) {
  const { locale, t } = useT();
  const names = useAdminNames();
  const { update, pending } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const filtered = Boolean(query.q || query.action || query.from || query.to);

  const columns: ColumnsType<AuditEventRow> = [
    { title: t("admin.audit.col.at"), dataIndex: "at", key: "at", width: 170, render: shanghaiTime },
    { title: t("admin.audit.col.actor"), dataIndex: "actorName", key: "actorName", width: 180 },
    { title: t("admin.audit.col.action"), dataIndex: "action", key: "action", width: 200, render: (v: string) => <ActionTag action={v} /> },
    { title: t("admin.audit.col.entity"), key: "entity", responsive: ["lg"], width: 150, render: (_, r) => <span className="mono" style={{ fontSize: 12 }}>{r.entity}{r.entityId ? ` #${r.entityId}` : ""}</span> },
    { title: t("admin.audit.col.summary"), dataIndex: "summary", key: "summary" },
  ];
  const phoneColumns: ColumnsType<AuditEventRow> = [{
    title: t("admin.audit.col.event"), key: "event",
    render: (_, r) => (
      <div style={{ minWidth: 0 }}>
        <div style={{ wordBreak: "break-word" }}>{r.summary}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{shanghaiTime(r.at)} · {r.actorName}</Typography.Text>
        <div><ActionTag action={r.action} /></div>
      </div>
    ),
  }];

  const onChange: TableProps<AuditEventRow>["onChange"] = (pagination) => update({ page: pagination.current, pageSize: pagination.pageSize });
  const exportParams = new URLSearchParams(Object.entries({ q: query.q, action: query.action, from: query.from, to: query.to }).filter((e): e is [string, string] => !!e[1]));

  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", marginBottom: 12 }}>
        <Space wrap>
          <Input.Search placeholder={t("admin.audit.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
          <Select
            allowClear placeholder={t("admin.audit.allActions")} value={query.action} style={{ width: 150 }} onChange={(action?: string) => update({ action, page: null })}
            options={Object.entries(AUDIT_ACTION_PREFIXES).map(([value, label]) => ({ value, label: t("admin.common.nameCode", { name: names.named(`admin.audit.family.${value.slice(0, -1)}`, label), code: `${value}*` }) }))}
            popupMatchSelectWidth={false}
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]} placeholder={[t("admin.audit.from"), t("admin.audit.to")]} style={{ width: phone ? "100%" : 260 }} inputReadOnly={phone}
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD"), page: null })}
          />
        </Space>
        <Button icon={<DownloadOutlined />} href={`/api/admin/audit/export?${exportParams}`} disabled={!total}>{t("admin.common.exportExcel")}</Button>
      </div>
      {total > exportLimit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("admin.audit.exportLimit", { total, limit: exportLimit.toLocaleString(locale) })} />}
      <Table<AuditEventRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange}
        columns={phone ? phoneColumns : columns}
        expandable={{ expandedRowRender: (r) => <EventDetail row={r} />, rowExpandable: (r) => r.before != null || r.after != null }}
        locale={{ emptyText: filtered ? t("admin.audit.emptyFiltered") : t("admin.audit.emptyAll") }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => t("admin.common.total", { n }), size: "small" }}
        scroll={{ x: true }}
      />
    </>
  );
}
