"use client";

import { Table, Typography } from "antd";
import type { CdrErrorRow } from "@/lib/metering/list-cdr-errors";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";

/** A file's error rows: line number, reason, and the raw line as received. */
export function CdrErrorTable({ rows, total, page, pageSize }: { rows: CdrErrorRow[]; total: number; page: number; pageSize: number }) {
  const { update, pending } = useQueryState();
  const { t } = useT();
  return (
    <Table<CdrErrorRow>
      rowKey="lineNo"
      size="small"
      loading={pending}
      dataSource={rows}
      columns={[
        { title: t("metering.col.lineNo"), dataIndex: "lineNo", key: "lineNo", width: 64, align: "right" },
        // reason above the raw line, which wraps: it is the evidence and must be readable whole, also on a phone
        { title: t("metering.errors.col.reasonRaw"), key: "reason", render: (_, e) => <><Typography.Text type="danger">{e.reason}</Typography.Text><div className="raw-line">{e.raw}</div></> },
      ]}
      pagination={{ current: page, pageSize, total, showSizeChanger: false, showTotal: (n) => t("metering.errors.total", { n }), size: "small", hideOnSinglePage: true }}
      onChange={(p) => update({ epage: p.current === 1 ? null : p.current })}
    />
  );
}
