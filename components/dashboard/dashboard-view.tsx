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

/** The change between two decimal strings as a signed percentage with one decimal, for display ("+5.2%"); null when there is no base. */
function change(current: string, previous: string): { text: string; up: boolean } | null {
  const [c, p] = [Number(current), Number(previous)];
  if (!p) return null;
  const pct = ((c - p) / p) * 100;
  return { text: `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`, up: pct >= 0 };
}

/** The home page: what awaits the user, notices, and the month's cost and supply figures, each linked to the list behind it. */
export function DashboardView({ overview, files, todos, announcements, displayName }: {
  overview: HomeOverview; files: { hours: FileHour[]; streams: number; missing: number } | null; todos: Todo[]; announcements: AnnouncementRow[]; displayName: string;
}) {
  const { month, previousMonth } = overview;
  const delta = month ? change(overview.net, overview.previousNet) : null;
  const providers = [...new Set(overview.byProvider.map((p) => p.code).concat(overview.trend.flatMap((t) => Object.keys(t.byProvider))))].sort();
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", justifyContent: "space-between" }}>
        <Space wrap>
          <Title level={3} style={{ margin: 0 }}>首页概览</Title>
          {month && <MonthSelect months={overview.months} value={month} basePath="/dashboard" />}
        </Space>
        <Typography.Text type="secondary">{displayName}，您好</Typography.Text>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="待办" style={{ height: "100%" }}>
            {todos.length ? (
              <List size="small" dataSource={todos} data-testid="todos" renderItem={(t) => (
                <List.Item extra={<Tag color={t.level === "warning" ? "orange" : "blue"}>{t.count}</Tag>}><Link href={t.href}>{t.title}</Link></List.Item>
              )} />
            ) : <Empty image={<CheckCircleOutlined style={{ fontSize: 32, color: "#52c41a" }} />} description="暂无待办事项" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={<Space><BellOutlined />公告</Space>} style={{ height: "100%" }}>
            {announcements.length ? (
              <List size="small" dataSource={announcements} data-testid="announcements" renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={<Space wrap>{a.important && <Tag color="red">重要</Tag>}<span>{a.title}</span></Space>} description={<><Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: "展开" }} style={{ marginBottom: 4 }}>{a.body}</Typography.Paragraph><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.authorName} · {shanghaiTime(a.publishedAt)}</Typography.Text></>} />
                </List.Item>
              )} />
            ) : <Empty description="暂无公告" />}
          </Card>
        </Col>
      </Row>

      {!month ? (
        <Card><Empty description="还没有账单：话单入库并计费后，这里显示各部门、各服务商的费用与趋势。" /></Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Link href={`/billing?month=${month}`}><Card size="small" hoverable><Statistic title={`${month} 费用（折后）`} value={yuan(overview.net)} /></Card></Link>
            </Col>
            <Col xs={12} md={6}>
              <Link href={`/billing?month=${previousMonth}`}><Card size="small" hoverable><Statistic title={`${previousMonth} 费用`} value={yuan(overview.previousNet)} /></Card></Link>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small"><Statistic title="环比" value={delta?.text ?? "—"} styles={{ content: delta ? { color: delta.up ? "#cf1322" : "#3f8600" } : undefined }} prefix={delta ? (delta.up ? <ArrowUpOutlined /> : <ArrowDownOutlined />) : null} /></Card>
            </Col>
            <Col xs={12} md={6}>
              {files ? (
                <Link href="/metering/files"><Card size="small" hoverable><Statistic title="缺失的小时文件" value={files.missing} styles={{ content: files.missing ? { color: "#d46b08" } : undefined }} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>/ {files.streams} 路</Typography.Text>} /></Card></Link>
              ) : (
                <Card size="small"><Statistic title="计费部门" value={overview.byDepartment.length} /></Card>
              )}
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title="各部门费用（本月 vs 上月）" extra={<Link href={`/billing?month=${month}`}>账单</Link>} data-testid="chart-departments">
                <CostCompareChart month={month} previousMonth={previousMonth!} rows={overview.byDepartment.map((d) => ({ ...d, href: `/billing/${month}/${encodeURIComponent(d.code)}` }))} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="各服务商费用" data-testid="chart-providers">
                <CostCompareChart month={month} previousMonth={previousMonth!} rows={overview.byProvider.map((p) => ({ ...p, href: `/billing?month=${month}` }))} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="近 12 个月费用趋势（按服务商）" data-testid="chart-trend"><CostTrendChart points={overview.trend} providers={providers} /></Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={files ? 12 : 24}>
              <Card size="small" title={`${month} 费用最高的资源`}>
                <Table
                  size="small" rowKey={(r) => `${r.department}-${r.resourceId}-${r.itemCode}`} pagination={false} dataSource={overview.topResources} scroll={{ x: "max-content" }}
                  columns={[
                    { title: "资源", key: "resource", render: (_, r) => <Space orientation="vertical" size={0}><Link href={`/billing/${month}/${encodeURIComponent(r.department)}`} className="mono" style={{ fontSize: 12 }}>{r.resourceId}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.itemName}</Typography.Text></Space> },
                    { title: "部门", dataIndex: "departmentName", key: "department" },
                    { title: "服务商", dataIndex: "providerCode", key: "provider" },
                    { title: "折后金额", dataIndex: "net", key: "net", align: "right", render: (v: string) => yuan(v) },
                  ]}
                />
              </Card>
            </Col>
            {files && (
              <Col xs={24} xl={12}>
                <Card size="small" title={`${month} 每小时计量文件：实收 vs 应收`} extra={<Link href="/metering/files">计量文件</Link>} data-testid="chart-files">
                  {files.hours.length ? <FileHoursChart hours={files.hours} /> : <Empty description="本月还没有收到计量文件" />}
                </Card>
              </Col>
            )}
          </Row>
        </>
      )}
    </Space>
  );
}
