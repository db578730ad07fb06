"use client";

import { Grid, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { BillLineRow } from "@/lib/billing/get-bill";
import { shortDecimal, unitName, yuan } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";

/** A bill's lines per resource and price item; clicking a line opens the CDR records behind it. */
export function BillLineTable({ lines, selected }: { lines: BillLineRow[]; selected: { resourceId: string; priceItemId: number } | null }) {
  const { update } = useQueryState();
  const { t, locale } = useT();
  const open = (l: BillLineRow) => update({ resource: l.resourceId, item: l.priceItemId, rpage: null });
  const phone = Grid.useBreakpoint().sm === false;
  const resource = (v: string) => <Typography.Link className="mono" style={{ fontSize: 12 }}>{v}</Typography.Link>;
  const item = (l: BillLineRow) => <>{l.itemName}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.itemCode}</Typography.Text></>;
  // On a phone two stacked columns fit the width; a wide table would only scroll sideways.
  const columns: ColumnsType<BillLineRow> = phone
    ? [
        { title: t("bills.col.resourceItem"), key: "line", render: (_, l) => <>{resource(l.resourceId)}<br />{item(l)}</> },
        { title: t("bills.col.amountNet"), key: "money", align: "right", render: (_, l) => <>{yuan(l.amount)}<br /><Typography.Text strong>{yuan(l.net)}</Typography.Text></> },
      ]
    : [
        { title: t("bills.col.resource"), dataIndex: "resourceId", key: "resourceId", render: resource },
        { title: t("bills.col.item"), key: "item", render: (_, l) => item(l) },
        { title: t("bills.col.unit"), dataIndex: "unit", key: "unit", responsive: ["md"], render: (u: string) => unitName(u, locale) },
        { title: t("catalog.col.price"), dataIndex: "unitPrice", key: "unitPrice", align: "right", responsive: ["md"], render: (v: string) => shortDecimal(v) },
        { title: t("bills.col.quantity"), dataIndex: "quantity", key: "quantity", align: "right", render: (v: string) => shortDecimal(v) },
        { title: t("bills.col.amount"), dataIndex: "amount", key: "amount", align: "right", render: yuan },
        { title: t("bills.col.net"), dataIndex: "net", key: "net", align: "right", render: yuan },
        { title: t("bills.col.records"), dataIndex: "records", key: "records", align: "right", responsive: ["lg"] },
      ];
  return (
    <Table<BillLineRow>
      rowKey={(l) => `${l.resourceId}|${l.priceItemId}`}
      size="small"
      dataSource={lines}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, size: "small" }}
      scroll={{ x: "max-content" }}
      rowClassName={(l) => (selected && l.resourceId === selected.resourceId && l.priceItemId === selected.priceItemId ? "ant-table-row-selected" : "")}
      onRow={(l) => ({ onClick: () => open(l), style: { cursor: "pointer" }, "data-testid": "bill-line" } as React.HTMLAttributes<HTMLElement>)}
      columns={columns}
    />
  );
}
