"use client";

import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, DatePicker, Grid, Input, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import dayjs from "dayjs";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { CreateWorkOrderInput, ParsedWorkOrderQuery, ProviderSummaryRow, WorkOrderRow, WorkOrderTab } from "@/lib/itsm/work-orders";
import type { TemplateRow } from "@/lib/sla/templates";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { SeverityTag, SlaRemaining, useItsmNames, WorkOrderStatusTag, type DictionaryLabel } from "./itsm-labels";
import { WorkOrderFormModal } from "./work-order-form-modal";

const KINDS = ["fault", "change", "provisioning", "inspection", "consultation"] as const;
const SEVERITIES = ["p1", "p2", "p3", "p4"] as const;
const STATUSES = ["new", "assigned", "in-progress", "pending", "resolved", "closed", "cancelled"] as const;
const minute = (iso: string | null) => shanghaiTime(iso).slice(0, 16);

export type WorkOrderListOptions = {
  providers: { id: number; name: string }[]; departments: { id: number; name: string }[]; delayReasons: DictionaryLabel[];
  templates: TemplateRow[]; canCreate: boolean; canManage: boolean; showProvider: boolean;
};

/**
 * The work orders: tabs (my to-dos, open, overdue, all, and a by-provider summary), filters, sort and page in the
 * URL; the running SLA target's remaining time on every row (orange past the warning share, red when overdue).
 */
