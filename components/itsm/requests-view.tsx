"use client";

import { AlertOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Grid, Input, Select, Space, Table, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { RequestRow, requestQuerySchema } from "@/lib/itsm/requests";
import { shanghaiTime, shortDecimal } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { RequestStatusTag, SeverityTag, useItsmNames } from "./itsm-labels";
import { RequestFormModal, type RequestFormActions, type RequestFormOptions } from "./request-form-modal";

type Query = z.infer<typeof requestQuerySchema>;
const STATUSES = ["submitted", "returned", "rejected", "approved", "cancelled"] as const;
const minute = (iso: string | null) => shanghaiTime(iso).slice(0, 16);

/** The requests the user may see (their department's, or the review queue), with search, filters and paging in the URL. */
export function RequestsView({ rows, total, query, canSubmit, formOptions, actions }: {
  rows: RequestRow[]; total: number; query: Query; canSubmit: boolean; formOptions: RequestFormOptions | null; actions: RequestFormActions;
}) {
  const n = useItsmNames();
  const { t } = n;
  const { update, pending } = useQueryState();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [creating, setCreating] = useState<"service" | "fault" | null>(null);
  const filtered = Boolean(query.q || query.status?.length || query.kind);

  const numberCell = (r: RequestRow) => <Link href={`/service/requests/${r.id}`} className="mono" style={{ whiteSpace: "nowrap" }}>{r.number}</Link>;
  const serviceText = (r: RequestRow) => (r.itemName ? `${r.itemName} × ${shortDecimal(r.quantity ?? "0")}` : n.requestKind(r.kind));
  const columns: ColumnsType<RequestRow> = [
    { title: t("itsm.col.number"), key: "number", width: 170, render: (_, r) => numberCell(r) },
    { title: t("itsm.col.title"), dataIndex: "title", key: "title", render: (v: string) => <span style={{ overflowWrap: "anywhere" }}>{v}</span> },
    { title: t("itsm.col.kind"), key: "kind", render: (_, r) => <span>{serviceText(r)}</span>, responsive: ["lg"] },
    { title: t("itsm.col.severity"), dataIndex: "severity", key: "severity", width: 100, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t("itsm.col.status"), dataIndex: "status", key: "status", width: 90, render: (s: string) => <RequestStatusTag status={s} /> },
    { title: t("itsm.col.department"), dataIndex: "departmentName", key: "department", responsive: ["xl"] },
    { title: t("itsm.col.provider"), dataIndex: "providerName", key: "provider", responsive: ["lg"] },
    { title: t("itsm.col.createdAt"), dataIndex: "createdAt", key: "createdAt", width: 150, sorter: true, sortOrder: query.sort === "createdAt" ? (query.order === "asc" ? "ascend" : "descend") : null, render: minute },
    { title: t("itsm.col.workOrder"), key: "workOrder", width: 170, render: (_, r) => (r.workOrderId ? <Link href={`/service/work-orders/${r.workOrderId}`} className="mono">{r.workOrderNumber}</Link> : "—"), responsive: ["md"] },
  ];
  const phoneColumns: ColumnsType<RequestRow> = [{
    title: t("itsm.requests.title"), key: "createdAt",
    render: (_, r) => (
      <div style={{ minWidth: 0 }}>
        <Space size={4} wrap>{numberCell(r)}<RequestStatusTag status={r.status} /><SeverityTag severity={r.severity} /></Space>
        <div style={{ overflowWrap: "anywhere" }}><Typography.Text strong>{r.title}</Typography.Text></div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{serviceText(r)} · {r.departmentName} · {minute(r.createdAt)}</Typography.Text>
      </div>
    ),
  }];

  const onChange: TableProps<RequestRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? String(s.columnKey) : null;
    const order = s?.order ? (s.order === "ascend" ? "asc" : "desc") : null;
    const sortChanged = (sort ?? "queue") !== (query.sort ?? "queue") || (order ?? "desc") !== (query.order ?? "desc");
    update({ page: sortChanged ? 1 : pagination.current, pageSize: pagination.pageSize, sort, order });
  };

  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", marginBottom: 12 }}>
        <Space wrap>
          <Input.Search placeholder={t("itsm.requests.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 220 }} />
          <Select
            mode="multiple" allowClear placeholder={t("itsm.requests.allStatuses")} value={query.status ?? []} style={{ minWidth: 150 }} maxTagCount="responsive"
            onChange={(status: string[]) => update({ status, page: null })} options={STATUSES.map((s) => ({ value: s, label: n.requestStatus(s) }))}
          />
          <Select
            allowClear placeholder={t("itsm.requests.allKinds")} value={query.kind} style={{ width: 130 }} onChange={(kind?: string) => update({ kind, page: null })}
            options={["service", "fault"].map((k) => ({ value: k, label: n.requestKind(k) }))}
          />
        </Space>
        {canSubmit && formOptions && (
          <Space wrap>
            <Button autoInsertSpace={false} type="primary" icon={<PlusOutlined />} onClick={() => setCreating("service")}>{t("itsm.btn.submitRequest")}</Button>
            <Button autoInsertSpace={false} danger icon={<AlertOutlined />} onClick={() => setCreating("fault")}>{t("itsm.btn.reportFault")}</Button>
          </Space>
        )}
      </div>
      <Table<RequestRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange} columns={phone ? phoneColumns : columns} scroll={phone ? undefined : { x: 900 }}
        locale={{ emptyText: filtered ? t("itsm.requests.emptyFiltered") : t("itsm.requests.empty") }}
        pagination={{ current: query.page ?? 1, pageSize: query.pageSize ?? 20, total, showSizeChanger: !phone, showTotal: (x) => t("itsm.total", { n: x }), size: "small" }}
      />
      {formOptions && creating && (
        <RequestFormModal
          key={creating} open kind={creating} options={formOptions} actions={actions} onClose={() => setCreating(null)}
          onSaved={(r) => { setCreating(null); message.success(t("itsm.requests.submitted", { number: r.number })); router.push(`/service/requests/${r.id}`); }}
        />
      )}
    </>
  );
}
