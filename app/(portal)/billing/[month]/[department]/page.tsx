import { Breadcrumb, Card, Col, Row, Space, Statistic } from "antd";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { can } from "@/lib/auth/permissions";
import { getT } from "@/app/_server/locale";
import { oneParam, pageParam, type SearchParams } from "@/app/_server/search-params";
import { getBill } from "@/lib/billing/get-bill";
import { listLineUsage } from "@/lib/billing/list-line-usage";
import { getDb } from "@/lib/db";
import { isMonth } from "@/lib/time/shanghai";
import { BillLineTable } from "@/components/billing/bill-line-table";
import { LineUsageDrawer } from "@/components/billing/line-usage-drawer";
import { percent, yuan } from "@/components/ui/format";
import { Title } from "@/components/ui/typography";

export const metadata = { title: "部门账单" };

const RECORD_PAGE_SIZE = 50;

export default async function BillPage({ params, searchParams }: { params: Promise<{ month: string; department: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("billing.read");
  const t = await getT();
  const { month, department: rawDepartment } = await params;
  const department = decodeURIComponent(rawDepartment);
  if (!isMonth(month)) notFound();
  const sp = await searchParams;
  const scope = actor.scope;
  const { db, pool } = getDb();
  const bill = await getBill(db, { month, department }, scope);
  if (!bill) notFound();
  const resourceId = oneParam(sp.resource);
  const priceItemId = Number(oneParam(sp.item));
  const line = bill.lines.find((l) => l.resourceId === resourceId && l.priceItemId === priceItemId) ?? null;
  const recordPage = pageParam(sp.rpage);
  const usage = line ? await listLineUsage(pool, { month, department, resourceId: line.resourceId, priceItemId: line.priceItemId, page: recordPage, pageSize: RECORD_PAGE_SIZE }, scope) : null;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb items={[{ title: <Link href={`/billing?month=${month}`}>{t("bills.crumb", { month })}</Link> }, { title: bill.departmentName }]} />
      <Title level={3} style={{ margin: 0 }}>{bill.departmentName} · {month}</Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.gross")} value={yuan(bill.gross)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.net")} value={yuan(bill.net)} data-testid="bill-detail-net" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.discount")} value={bill.discountRate ? percent(bill.discountRate) : t("bills.noDiscount")} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t("bills.linesRecords")} value={`${bill.lineCount} / ${bill.records}`} /></Card></Col>
      </Row>
      <Card size="small" title={t("bills.linesTitle")}>
        <BillLineTable lines={bill.lines} selected={line} />
      </Card>
      {line && usage && <LineUsageDrawer line={line} usage={usage} page={recordPage} pageSize={RECORD_PAGE_SIZE} linkFiles={can(actor, "metering.files.read") && actor.scope.kind !== "departments"} />}
    </Space>
  );
}
