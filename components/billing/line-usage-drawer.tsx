"use client";

import { Descriptions, Drawer, Grid } from "antd";
import type { BillLineRow } from "@/lib/billing/get-bill";
import type { UsageRow } from "@/lib/metering/usage-row";
import { UsageTable } from "@/components/metering/usage-table";
import { shortDecimal, unitName, yuan } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";

/** The CDR records behind one bill line, opened from the line table; its state lives in the URL. */
export function LineUsageDrawer({ line, usage, page, pageSize }: { line: BillLineRow; usage: { rows: UsageRow[]; total: number }; page: number; pageSize: number }) {
  const { update } = useQueryState();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open
      title={`话单明细 · ${line.resourceId}`}
      placement={screens.md === false ? "bottom" : "right"}
      size={screens.md === false ? "85vh" : screens.xl ? 1100 : 760}
      onClose={() => update({ resource: null, item: null, rpage: null })}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: "item", label: "计费项", children: `${line.itemName}（${line.itemCode}）` },
          { key: "price", label: "单价", children: `${shortDecimal(line.unitPrice)} ${unitName(line.unit)}` },
          { key: "quantity", label: "数量", children: shortDecimal(line.quantity, 10) },
          { key: "amount", label: "金额 / 折后", children: `${yuan(line.amount)} / ${yuan(line.net)}` },
        ]}
      />
      <UsageTable rows={usage.rows} total={usage.total} page={page} pageSize={pageSize} pageKey="rpage" showFile />
    </Drawer>
  );
}
