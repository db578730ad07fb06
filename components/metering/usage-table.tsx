"use client";

import { Grid, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import Link from "next/link";
import type { UsageRow } from "@/lib/metering/usage-row";
import { shanghaiTime, shortDecimal } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";

/**
 * Usage records, paged on the server through the URL parameter `pageKey`. `showFile` adds the file path and
 * line number (drill-down from a bill line); inside a file the line number alone is enough.
 */
export function UsageTable({ rows, total, page, pageSize, pageKey, showFile }: { rows: UsageRow[]; total: number; page: number; pageSize: number; pageKey: string; showFile: boolean }) {
  const { update, pending } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const source = (r: UsageRow) => (
    <Link href={`/metering/files/${r.fileId}`} className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.filePath}:{r.lineNo}</Link>
  );
  // On a phone: where the record comes from and when, then what it weighs; the rest is one tap away in its file.
  const phoneColumns: ColumnsType<UsageRow> = [
    {
      title: showFile ? "文件 : 行 / 时间" : "行 / 时间", key: "source",
      render: (_, r) => <>{showFile ? source(r) : `第 ${r.lineNo} 行`}{r.recordType === 30 && <Tag color="orange" style={{ marginInlineStart: 4 }}>更正</Tag>}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{shanghaiTime(r.beginTime)}</Typography.Text></>,
    },
    { title: "数量 / 金额", key: "quantity", align: "right", render: (_, r) => <>{r.quantity === null ? "—" : shortDecimal(r.quantity)}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.amount === null ? (r.departmentCode ? "未定价" : "未归属") : shortDecimal(r.amount)}</Typography.Text></> },
  ];
  const columns: ColumnsType<UsageRow> = [
    showFile
      ? { title: "文件 : 行", key: "source", width: 300, render: (_, r) => source(r) }
      : { title: "行号", dataIndex: "lineNo", key: "lineNo", align: "right", width: 72 },
    { title: "类型", dataIndex: "recordType", key: "recordType", width: 72, render: (t: number) => (t === 30 ? <Tooltip title="更正话单：替代同键的原话单"><Tag color="orange">30 更正</Tag></Tooltip> : <Tag>20</Tag>) },
    { title: "资源", key: "resource", render: (_, r) => <><span className="mono" style={{ fontSize: 12 }}>{r.resourceId}</span><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.resourceSpecCode}</Typography.Text></> },
    { title: "开始（北京时间）", dataIndex: "beginTime", key: "beginTime", render: shanghaiTime },
    { title: "结束", dataIndex: "endTime", key: "endTime", responsive: ["md"], render: shanghaiTime },
    { title: "计量因子", key: "factor", render: (_, r) => <>{r.factorName} = <span className="mono">{r.factorValue}</span></> },
    { title: "数量", dataIndex: "quantity", key: "quantity", align: "right", render: (v: string | null) => (v === null ? "—" : shortDecimal(v)) },
    { title: "金额（未舍入）", dataIndex: "amount", key: "amount", align: "right", responsive: ["md"], render: (v: string | null) => (v === null ? "—" : shortDecimal(v)) },
    ...(showFile ? [] : [
      { title: "部门", dataIndex: "departmentCode", key: "departmentCode", render: (v: string | null) => v ?? <Tag color="warning">未归属</Tag> },
      { title: "计费项", dataIndex: "itemCode", key: "itemCode", responsive: ["lg"], render: (v: string | null) => v ?? <Tag color="warning">未定价</Tag> },
      { title: "月份", dataIndex: "month", key: "month", responsive: ["lg"] },
    ] as ColumnsType<UsageRow>),
  ];
  return (
    <Table<UsageRow>
      rowKey={(r) => `${r.fileId}:${r.lineNo}:${r.part}`}
      size="small"
      columns={phone ? phoneColumns : columns}
      dataSource={rows}
      loading={pending}
      pagination={{ current: page, pageSize, total, showSizeChanger: false, showTotal: (t) => `共 ${t} 条话单`, size: "small" }}
      onChange={(p) => update({ [pageKey]: p.current === 1 ? null : p.current })}
      scroll={phone ? undefined : { x: "max-content" }}
    />
  );
}
