"use client";

import { Grid, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import Link from "next/link";
import type { UsageRow } from "@/lib/metering/usage-row";
import { shanghaiTime, shortDecimal } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";

/**
 * Usage records, paged on the server through the URL parameter `pageKey`. `showFile` adds the file path and
 * line number (drill-down from a bill line); inside a file the line number alone is enough.
 */
export function UsageTable({ rows, total, page, pageSize, pageKey, showFile, linkFiles = true }: {
  rows: UsageRow[]; total: number; page: number; pageSize: number; pageKey: string; showFile: boolean;
  /** false for users who may not open files (tenant users): the path is shown, not linked */
  linkFiles?: boolean;
}) {
  const { update, pending } = useQueryState();
  const { t } = useT();
  const phone = Grid.useBreakpoint().md === false;
  const source = (r: UsageRow) => linkFiles
    ? <Link href={`/metering/files/${r.fileId}`} className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.filePath}:{r.lineNo}</Link>
    : <span className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{r.filePath}:{r.lineNo}</span>;
  // On a phone: where the record comes from and when, then what it weighs; the rest is one tap away in its file.
  const phoneColumns: ColumnsType<UsageRow> = [
    {
      title: showFile ? t("metering.usage.col.fileLineTime") : t("metering.usage.col.lineTime"), key: "source",
      render: (_, r) => <>{showFile ? source(r) : t("metering.usage.line", { n: r.lineNo })}{r.recordType === 30 && <Tag color="orange" style={{ marginInlineStart: 4 }}>{t("metering.usage.correction")}</Tag>}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{shanghaiTime(r.beginTime)}</Typography.Text></>,
    },
    { title: t("metering.usage.col.quantityAmount"), key: "quantity", align: "right", render: (_, r) => <>{r.quantity === null ? "—" : shortDecimal(r.quantity)}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.amount === null ? (r.departmentCode ? t("metering.unrated") : t("metering.unassigned")) : shortDecimal(r.amount)}</Typography.Text></> },
  ];
  const columns: ColumnsType<UsageRow> = [
    showFile
      ? { title: t("metering.usage.col.fileLine"), key: "source", width: 300, render: (_, r) => source(r) }
      : { title: t("metering.col.lineNo"), dataIndex: "lineNo", key: "lineNo", align: "right", width: 72 },
    { title: t("metering.usage.col.type"), dataIndex: "recordType", key: "recordType", width: 72, render: (type: number) => (type === 30 ? <Tooltip title={t("metering.usage.correctionTip")}><Tag color="orange">30 {t("metering.usage.correction")}</Tag></Tooltip> : <Tag>20</Tag>) },
    { title: t("metering.usage.col.resource"), key: "resource", render: (_, r) => <><span className="mono" style={{ fontSize: 12 }}>{r.resourceId}</span><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.resourceSpecCode}</Typography.Text></> },
    { title: t("metering.usage.col.begin"), dataIndex: "beginTime", key: "beginTime", render: shanghaiTime },
    { title: t("metering.usage.col.end"), dataIndex: "endTime", key: "endTime", responsive: ["md"], render: shanghaiTime },
    { title: t("metering.col.factor"), key: "factor", render: (_, r) => <>{r.factorName} = <span className="mono">{r.factorValue}</span></> },
    { title: t("metering.usage.col.quantity"), dataIndex: "quantity", key: "quantity", align: "right", render: (v: string | null) => (v === null ? "—" : shortDecimal(v)) },
    { title: t("metering.usage.col.amount"), dataIndex: "amount", key: "amount", align: "right", responsive: ["md"], render: (v: string | null) => (v === null ? "—" : shortDecimal(v)) },
    ...(showFile ? [] : [
      { title: t("metering.usage.col.department"), dataIndex: "departmentCode", key: "departmentCode", render: (v: string | null) => v ?? <Tag color="warning">{t("metering.unassigned")}</Tag> },
      { title: t("metering.usage.col.item"), dataIndex: "itemCode", key: "itemCode", responsive: ["lg"], render: (v: string | null) => v ?? <Tag color="warning">{t("metering.unrated")}</Tag> },
      { title: t("metering.col.month"), dataIndex: "month", key: "month", responsive: ["lg"] },
    ] as ColumnsType<UsageRow>),
  ];
  return (
    <Table<UsageRow>
      rowKey={(r) => `${r.fileId}:${r.lineNo}:${r.part}`}
      size="small"
      columns={phone ? phoneColumns : columns}
      dataSource={rows}
      loading={pending}
      pagination={{ current: page, pageSize, total, showSizeChanger: false, showTotal: (n) => t("metering.usage.total", { n }), size: "small" }}
      onChange={(p) => update({ [pageKey]: p.current === 1 ? null : p.current })}
      scroll={phone ? undefined : { x: "max-content" }}
    />
  );
}
