"use client";

import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Grid, Input, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { CatalogOutcome } from "@/app/(portal)/catalog/actions";
import type { CatalogItemRow, UnifiedRow } from "@/lib/catalog/list-catalog";
import type { PriceItemInput } from "@/lib/catalog/price-item-schema";
import { RerateProgress } from "@/components/jobs/rerate-progress";
import { unitName } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";
import type { MessageKey } from "@/lib/i18n/messages";
import { CatalogImportModal } from "./catalog-import-modal";
import { PriceItemFormModal, RetireModal } from "./price-item-modals";

export type CatalogActions = {
  saveDraft: (input: PriceItemInput & { id?: number }) => Promise<ActionResult<CatalogOutcome>>;
  deleteDraft: (id: number) => Promise<ActionResult<CatalogOutcome>>;
  publish: (id: number) => Promise<ActionResult<CatalogOutcome>>;
  retire: (input: { id: number; retireFrom: string }) => Promise<ActionResult<CatalogOutcome>>;
};
type Provider = { id: number; code: string; name: string };
type Query = { q?: string; provider?: string; category?: string; status?: string; on?: string; sort: string; order: "asc" | "desc"; page: number; pageSize: number };

const PHASE: Record<CatalogItemRow["phase"], { label: MessageKey; color: string }> = {
  draft: { label: "catalog.phase.draft", color: "default" }, future: { label: "catalog.phase.future", color: "blue" }, current: { label: "catalog.phase.current", color: "green" }, ended: { label: "catalog.phase.ended", color: "orange" },
};

/** A price with its unit, from the decimal string (never through a float). */
export function priceText(unitPrice: string, unit: string, locale?: string): string {
  const [int, frac = ""] = unitPrice.split(".");
  const trimmed = frac.replace(/0+$/, "");
  return `¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${trimmed.length >= 2 ? trimmed : trimmed.padEnd(2, "0")} ${unitName(unit, locale)}`;
}

