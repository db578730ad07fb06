"use client";

import { Descriptions, Drawer, Grid } from "antd";
import type { BillLineRow } from "@/lib/billing/get-bill";
import type { UsageRow } from "@/lib/metering/usage-row";
import { UsageTable } from "@/components/metering/usage-table";
import { shortDecimal, unitName, yuan } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";

/** The CDR records behind one bill line, opened from the line table; its state lives in the URL. */
export function LineUsageDrawer({ line, usage, page, pageSize, linkFiles }: { line: BillLineRow; usage: { rows: UsageRow[]; total: number }; page: number; pageSize: number; linkFiles: boolean }) {
  const { update } = useQueryState();
  const { t, locale } = useT();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open
      title={t("bills.recordsOf", { resource: line.resourceId })}
      placement={screens.md === false ? "bottom" : "right"}
      size={screens.md === false ? "85vh" : screens.xl ? 1100 : 760}
      onClose={() => update({ resource: null, item: null, rpage: null })}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: "item", label: t("bills.col.item"), children: `${line.itemName}（${line.itemCode}）` },
          { key: "price", label: t("catalog.col.price"), children: `${shortDecimal(line.unitPrice)} ${unitName(line.unit, locale)}` },
          { key: "quantity", label: t("bills.col.quantity"), children: shortDecimal(line.quantity, 10) },
          { key: "amount", label: t("bills.col.amountNet"), children: `${yuan(line.amount)} / ${yuan(line.net)}` },
        ]}
      />
      <UsageTable rows={usage.rows} total={usage.total} page={page} pageSize={pageSize} pageKey="rpage" showFile linkFiles={linkFiles} />
    </Drawer>
  );
}
