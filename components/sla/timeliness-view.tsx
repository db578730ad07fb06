"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from "antd";
import type { ColumnsType, ColumnType, TableProps } from "antd/es/table";
import Link from "next/link";
import type { TimelinessReport, TimelinessRow, TimelinessTrend } from "@/lib/itsm/timeliness";
import { COUNTED_STATUSES, STILL_OPEN_STATUSES, workOrderListUrl } from "@/lib/sla/work-order-links";
import { BreachReasonsChart, OnTimeRatesChart, ResolutionTrendChart, type ProviderReasons } from "@/components/charts/sla-charts";
import { MonthSelect } from "@/components/billing/month-select";
import { percent } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";

type Figures = Omit<TimelinessRow, "providerId" | "providerName">;
type SortKey = "opened" | "responseRate" | "resolutionRate" | "avgResponse" | "avgResolution" | "breaches" | "stillOpen";
const SORT_KEYS: readonly SortKey[] = ["opened", "responseRate", "resolutionRate", "avgResponse", "avgResolution", "breaches", "stillOpen"];
const sortValue: Record<SortKey, (r: TimelinessRow) => number | null> = {
  opened: (r) => r.opened, breaches: (r) => r.breaches, stillOpen: (r) => r.stillOpen,
  // comparing for order only: the figures shown stay the exact strings
  responseRate: (r) => (r.responseOnTimeRate === null ? null : Number(r.responseOnTimeRate)),
  resolutionRate: (r) => (r.resolutionOnTimeRate === null ? null : Number(r.resolutionOnTimeRate)),
  avgResponse: (r) => (r.avgResponseMinutes === null ? null : Number(r.avgResponseMinutes)),
  avgResolution: (r) => (r.avgResolutionMinutes === null ? null : Number(r.avgResolutionMinutes)),
};
/** The key of an unclassified breach (no delay reason yet) in the charts. */
const NONE = "__none";

