import { Card, Col, Empty, Row, Space, Statistic, Tag } from "antd";
import { requireActor } from "@/app/_server/actor";
import { getT } from "@/app/_server/locale";
import { oneParam, type SearchParams } from "@/app/_server/search-params";
import { listBillMonths } from "@/lib/billing/list-bill-months";
import { listMonthBills } from "@/lib/billing/list-month-bills";
import { getDb } from "@/lib/db";
import { ExportButtons } from "@/components/billing/export-buttons";
import { MonthBillTable } from "@/components/billing/month-bill-table";
import { MonthSelect } from "@/components/billing/month-select";
import { MonthCloseControl } from "@/components/billing/month-close-control";
import { can } from "@/lib/auth/permissions";
import { shanghaiTime } from "@/components/ui/format";
import { closeMonthAction, reopenMonthAction } from "./actions";
import { yuan } from "@/components/ui/format";
import { Title } from "@/components/ui/typography";

export const metadata = { title: "账单" };

export default async function BillingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("billing.read");
  const t = await getT();
  const scope = actor.scope;
  const { db } = getDb();
  const months = await listBillMonths(db, scope);
  const asked = oneParam((await searchParams).month);
  const month = asked && months.includes(asked) ? asked : months[0];
  if (!month) {
    return (
      <>
        <Title level={3} style={{ marginTop: 0 }}>{t("nav.bills")}</Title>
        <Card><Empty description={t("bills.empty")} /></Card>
      </>
    );
  }
  const [{ bills, gross, net }, closed] = await Promise.all([listMonthBills(db, { month }, scope), db.billingMonth.findUnique({ where: { month } })]);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", justifyContent: "space-between" }}>
        <Space wrap>
          <Title level={3} style={{ margin: 0 }}>{t("nav.bills")}</Title>
          <MonthSelect months={months} value={month} />
          {asked && asked !== month && <Tag color="orange">{t("bills.noBillsFor", { asked, month })}</Tag>}
          <MonthCloseControl
            month={month} canClose={can(actor, "billing.close")} close={closeMonthAction} reopen={reopenMonthAction}
            closed={closed ? { at: shanghaiTime(closed.closedAt.toISOString()), by: closed.closedBy } : null}
          />
        </Space>
        <ExportButtons month={month} />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.departments")} value={bills.length} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.gross")} value={yuan(gross)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.net")} value={yuan(net)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.records")} value={bills.reduce((a, b) => a + b.records, 0)} /></Card></Col>
      </Row>
      <Card size="small" title={t("bills.monthTitle", { month })}>
        <MonthBillTable month={month} rows={bills} />
      </Card>
    </Space>
  );
}