/** The catalog: price items with their life cycle for editors, the prices in force for everyone, and both providers side by side. */
export function CatalogView(props: {
  view: "items" | "unified";
  items: { rows: CatalogItemRow[]; total: number; categories: string[] };
  unified: { on: string; providers: { code: string; name: string }[]; rows: UnifiedRow[] } | null;
  query: Query;
  providers: Provider[];
  today: string;
  unitFactors: Record<string, readonly string[]>;
  permissions: { manage: boolean; publish: boolean };
  actions: CatalogActions | null;
}) {
  const { view, items, unified, query, providers, today, unitFactors, permissions, actions } = props;
  const { update, pending } = useQueryState();
  const { message } = App.useApp();
  const router = useRouter();
  const phone = Grid.useBreakpoint().md === false;
  const { t, locale } = useT();
  const [editing, setEditing] = useState<{ initial: Partial<PriceItemInput>; id?: number; title: string } | null>(null);
  const [retiring, setRetiring] = useState<CatalogItemRow | null>(null);
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<CatalogOutcome | null>(null);

  const done = (o: CatalogOutcome) => {
    setEditing(null);
    setRetiring(null);
    setImporting(false);
    if (o.rerateJobId) setOutcome(o);
    else message.success(o.what);
    router.refresh();
  };
  const run = async (action: Promise<ActionResult<CatalogOutcome>>) => {
    const r = await action;
    if (r.ok) done(r.outcome);
    else message.error(r.message);
  };
  const providerId = (code: string) => providers.find((p) => p.code === code)?.id;
  const asInput = (r: CatalogItemRow): Partial<PriceItemInput> => ({
    itemCode: r.itemCode, providerId: providerId(r.providerCode), category: r.category, name: r.name, serviceTypeCode: r.serviceTypeCode, resourceTypeCode: r.resourceTypeCode,
    resourceSpecCode: r.resourceSpecCode, factor: r.factor, unit: r.unit as PriceItemInput["unit"], unitPrice: r.unitPrice, validFrom: r.validFrom, validTo: r.validTo ?? "", description: r.description,
  });

  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);
  const rowActions = (r: CatalogItemRow) => {
    if (!actions) return null;
    return (
      <Space size={0} wrap>
        {r.status === "draft" && <Button type="link" size="small" onClick={() => setEditing({ initial: asInput(r), id: r.id, title: t("catalog.editDraftTitle", { code: r.itemCode }) })}>{t("catalog.edit")}</Button>}
        {r.status === "draft" && permissions.publish && (
          <Popconfirm title={t("catalog.publishConfirm")} description={t("catalog.publishConfirmDetail", { from: r.validFrom, price: priceText(r.unitPrice, r.unit, locale) })} okText={t("catalog.publish")} cancelText={t("common.cancel")} onConfirm={() => run(actions.publish(r.id))}>
            <Button type="link" size="small" data-testid={`publish-${r.itemCode}`}>{t("catalog.publish")}</Button>
          </Popconfirm>
        )}
        {r.status === "draft" && (
          <Popconfirm title={t("catalog.deleteConfirm")} okText={t("common.delete")} cancelText={t("common.cancel")} onConfirm={() => run(actions.deleteDraft(r.id))}><Button type="link" size="small" danger>{t("common.delete")}</Button></Popconfirm>
        )}
        {r.status === "published" && (
          <Button type="link" size="small" onClick={() => setEditing({ initial: { ...asInput(r), itemCode: `${r.itemCode}-V2`, validFrom: "", validTo: "" }, title: t("catalog.newVersionTitle", { code: r.itemCode }) })}>{t("catalog.newVersion")}</Button>
        )}
        {r.status === "published" && permissions.publish && <Button type="link" size="small" onClick={() => setRetiring(r)}>{t("catalog.retire")}</Button>}
      </Space>
    );
  };

  const keyCell = (r: { resourceTypeCode: string; resourceSpecCode: string; factor: string }) => (
    <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.resourceTypeCode.replace("hws.resource.type.", "")} · {r.resourceSpecCode} · {r.factor}</Typography.Text>
  );
  const columns: ColumnsType<CatalogItemRow> = [
    { title: t("catalog.col.name"), key: "name", sorter: true, sortOrder: sortOrder("name"), render: (_, r) => <Space orientation="vertical" size={0}><span>{r.name}</span><Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.itemCode}</Typography.Text></Space> },
    { title: t("catalog.col.provider"), dataIndex: "providerName", key: "provider" },
    { title: t("catalog.col.category"), dataIndex: "category", key: "category", sorter: true, sortOrder: sortOrder("category") },
    { title: t("catalog.col.keys"), key: "keys", responsive: ["lg"], render: (_, r) => keyCell(r) },
    { title: t("catalog.col.price"), key: "unitPrice", align: "right", sorter: true, sortOrder: sortOrder("unitPrice"), render: (_, r) => <span style={{ whiteSpace: "nowrap" }} data-testid={`price-${r.itemCode}`}>{priceText(r.unitPrice, r.unit, locale)}</span> },
    { title: t("catalog.col.validity"), key: "validFrom", sorter: true, sortOrder: sortOrder("validFrom"), render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{t("catalog.from", { date: r.validFrom })}{r.validTo ? <><br />{t("catalog.to", { date: r.validTo })}</> : null}</span> },
    { title: t("catalog.col.status"), key: "phase", render: (_, r) => <Tag color={PHASE[r.phase].color}>{t(PHASE[r.phase].label)}</Tag> },
    ...(actions ? [{ title: t("catalog.col.actions"), key: "actions", render: (_: unknown, r: CatalogItemRow) => rowActions(r) }] : []),
  ];
  const phoneColumns: ColumnsType<CatalogItemRow> = [
    {
      title: t("catalog.col.service"), key: "name",
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
          <span>{r.name}</span>
          <Space size={4} wrap><Tag>{r.providerCode}</Tag><Tag color={PHASE[r.phase].color}>{t(PHASE[r.phase].label)}</Tag></Space>
          {keyCell(r)}
          {rowActions(r)}
        </Space>
      ),
    },
    { title: t("catalog.col.price"), key: "unitPrice", align: "right", width: 120, render: (_, r) => <span data-testid={`price-${r.itemCode}`}>{priceText(r.unitPrice, r.unit, locale)}</span> },
  ];
  const onChange: TableProps<CatalogItemRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    update({ page: pagination.current, pageSize: pagination.pageSize, sort: s?.order ? String(s.columnKey) : null, order: s?.order ? (s.order === "ascend" ? "asc" : "desc") : null });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {outcome?.rerateJobId && <RerateProgress key={outcome.rerateJobId} jobId={outcome.rerateJobId} title={outcome.what} onClose={() => setOutcome(null)} />}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, justifyContent: "space-between" }}>
        <Segmented
          value={view}
          options={[{ value: "items", label: permissions.manage ? t("catalog.view.items") : t("catalog.view.current") }, { value: "unified", label: t("catalog.view.unified") }]}
          onChange={(v) => update({ view: v === "items" ? null : v, page: null })}
        />
        {permissions.manage && (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ initial: { validFrom: today, validTo: "" }, title: t("catalog.newDraftTitle") })}>{t("catalog.newDraft")}</Button>
            {permissions.publish && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t("catalog.import")}</Button>}
            <Button icon={<DownloadOutlined />} href="/api/catalog/export">{t("catalog.export")}</Button>
          </Space>
        )}
      </div>
      {view === "items" ? (
        <Card size="small">
          {!permissions.manage && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("catalog.currentNotice", { date: today })} />}
          <Space wrap style={{ marginBottom: 12, width: "100%" }}>
            <Input.Search placeholder={t("catalog.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: 240, maxWidth: "100%" }} />
            <Select allowClear placeholder={t("catalog.col.provider")} value={query.provider} style={{ minWidth: 150 }} options={providers.map((p) => ({ value: p.code, label: p.name }))} onChange={(provider) => update({ provider, page: null })} />
            <Select allowClear placeholder={t("catalog.col.category")} value={query.category} style={{ minWidth: 110 }} options={items.categories.map((c) => ({ value: c, label: c }))} onChange={(category) => update({ category, page: null })} />
            {permissions.manage && (
              <Select allowClear placeholder={t("catalog.col.status")} value={query.status} style={{ minWidth: 110 }} options={[{ value: "draft", label: t("catalog.phase.draft") }, { value: "published", label: t("catalog.status.published") }, { value: "retired", label: t("catalog.phase.ended") }]} onChange={(status) => update({ status, page: null })} />
            )}
            {permissions.manage && <Input type="date" aria-label={t("catalog.inForceOn")} defaultValue={query.on} style={{ width: 160 }} onChange={(e) => update({ on: e.target.value, page: null })} />}
          </Space>
          <Table<CatalogItemRow>
            rowKey="id"
            size="middle"
            columns={phone ? phoneColumns : columns}
            dataSource={items.rows}
            loading={pending}
            onChange={onChange}
            locale={{ emptyText: <Empty description={permissions.manage ? t("catalog.emptyEditor") : t("catalog.emptyReader")} /> }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: items.total, showSizeChanger: true, showTotal: (n) => t("catalog.total", { n }), size: "small" }}
            scroll={phone ? undefined : { x: "max-content" }}
          />
        </Card>
      ) : unified && <UnifiedTable unified={unified} phone={phone} onDate={(on) => update({ on })} />}
      {actions && editing && <PriceItemFormModal title={editing.title} initial={editing.initial} id={editing.id} providers={providers} unitFactors={unitFactors} submit={actions.saveDraft} onCancel={() => setEditing(null)} onDone={done} />}
      {actions && retiring && <RetireModal item={retiring} today={today} submit={actions.retire} onCancel={() => setRetiring(null)} onDone={done} />}
      {importing && <CatalogImportModal onCancel={() => setImporting(false)} onDone={done} />}
    </Space>
  );
}

