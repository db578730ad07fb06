"use client";

import { ArrowDownOutlined, ArrowUpOutlined, BellOutlined, CheckCircleOutlined } from "@ant-design/icons";
import { Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import Link from "next/link";
import type { AnnouncementRow } from "@/lib/system/announcements";
import type { FileHour, HomeOverview } from "@/lib/reports/home-overview";
import type { Todo } from "@/lib/reports/list-todos";
import { CostCompareChart, CostTrendChart, FileHoursChart } from "@/components/charts/cost-charts";
import { MonthSelect } from "@/components/billing/month-select";
import { shanghaiTime, yuan } from "@/components/ui/format";
import { Title } from "@/components/ui/typography";
import { useT } from "@/components/layout/locale";

/** The change between two decimal strings as a signed percentage with one decimal, for display ("+5.2%"); null when there is no base. */
function change(current: string, previous: string): { text: string; up: boolean } | null {
  const [c, p] = [Number(current), Number(previous)];
  if (!p) return null;
  const pct = ((c - p) / p) * 100;
  return { text: `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`, up: pct >= 0 };
}

/** The home page: what awaits the user, notices, and the month's cost and supply figures, each linked to the list behind it. */
export function DashboardView({ overview, files, todos, announcements, displayName, billsLinked }: {
  overview: HomeOverview; files: { hours: FileHour[]; streams: number; missing: number } | null; todos: Todo[]; announcements: AnnouncementRow[]; displayName: string;
  /** whether the user can open the departments' bills behind the figures (a provider user sees its own share, not the bills) */
  billsLinked: boolean;
}) {
  const { t } = useT();
  const { month, previousMonth } = overview;
  const delta = month ? change(overview.net, overview.previousNet) : null;
  const providers = [...new Set(overview.byProvider.map((p) => p.code).concat(overview.trend.flatMap((t) => Object.keys(t.byProvider))))].sort();
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", justifyContent: "space-between" }}>
        <Space wrap>
          <Title level={3} style={{ margin: 0 }}>{t("home.title")}</Title>
          {month && <MonthSelect months={overview.months} value={month} basePath="/dashboard" />}
        </Space>
        <Typography.Text type="secondary">{t("home.greeting", { name: displayName })}</Typography.Text>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("home.todos")} style={{ height: "100%" }}>
            {todos.length ? (
              <List size="small" dataSource={todos} data-testid="todos" renderItem={(item) => (
                <List.Item extra={<Tag color={item.level === "warning" ? "orange" : "blue"}>{item.count}</Tag>}><Link href={item.href}>{t(item.title, item.values)}</Link></List.Item>
              )} />
            ) : <Empty image={<CheckCircleOutlined style={{ fontSize: 32, color: "#52c41a" }} />} description={t("home.noTodos")} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={<Space><BellOutlined />{t("home.announcements")}</Space>} style={{ height: "100%" }}>
            {announcements.length ? (
              <List size="small" dataSource={announcements} data-testid="announcements" renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={<Space wrap>{a.important && <Tag color="red">{t("home.important")}</Tag>}<span>{a.title}</span></Space>} description={<><Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: t("home.more") }} style={{ marginBottom: 4 }}>{a.body}</Typography.Paragraph><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.authorName} · {shanghaiTime(a.publishedAt)}</Typography.Text></>} />
                </List.Item>
              )} />
            ) : <Empty description={t("home.noAnnouncements")} />}
          </Card>
        </Col>
      </Row>

      {!month ? (
        <Card><Empty description={t("home.noBills")} /></Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Link href={`/billing?month=${month}`}><Card size="small" hoverable><Statistic title={t("home.monthCost", { month })} value={yuan(overview.net)} /></Card></Link>
            </Col>
            <Col xs={12} md={6}>
              {overview.months.includes(previousMonth!) && billsLinked
                ? <Link href={`/billing?month=${previousMonth}`}><Card size="small" hoverable><Statistic title={t("home.previousCost", { month: previousMonth! })} value={yuan(overview.previousNet)} /></Card></Link>
                : <Card size="small"><Statistic title={t("home.previousCost", { month: previousMonth! })} value={overview.months.includes(previousMonth!) ? yuan(overview.previousNet) : t("home.noBillsThen")} /></Card>}
            </Col>
            <Col xs={12} md={6}>
              <Card size="small"><Statistic title={t("home.change")} value={delta?.text ?? "—"} styles={{ content: delta ? { color: delta.up ? "#cf1322" : "#3f8600" } : undefined }} prefix={delta ? (delta.up ? <ArrowUpOutlined /> : <ArrowDownOutlined />) : null} /></Card>
            </Col>
            <Col xs={12} md={6}>
              {files ? (
                <Link href="/metering/files"><Card size="small" hoverable><Statistic title={t("home.missingFiles")} value={files.missing} styles={{ content: files.missing ? { color: "#d46b08" } : undefined }} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("home.streams", { n: files.streams })}</Typography.Text>} /></Card></Link>
              ) : (
                <Card size="small"><Statistic title={t("home.departments")} value={overview.byDepartment.length} /></Card>
              )}
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t("home.byDepartment")} extra={billsLinked && <Link href={`/billing?month=${month}`}>{t("nav.bills")}</Link>} data-testid="chart-departments">
                <CostCompareChart month={month} previousMonth={previousMonth!} rows={overview.byDepartment.map((d) => ({ ...d, href: billsLinked ? `/billing/${month}/${encodeURIComponent(d.code)}` : undefined }))} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t("home.byProvider")} data-testid="chart-providers">
                <CostCompareChart month={month} previousMonth={previousMonth!} rows={overview.byProvider.map((p) => ({ ...p, href: billsLinked ? `/billing?month=${month}` : undefined }))} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t("home.trend")} data-testid="chart-trend"><CostTrendChart points={overview.trend} providers={providers} linked={billsLinked} /></Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={files ? 12 : 24}>
              <Card size="small" title={t("home.topResources", { month })}>
                <Table
                  size="small" rowKey={(r) => `${r.department}-${r.resourceId}-${r.itemCode}`} pagination={false} dataSource={overview.topResources} scroll={{ x: "max-content" }}
                  columns={[
                    { title: t("home.col.resource"), key: "resource", render: (_, r) => <Space orientation="vertical" size={0}>{billsLinked ? <Link href={`/billing/${month}/${encodeURIComponent(r.department)}`} className="mono" style={{ fontSize: 12 }}>{r.resourceId}</Link> : <span className="mono" style={{ fontSize: 12 }}>{r.resourceId}</span>}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.itemName}</Typography.Text></Space> },
                    { title: t("home.col.department"), dataIndex: "departmentName", key: "department" },
                    { title: t("home.col.provider"), dataIndex: "providerCode", key: "provider" },
                    { title: t("home.col.net"), dataIndex: "net", key: "net", align: "right", render: (v: string) => yuan(v) },
                  ]}
                />
              </Card>
            </Col>
            {files && (
              <Col xs={24} xl={12}>
                <Card size="small" title={t("home.fileHours", { month })} extra={<Link href="/metering/files">{t("nav.files")}</Link>} data-testid="chart-files">
                  {files.hours.length ? <FileHoursChart hours={files.hours} /> : <Empty description={t("home.noFiles")} />}
                </Card>
              </Col>
            )}
          </Row>
        </>
      )}
    </Space>
  );
}