export function WorkOrdersView({ rows, total, query, tab, summary, options, create }: {
  rows: WorkOrderRow[]; total: number; query: ParsedWorkOrderQuery; tab: WorkOrderTab | "provider"; summary: ProviderSummaryRow[]; options: WorkOrderListOptions;
  create: (input: CreateWorkOrderInput) => Promise<ActionResult<{ id: number; number: string }>>;
}) {
  const n = useItsmNames();
  const { t } = n;
  const { update, pending, params } = useQueryState();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(query.kind?.length || query.severity?.length || query.status?.length || query.provider || query.month || query.breached || query.delayReason || query.review || query.q);
  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);

  const numberCell = (r: WorkOrderRow) => <Link href={`/service/work-orders/${r.id}`} className="mono" style={{ whiteSpace: "nowrap" }}>{r.number}</Link>;
  const flags = (r: WorkOrderRow) => (
    <>
      {r.pauseRequested && <Tag color="purple">{t("itsm.orders.pauseRequested")}</Tag>}
      {(r.responseBreached || r.resolutionBreached) && <Tag color="red">{t("itsm.sla.breached")}</Tag>}
      {r.reviewRequired && !r.reviewed && ["resolved", "closed"].includes(r.status) && <Tag color="orange">{t("itsm.orders.reviewRequired")}</Tag>}
    </>
  );
  const columns: ColumnsType<WorkOrderRow> = [
    { title: t("itsm.col.number"), key: "number", width: 170, sorter: true, sortOrder: sortOrder("number"), render: (_, r) => numberCell(r) },
    { title: t("itsm.col.title"), key: "title", render: (_, r) => <div style={{ minWidth: 160, overflowWrap: "anywhere" }}>{r.title}<div>{flags(r)}</div></div> },
    { title: t("itsm.col.kind"), dataIndex: "kind", key: "kind", width: 70, render: (k: string) => n.kind(k) },
    { title: t("itsm.col.severity"), dataIndex: "severity", key: "severity", width: 100, sorter: true, sortOrder: sortOrder("severity"), render: (s: string) => <SeverityTag severity={s} /> },
    { title: t("itsm.col.status"), dataIndex: "status", key: "status", width: 90, render: (s: string) => <WorkOrderStatusTag status={s} /> },
    ...(options.showProvider ? [{ title: t("itsm.col.provider"), dataIndex: "providerName", key: "provider", width: 130 }] : []),
    { title: t("itsm.col.department"), dataIndex: "departmentName", key: "department", width: 150, responsive: ["xxl"], render: (v: string | null) => v ?? "—" },
    { title: t("itsm.col.assignee"), dataIndex: "assigneeName", key: "assignee", width: 90, responsive: ["xl"], render: (v: string | null) => v ?? "—" },
    { title: t("itsm.col.openedAt"), dataIndex: "openedAt", key: "openedAt", width: 150, sorter: true, sortOrder: sortOrder("openedAt"), render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{minute(v)}</span> },
    { title: t("itsm.col.sla"), key: "resolutionDueAt", width: 210, sorter: true, sortOrder: sortOrder("resolutionDueAt"), render: (_, r) => <SlaRemaining sla={r.sla} /> },
  ];
  const phoneColumns: ColumnsType<WorkOrderRow> = [{
    title: t("itsm.orders.title"), key: "openedAt",
    render: (_, r) => (
      <div style={{ minWidth: 0 }}>
        <Space size={4} wrap>{numberCell(r)}<WorkOrderStatusTag status={r.status} /><SeverityTag severity={r.severity} /></Space>
        <div style={{ overflowWrap: "anywhere" }}><Typography.Text strong>{r.title}</Typography.Text> {flags(r)}</div>
        {r.sla.level !== "done" && <div><SlaRemaining sla={r.sla} /></div>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.kind(r.kind)} · {r.providerName} · {minute(r.openedAt)}</Typography.Text>
      </div>
    ),
  }];

  const onChange: TableProps<WorkOrderRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? String(s.columnKey) : null;
    const order = s?.order ? (s.order === "ascend" ? "asc" : "desc") : null;
    const sortChanged = sort !== (query.sort ?? null) || order !== (query.order ?? null);
    update({ page: sortChanged ? 1 : pagination.current, pageSize: pagination.pageSize, sort, order });
  };

  const exportHref = () => {
    const p = new URLSearchParams(params.toString());
    p.delete("page"); p.delete("pageSize");
    if (tab !== "provider") p.set("tab", tab);
    return `/api/export/work-orders?${p.toString()}`;
  };
  const clear = { kind: null, severity: null, status: null, provider: null, month: null, breached: null, delayReason: null, review: null, q: null, page: null };

  const filters = (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
      <Input.Search key={query.q ?? ""} placeholder={t("itsm.orders.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 220 }} />
      <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t("itsm.orders.allKinds")} value={query.kind ?? []} style={{ minWidth: 120 }} onChange={(kind: string[]) => update({ kind, page: null })} options={KINDS.map((k) => ({ value: k, label: n.kind(k) }))} />
      <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t("itsm.orders.allSeverities")} value={query.severity ?? []} style={{ minWidth: 120 }} onChange={(severity: string[]) => update({ severity, page: null })} options={SEVERITIES.map((s) => ({ value: s, label: n.severity(s) }))} />
      <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t("itsm.orders.allStatuses")} value={query.status ?? []} style={{ minWidth: 130 }} onChange={(status: string[]) => update({ status, page: null })} options={STATUSES.map((s) => ({ value: s, label: n.status(s) }))} />
      {options.showProvider && (
        <Select allowClear placeholder={t("itsm.orders.allProviders")} value={query.provider} style={{ width: 150 }} onChange={(provider?: number) => update({ provider, page: null })} options={options.providers.map((p) => ({ value: p.id, label: p.name }))} />
      )}
      <DatePicker picker="month" placeholder={t("itsm.orders.month")} value={query.month ? dayjs(`${query.month}-01`) : null} onChange={(d) => update({ month: d ? d.format("YYYY-MM") : null, page: null })} inputReadOnly style={{ width: 130 }} />
      <Select allowClear placeholder={t("itsm.orders.allDelayReasons")} value={query.delayReason} style={{ width: 150 }} onChange={(delayReason?: string) => update({ delayReason, page: null })} options={options.delayReasons.map((d) => ({ value: d.code, label: n.dictionary(options.delayReasons, d.code) }))} />
      <Checkbox checked={Boolean(query.breached)} onChange={(e) => update({ breached: e.target.checked ? "1" : null, page: null })} style={{ alignSelf: "center" }}>{t("itsm.orders.breachedOnly")}</Checkbox>
      {options.canManage && <Checkbox checked={Boolean(query.review)} onChange={(e) => update({ review: e.target.checked ? "pending" : null, page: null })} style={{ alignSelf: "center" }}>{t("itsm.orders.reviewPending")}</Checkbox>}
      {filtered && <Button autoInsertSpace={false} type="link" onClick={() => update(clear)}>{t("itsm.orders.clear")}</Button>}
    </div>
  );

  const summaryColumns: ColumnsType<ProviderSummaryRow> = [
    { title: t("itsm.col.provider"), dataIndex: "providerName", key: "provider", render: (v: string, s) => <Link href={`/service/work-orders?tab=open&provider=${s.providerId}`}>{v}</Link> },
    { title: t("itsm.col.open"), dataIndex: "open", key: "open", align: "right", render: (v: number, s) => <Link href={`/service/work-orders?tab=open&provider=${s.providerId}`}>{v}</Link> },
    { title: t("itsm.col.overdue"), dataIndex: "overdue", key: "overdue", align: "right", render: (v: number, s) => (v ? <Link href={`/service/work-orders?tab=overdue&provider=${s.providerId}`}><Typography.Text type="danger" strong>{v}</Typography.Text></Link> : 0) },
    { title: t("itsm.col.pending"), dataIndex: "pending", key: "pending", align: "right" },
  ];

  const table = (
    <>
      {filters}
      <Table<WorkOrderRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange} columns={phone ? phoneColumns : columns} scroll={phone ? undefined : { x: 1100 }}
        locale={{ emptyText: filtered ? t("itsm.orders.emptyFiltered") : tab === "todo" ? t("itsm.orders.emptyTodo") : t("itsm.orders.empty") }}
        pagination={{ current: query.page ?? 1, pageSize: query.pageSize ?? 20, total, showSizeChanger: !phone, showTotal: (x) => t("itsm.total", { n: x }), size: "small" }}
      />
    </>
  );
  const tabs: { key: WorkOrderTab | "provider"; label: string }[] = [
    { key: "todo", label: t("itsm.orders.tab.todo") }, { key: "open", label: t("itsm.orders.tab.open") }, { key: "overdue", label: t("itsm.orders.tab.overdue") },
    { key: "all", label: t("itsm.orders.tab.all") }, ...(options.showProvider ? [{ key: "provider" as const, label: t("itsm.orders.byProvider") }] : []),
  ];

  return (
    <>
      {phone && (
        <Space wrap style={{ marginBottom: 4 }}>
          {tab !== "provider" && <Button autoInsertSpace={false} icon={<DownloadOutlined />} href={exportHref()}>{t("itsm.btn.export")}</Button>}
          {options.canCreate && <Button autoInsertSpace={false} type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t("itsm.btn.createOrder")}</Button>}
        </Space>
      )}
      <Tabs
        activeKey={tab} onChange={(key) => update({ tab: key, page: null })}
        tabBarExtraContent={phone ? undefined : (
          <Space>
            {tab !== "provider" && <Button autoInsertSpace={false} icon={<DownloadOutlined />} href={exportHref()}>{t("itsm.btn.export")}</Button>}
            {options.canCreate && <Button autoInsertSpace={false} type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t("itsm.btn.createOrder")}</Button>}
          </Space>
        )}
        items={tabs.map((x) => ({
          key: x.key, label: x.label,
          children: x.key === tab ? (x.key === "provider"
            ? <Table<ProviderSummaryRow> rowKey="providerId" size="middle" dataSource={summary} columns={summaryColumns} pagination={false} locale={{ emptyText: t("itsm.orders.summaryEmpty") }} />
            : table) : null,
        }))}
      />
      {creating && (
        <WorkOrderFormModal
          options={options} create={create} onClose={() => setCreating(false)}
          onSaved={(r) => { setCreating(false); message.success(t("itsm.form.orderCreated", { number: r.number })); router.push(`/service/work-orders/${r.id}`); }}
        />
      )}
    </>
  );
}