const DIFFERENCE = { same: { label: "catalog.diff.same", color: "green" }, price: { label: "catalog.diff.price", color: "orange" }, only: { label: "catalog.diff.only", color: "blue" } } as const;

function UnifiedTable({ unified, phone, onDate }: { unified: { on: string; providers: { code: string; name: string }[]; rows: UnifiedRow[] }; phone: boolean; onDate: (on: string) => void }) {
  const { t, locale } = useT();
  const offer = (r: UnifiedRow, code: string) => {
    const o = r.offers[code];
    return o ? <span style={{ whiteSpace: "nowrap" }}>{priceText(o.unitPrice, r.unit, locale)}</span> : <Typography.Text type="secondary">{t("catalog.notOffered")}</Typography.Text>;
  };
  const columns: ColumnsType<UnifiedRow> = [
    { title: t("catalog.col.service"), key: "name", render: (_, r) => <Space orientation="vertical" size={0}><span>{r.name}</span><Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.resourceSpecCode} · {r.factor}</Typography.Text></Space> },
    ...(phone ? [] : [{ title: t("catalog.col.category"), dataIndex: "category", key: "category" }]),
    ...unified.providers.map((p) => ({ title: p.name, key: p.code, align: "right" as const, render: (_: unknown, r: UnifiedRow) => offer(r, p.code) })),
    {
      title: t("catalog.col.difference"), key: "difference",
      filters: Object.entries(DIFFERENCE).map(([value, d]) => ({ value, text: t(d.label) })), onFilter: (v, r) => r.difference === v,
      render: (_, r) => <Space orientation="vertical" size={0}><Tag color={DIFFERENCE[r.difference].color}>{t(DIFFERENCE[r.difference].label)}</Tag>{r.spreadPercent && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("catalog.spread", { pct: r.spreadPercent })}</Typography.Text>}</Space>,
    },
  ];
  return (
    <Card size="small" title={t("catalog.unifiedTitle")} extra={<Input type="date" aria-label={t("catalog.compareOn")} defaultValue={unified.on} style={{ width: 150 }} onChange={(e) => e.target.value && onDate(e.target.value)} />}>
      <Table<UnifiedRow> rowKey="key" size="middle" columns={columns} dataSource={unified.rows} pagination={false} scroll={{ x: "max-content" }} data-testid="unified-catalog" />
    </Card>
  );
}
