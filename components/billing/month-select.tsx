"use client";

import { Select } from "antd";
import { useRouter } from "next/navigation";
import { useT } from "@/components/layout/locale";

/** Picks a month among the months that have bills. */
export function MonthSelect({ months, value, basePath = "/billing" }: { months: string[]; value: string; basePath?: string }) {
  const router = useRouter();
  const { t } = useT();
  return (
    <Select
      aria-label={t("bills.period")}
      value={value}
      style={{ width: 140 }}
      options={months.map((m) => ({ value: m, label: t("bills.monthLabel", { y: m.slice(0, 4), m: Number(m.slice(5)), ym: m }) }))}
      onChange={(m: string) => router.push(`${basePath}?month=${m}`)}
    />
  );
}
