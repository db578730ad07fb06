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

type Query = z.infer<typeof auditQuerySchema>;

const FAMILY_COLORS: Record<AuditActionPrefix, string> = {
  "auth.": "default", "user.": "blue", "role.": "purple", "org.": "geekblue", "project.": "lime", "price.": "gold", "billing.": "green", "dictionary.": "cyan", "announcement.": "magenta",
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
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <pre className="raw-line" style={{ background: "#fafafa", border: "1px solid #f0f0f0", borderRadius: 6, padding: 8, margin: "4px 0 0", maxHeight: 360, overflow: "auto" }}>
        {value == null ? "（无）" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function EventDetail({ row }: { row: AuditEventRow }) {
  const changed = changedKeys(row.before, row.after);
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }}>
      {changed.length > 0 && <div><Typography.Text type="secondary">变更的字段：</Typography.Text>{changed.map((k) => <Tag key={k} className="mono">{k}</Tag>)}</div>}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}><JsonBlock title="变更前" value={row.before} /></Col>
        <Col xs={24} md={12}><JsonBlock title="变更后" value={row.after} /></Col>
      </Row>
    </Space>
  );
}

/** Audit events newest first, filtered in the URL; a row opens to show the change before and after side by side. */
export function AuditView({ rows, total, query, exportLimit }: { rows: AuditEventRow[]; total: number; query: Query; exportLimit: number }) {
  const { update, pending } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const filtered = Boolean(query.q || query.action || query.from || query.to);

  const columns: ColumnsType<AuditEventRow> = [
    { title: "时间", dataIndex: "at", key: "at", width: 170, render: shanghaiTime },
    { title: "操作人", dataIndex: "actorName", key: "actorName", width: 180 },
    { title: "动作", dataIndex: "action", key: "action", width: 200, render: (v: string) => <ActionTag action={v} /> },
    { title: "对象", key: "entity", responsive: ["lg"], width: 150, render: (_, r) => <span className="mono" style={{ fontSize: 12 }}>{r.entity}{r.entityId ? ` #${r.entityId}` : ""}</span> },
    { title: "摘要", dataIndex: "summary", key: "summary" },
  ];
  const phoneColumns: ColumnsType<AuditEventRow> = [{
    title: "事件", key: "event",
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
          <Input.Search placeholder="操作人、摘要或对象编号" allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
          <Select
            allowClear placeholder="全部动作" value={query.action} style={{ width: 150 }} onChange={(action?: string) => update({ action, page: null })}
            options={Object.entries(AUDIT_ACTION_PREFIXES).map(([value, label]) => ({ value, label: `${label}（${value}*）` }))}
            popupMatchSelectWidth={false}
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]} placeholder={["开始日期", "结束日期"]} style={{ width: phone ? "100%" : 260 }} inputReadOnly={phone}
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD"), page: null })}
          />
        </Space>
        <Button icon={<DownloadOutlined />} href={`/api/admin/audit/export?${exportParams}`} disabled={!total}>导出 Excel</Button>
      </div>
      {total > exportLimit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`符合条件的事件有 ${total} 条，导出只包含最新的 ${exportLimit.toLocaleString("zh-CN")} 条；如需全部，请缩小日期范围分批导出。`} />}
      <Table<AuditEventRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange}
        columns={phone ? phoneColumns : columns}
        expandable={{ expandedRowRender: (r) => <EventDetail row={r} />, rowExpandable: (r) => r.before != null || r.after != null }}
        locale={{ emptyText: filtered ? "没有符合条件的事件，请调整搜索、动作或日期" : "还没有审计事件：登录、用户与角色变更、价格与账单操作都会记录在这里" }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (t) => `共 ${t} 条`, size: "small" }}
        scroll={{ x: true }}
      />
    </>
  );
}