/** A month's timeliness per provider: the figures, a table sorted in the URL, and the charts; every figure opens the work orders behind it. */
export function TimelinessView({ month, months, report, trend, reasons, sort, order }: {
  month: string; months: string[]; report: TimelinessReport; trend: TimelinessTrend; reasons: { code: string; label: string; labelEn: string }[]; sort: string | null; order: "asc" | "desc";
}) {
  const { t, locale } = useT();
  const { update } = useQueryState();
  const reasonName = (code: string | null) => {
    if (code === null) return t("sla.timeliness.unclassified");
    const r = reasons.find((x) => x.code === code);
    return r ? (locale === "en" ? r.labelEn : r.label) : code;
  };
  const links = (provider?: number) => ({
    opened: workOrderListUrl({ provider, month, status: COUNTED_STATUSES }),
    breached: workOrderListUrl({ provider, month, breached: true, status: COUNTED_STATUSES }),
    reason: (code: string | null) => workOrderListUrl({ provider, month, breached: true, delayReason: code ?? undefined, status: COUNTED_STATUSES }),
    stillOpen: workOrderListUrl({ provider, month, status: STILL_OPEN_STATUSES }),
  });
  const sortKey = SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : null;
  const rows = sortKey
    ? [...report.rows].sort((a, b) => {
      const x = sortValue[sortKey](a); const y = sortValue[sortKey](b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // no figure: last either way
      return order === "asc" ? x - y : y - x;
    })
    : report.rows;
  const sortOrder = (key: SortKey): "ascend" | "descend" | null => (sortKey === key ? (order === "asc" ? "ascend" : "descend") : null);
  const onChange: TableProps<TimelinessRow>["onChange"] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    update({ sort: s?.order ? String(s.columnKey) : null, order: s?.order ? (s.order === "ascend" ? "asc" : "desc") : null });
  };

  const rate = (value: string | null, part: number, whole: number, href: string) => (value === null ? "—" : (
    <Link href={href}>
      <Typography.Text strong>{percent(value)}</Typography.Text>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.timeliness.rateFraction", { part, whole })}</Typography.Text></div>
    </Link>
  ));
  const count = (n: number, href: string) => (n === 0 ? <Typography.Text type="secondary">0</Typography.Text> : <Link href={href}>{n}</Link>);
  const minutes = (v: string | null) => v ?? "—";
  const reasonsCell = (f: Figures, provider?: number) => (f.breachesByReason.length === 0 ? null : (
    <div style={{ fontSize: 12, lineHeight: 1.6 }}>
      {f.breachesByReason.map((b) => <div key={b.reason ?? NONE}><Link href={links(provider).reason(b.reason)}>{reasonName(b.reason)} {b.count}</Link></div>)}
    </div>
  ));
  const sorted = (key: SortKey) => ({ key, sorter: true, sortOrder: sortOrder(key), sortDirections: ["descend", "ascend"] as ("descend" | "ascend")[] }) satisfies ColumnType<TimelinessRow>;

  const columns: ColumnsType<TimelinessRow> = [
    { title: t("sla.timeliness.provider"), key: "provider", fixed: "left", width: 130, render: (_, r) => <Link href={links(r.providerId).opened}>{r.providerName}</Link> },
    { title: t("sla.timeliness.opened"), ...sorted("opened"), width: 90, render: (_, r) => count(r.opened, links(r.providerId).opened) },
    {
      title: t("sla.timeliness.groupResponse"), children: [
        { title: t("sla.timeliness.responded"), key: "responded", width: 80, render: (_, r) => count(r.responded, links(r.providerId).opened) },
        { title: t("sla.timeliness.responseRate"), ...sorted("responseRate"), width: 110, render: (_, r) => rate(r.responseOnTimeRate, r.respondedOnTime, r.responseDue, links(r.providerId).opened) },
        { title: t("sla.timeliness.avgResponse"), ...sorted("avgResponse"), width: 110, render: (_, r) => minutes(r.avgResponseMinutes) },
      ],
    },
    {
      title: t("sla.timeliness.groupResolution"), children: [
        { title: t("sla.timeliness.resolved"), key: "resolved", width: 80, render: (_, r) => count(r.resolved, links(r.providerId).opened) },
        { title: t("sla.timeliness.resolutionRate"), ...sorted("resolutionRate"), width: 110, render: (_, r) => rate(r.resolutionOnTimeRate, r.resolvedOnTime, r.resolutionDue, links(r.providerId).opened) },
        { title: t("sla.timeliness.avgResolution"), ...sorted("avgResolution"), width: 110, render: (_, r) => minutes(r.avgResolutionMinutes) },
      ],
    },
    { title: t("sla.timeliness.breaches"), ...sorted("breaches"), width: 90, render: (_, r) => count(r.breaches, links(r.providerId).breached) },
    { title: t("sla.timeliness.reasons"), key: "reasons", width: 150, render: (_, r) => reasonsCell(r, r.providerId) },
    { title: t("sla.timeliness.stillOpen"), ...sorted("stillOpen"), width: 90, render: (_, r) => count(r.stillOpen, links(r.providerId).stillOpen) },
  ];

  // the charts' series: every delay reason seen this month, in the dictionary's order, unclassified last
  const seen = new Set(report.rows.flatMap((r) => r.breachesByReason.map((b) => b.reason ?? NONE)));
  const reasonSeries = [...reasons.map((r) => r.code).filter((c) => seen.has(c)), ...[...seen].filter((c) => c !== NONE && !reasons.some((r) => r.code === c)), ...(seen.has(NONE) ? [NONE] : [])]
    .map((key) => ({ key, label: reasonName(key === NONE ? null : key), muted: key === NONE }));
  const reasonRows: ProviderReasons[] = report.rows.filter((r) => r.breaches > 0).map((r) => ({
    providerId: r.providerId, name: r.providerName,
    counts: Object.fromEntries(r.breachesByReason.map((b) => [b.reason ?? NONE, b.count])),
    hrefs: Object.fromEntries(reasonSeries.map((s) => [s.key, links(r.providerId).reason(s.key === NONE ? null : s.key)])),
  }));
  const trendMonths = trend.months.map((m) => ({
    month: m, href: workOrderListUrl({ month: m, status: COUNTED_STATUSES }),
    rates: Object.fromEntries(trend.points.filter((p) => p.month === m).map((p) => [p.providerId, p.resolutionOnTimeRate])),
    breaches: Object.fromEntries(trend.points.filter((p) => p.month === m).map((p) => [p.providerId, p.breaches])),
  }));
  const totals = report.totals;
  const total = links();

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", justifyContent: "space-between" }}>
        <MonthSelect months={months} value={month} basePath="/service/timeliness" />
        <Button icon={<DownloadOutlined />} href={`/api/export/timeliness?month=${month}`} disabled={report.rows.length === 0}>{t("sla.timeliness.export")}</Button>
      </div>
      <Alert type="info" showIcon title={t("sla.timeliness.basis", { month })} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6} xl={4}><Card size="small"><Link href={total.opened}><Statistic title={t("sla.timeliness.opened")} value={totals.opened} /></Link></Card></Col>
        <Col xs={12} md={6} xl={5}><Card size="small"><Statistic title={t("sla.timeliness.responseRate")} value={totals.responseOnTimeRate === null ? "—" : percent(totals.responseOnTimeRate)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.timeliness.rateFraction", { part: totals.respondedOnTime, whole: totals.responseDue })}</Typography.Text>} /></Card></Col>
        <Col xs={12} md={6} xl={5}><Card size="small"><Statistic title={t("sla.timeliness.resolutionRate")} value={totals.resolutionOnTimeRate === null ? "—" : percent(totals.resolutionOnTimeRate)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.timeliness.rateFraction", { part: totals.resolvedOnTime, whole: totals.resolutionDue })}</Typography.Text>} /></Card></Col>
        <Col xs={12} md={6} xl={5}><Card size="small"><Link href={total.breached}><Statistic title={t("sla.timeliness.breaches")} value={totals.breaches} styles={totals.breaches ? { content: { color: "#cf1322" } } : undefined} /></Link></Card></Col>
        <Col xs={24} md={12} xl={5}><Card size="small"><Link href={total.stillOpen}><Statistic title={t("sla.timeliness.stillOpen")} value={totals.stillOpen} /></Link></Card></Col>
      </Row>
      <Card size="small">
        <Table<TimelinessRow>
          rowKey="providerId" size="small" bordered dataSource={rows} columns={columns} pagination={false} onChange={onChange} scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("sla.timeliness.empty", { month })} /> }}
          summary={() => (report.rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><Typography.Text strong>{t("sla.timeliness.total")}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{count(totals.opened, total.opened)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{count(totals.responded, total.opened)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{rate(totals.responseOnTimeRate, totals.respondedOnTime, totals.responseDue, total.opened)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{minutes(totals.avgResponseMinutes)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{count(totals.resolved, total.opened)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{rate(totals.resolutionOnTimeRate, totals.resolvedOnTime, totals.resolutionDue, total.opened)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7}>{minutes(totals.avgResolutionMinutes)}</Table.Summary.Cell>
              <Table.Summary.Cell index={8}>{count(totals.breaches, total.breached)}</Table.Summary.Cell>
              <Table.Summary.Cell index={9}>{reasonsCell(totals)}</Table.Summary.Cell>
              <Table.Summary.Cell index={10}>{count(totals.stillOpen, total.stillOpen)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("sla.timeliness.avgHint")}</Typography.Text>
      </Card>
      {report.rows.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t("sla.timeliness.ratesChart")}>
              <OnTimeRatesChart
                rows={report.rows.map((r) => ({ providerId: r.providerId, name: r.providerName, responseRate: r.responseOnTimeRate, resolutionRate: r.resolutionOnTimeRate, href: links(r.providerId).opened }))}
                labels={{ response: t("sla.timeliness.responseRate"), resolution: t("sla.timeliness.resolutionRate") }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t("sla.timeliness.reasonsChart")}>
              {reasonRows.length ? <BreachReasonsChart rows={reasonRows} reasons={reasonSeries} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("sla.timeliness.noBreaches")} />}
            </Card>
          </Col>
        </Row>
      )}
      {trend.providers.length > 0 && (
        <Card size="small" title={t("sla.timeliness.trendChart")}>
          <ResolutionTrendChart months={trendMonths} providers={trend.providers.map((p) => ({ providerId: p.id, name: p.name }))} breachesLabel={t("sla.timeliness.breaches")} />
        </Card>
      )}
    </Space>
  );
}
