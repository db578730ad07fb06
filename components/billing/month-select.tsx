"use client";

import { Select } from "antd";
import { useRouter } from "next/navigation";

/** Picks a month among the months that have bills. */
export function MonthSelect({ months, value, basePath = "/billing" }: { months: string[]; value: string; basePath?: string }) {
  const router = useRouter();
  return (
    <Select
      aria-label="账期"
      value={value}
      style={{ width: 140 }}
      options={months.map((m) => ({ value: m, label: `${m.slice(0, 4)} 年 ${Number(m.slice(5))} 月` }))}
      onChange={(m: string) => router.push(`${basePath}?month=${m}`)}
    />
  );
}
