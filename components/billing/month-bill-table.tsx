"use client";

import { Table, Typography } from "antd";
import Link from "next/link";
import type { MonthBillRow } from "@/lib/billing/list-month-bills";
import { percent, yuan } from "@/components/ui/format";
import { useT } from "@/components/layout/locale";

/** One row per department: gross and net totals, linking to the bill's lines. */
export function MonthBillTable({ month, rows }: { month: string; rows: MonthBillRow[] }) {
  const { t } = useT();
  return (
    <Table<MonthBillRow>
      rowKey="department"
      size="middle"
      dataSource={rows}
      pagination={false}
      scroll={{ x: "max-content" }}
      columns={[
        {
          title: t("bills.col.department"), key: "department",
          render: (_, b) => (
            <Link href={`/billing/${month}/${encodeURIComponent(b.department)}`} data-testid={`bill-${b.department}`}>
              {b.departmentName}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>{b.department}</Typography.Text>
            </Link>
          ),
        },
        { title: t("bills.discount"), dataIndex: "discountRate", key: "discountRate", align: "right", responsive: ["md"], render: (v: string | null) => (v ? percent(v) : "—") },
        { title: t("bills.gross"), dataIndex: "gross", key: "gross", align: "right", render: yuan },
        { title: t("bills.net"), dataIndex: "net", key: "net", align: "right", render: (v: string) => <Typography.Text strong data-testid="bill-net">{yuan(v)}</Typography.Text> },
        { title: t("bills.col.lines"), dataIndex: "lineCount", key: "lineCount", align: "right", responsive: ["md"] },
        { title: t("bills.records"), dataIndex: "records", key: "records", align: "right", responsive: ["lg"] },
      ]}
    />
  );
}
