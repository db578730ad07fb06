"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Button, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import Link from "next/link";
import type { CdrFileRow } from "@/lib/metering/list-cdr-files";
import { FileStatusTag, fileStatuses } from "@/components/ui/status-tag";
import { bytes, shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";

type Query = { page: number; pageSize: number; sort: string; order: "asc" | "desc"; status: string[]; folder: string[]; q: string };

/** CDR file versions, paged, sorted and filtered on the server through the URL. */
export function CdrFileTable({ rows, total, query, folders }: { rows: CdrFileRow[]; total: number; query: Query; folders: string[] }) {
  const { update, pending, params } = useQueryState();
  const { locale, t } = useT();
  const phone = Grid.useBreakpoint().md === false;
  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);
  const fileCell = (f: CdrFileRow) => (
    <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
      <Link href={`/metering/files/${f.id}`} className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{f.fileName}</Link>
      <Space size={4} wrap>
        <Tag>{f.folder || "/"}</Tag>
        {f.version > 1 && <Tag color="blue">v{f.version}</Tag>}
        {/* only a processed version can have been replaced; a new one is not current until it is processed */}
        {!f.current && f.status === "ok" && <Tag>{t("metering.files.superseded")}</Tag>}
        {phone && <FileStatusTag status={f.status} />}
      </Space>
    </Space>
  );
  // On a phone: the file (with its status) and its counts, wrapped to the width instead of scrolling sideways.
  const phoneColumns: ColumnsType<CdrFileRow> = [
    { title: t("metering.files.col.file"), key: "fileName", render: (_, f) => fileCell(f) },
    { title: t("metering.files.col.recordsErrors"), key: "records", align: "right", width: 92, render: (_, f) => <>{f.records}<br />{f.errors ? <Typography.Text type="danger">{f.errors}</Typography.Text> : 0}</> },
  ];
  const columns: ColumnsType<CdrFileRow> = [
    { title: t("metering.files.col.file"), key: "fileName", sorter: true, sortOrder: sortOrder("fileName"), width: 330, render: (_, f) => fileCell(f) },
    { title: t("metering.files.col.providerRegion"), key: "provider", responsive: ["lg"], render: (_, f) => <>{f.providerName ?? "—"}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.regionCode ?? t("metering.files.unrecognised")}</Typography.Text></> },
    { title: t("metering.col.size"), dataIndex: "size", key: "size", sorter: true, sortOrder: sortOrder("size"), align: "right", responsive: ["md"], render: (v: number) => bytes(v) },
    { title: "SHA-256", dataIndex: "sha256", key: "sha256", responsive: ["xl"], render: (v: string) => <Tooltip title={v}><span className="mono" style={{ fontSize: 12 }}>{v.slice(0, 12)}</span></Tooltip> },
    {
      title: t("metering.col.status"), dataIndex: "status", key: "status", sorter: true, sortOrder: sortOrder("status"),
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          <FileStatusTag status={f.status} />
          {f.status === "processing" && f.size > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{Math.floor((f.bytesRead / f.size) * 100)}%</Typography.Text>}
          {f.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: f.reason }}>{f.reason}</Typography.Text>}
        </Space>
      ),
    },
    { title: t("metering.col.records"), dataIndex: "records", key: "records", sorter: true, sortOrder: sortOrder("records"), align: "right" },
    { title: t("metering.files.col.errors"), dataIndex: "errors", key: "errors", sorter: true, sortOrder: sortOrder("errors"), align: "right", render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    { title: t("metering.col.received"), dataIndex: "receivedAt", key: "receivedAt", sorter: true, sortOrder: sortOrder("receivedAt"), render: (v: string) => shanghaiTime(v) },
    { title: t("metering.col.processed"), dataIndex: "processedAt", key: "processedAt", sorter: true, sortOrder: sortOrder("processedAt"), responsive: ["xxl"], render: (v: string | null) => shanghaiTime(v) },
  ];

  const onChange: TableProps<CdrFileRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sortChanged = (s?.columnKey ?? null) !== query.sort || (s?.order === "ascend" ? "asc" : "desc") !== query.order;
    update({
      page: sortChanged ? 1 : pagination.current,
      pageSize: pagination.pageSize,
      sort: s?.order ? String(s.columnKey) : null,
      order: s?.order ? (s.order === "ascend" ? "asc" : "desc") : null,
    });
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: "100%" }}>
        <Input.Search placeholder={t("metering.files.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: 260, maxWidth: "100%" }} />
        <Select
          mode="multiple" allowClear placeholder={t("metering.col.status")} value={query.status} style={{ minWidth: 160 }} maxTagCount="responsive"
          options={Object.entries(fileStatuses(locale)).map(([value, s]) => ({ value, label: s.label }))}
          onChange={(status: string[]) => update({ status, page: null })}
        />
        <Select
          mode="multiple" allowClear placeholder={t("metering.col.folder")} value={query.folder} style={{ minWidth: 160 }} maxTagCount="responsive"
          options={folders.map((f) => ({ value: f, label: f || "/" }))}
          onChange={(folder: string[]) => update({ folder, page: null })}
        />
        <Button icon={<DownloadOutlined />} href={`/api/export/files?${params.toString()}`}>{t("metering.files.export")}</Button>
      </Space>
      <Table<CdrFileRow>
        rowKey="id"
        size="middle"
        columns={phone ? phoneColumns : columns}
        dataSource={rows}
        loading={pending}
        onChange={onChange}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, showTotal: (n) => t("metering.files.total", { n }), size: "small" }}
        scroll={phone ? undefined : { x: "max-content" }}
      />
    </>
  );
}
