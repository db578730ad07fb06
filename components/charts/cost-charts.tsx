"use client";

import { useRouter } from "next/navigation";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { yuan } from "@/components/ui/format";
import { useT } from "@/components/layout/locale";

// Drawn without animation, so that what a screenshot or a test sees is the final chart.
// recharts draws numbers; the figures arrive as exact decimal strings and are converted here, for drawing only.
const num = (s: string) => Number(s);
const PALETTE = ["#1f5fbf", "#13a8a8", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96"];
/** Axis ticks in the reader's units: 万 in Chinese, k in English. */
const axisYuan = (locale: string) => (v: number) =>
  locale === "en" ? (Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(Math.abs(v) >= 10_000 ? 0 : 1)}k` : String(v))
  : Math.abs(v) >= 10_000 ? `${(v / 10_000).toFixed(Math.abs(v) >= 100_000 ? 0 : 1)}万` : String(v);

export type CostBar = { code: string; name: string; net: string; previousNet: string; href?: string };

/** This month against last month, one pair of bars per department or provider; a click opens the list behind the bar. */
export function CostCompareChart({ rows, month, previousMonth, height = 280 }: { rows: CostBar[]; month: string; previousMonth: string; height?: number }) {
  const router = useRouter();
  const { locale } = useT();
  const data = rows.map((r) => ({ ...r, current: num(r.net), previous: num(r.previousNet) }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} onClick={(e) => { const href = data[Number(e?.activeIndex)]?.href; if (href) router.push(href); }} style={{ cursor: rows.some((r) => r.href) ? "pointer" : undefined }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="code" tick={{ fontSize: 12 }} interval={0} />
        <YAxis tickFormatter={axisYuan(locale)} tick={{ fontSize: 12 }} width={48} />
        <Tooltip formatter={(_v, name, item) => [yuan(name === previousMonth ? item.payload.previousNet : item.payload.net), String(name)]} labelFormatter={(_l, p) => p?.[0]?.payload?.name ?? ""} />
        <Legend />
        <Bar dataKey="previous" name={previousMonth} fill="#bfbfbf" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="current" name={month} fill={PALETTE[0]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Cost per month over a year, stacked by provider; a click opens that month's bills. */
export function CostTrendChart({ points, providers, linked, height = 260 }: { points: { month: string; net: string; byProvider: Record<string, string> }[]; providers: string[]; linked: boolean; height?: number }) {
  const router = useRouter();
  const { locale } = useT();
  const data = points.map((p) => ({ month: p.month, net: p.net, byProvider: p.byProvider, ...Object.fromEntries(providers.map((c) => [c, num(p.byProvider[c] ?? "0")])) }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} onClick={(e) => { const i = Number(e?.activeIndex); if (linked && Number.isInteger(i) && data[i]) router.push(`/billing?month=${data[i].month}`); }} style={{ cursor: linked ? "pointer" : undefined }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={axisYuan(locale)} tick={{ fontSize: 12 }} width={48} />
        <Tooltip formatter={(_v, name, item) => [yuan(item.payload.byProvider[String(name)] ?? "0"), String(name)]} />
        <Legend />
        {providers.map((c, i) => <Bar key={c} dataKey={c} stackId="cost" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />)}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Files received per hour against the files expected: dips below the line are gaps. */
export function FileHoursChart({ hours, height = 220 }: { hours: { hour: string; received: number; expected: number }[]; height?: number }) {
  const { t } = useT();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <AreaChart data={hours} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="hour" tick={{ fontSize: 11 }} tickFormatter={(h: string) => h.slice(5, 10)} minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={36} domain={[0, (max: number) => Math.max(1, Math.ceil(max * 1.25))]} />
        <Tooltip />
        <Legend />
        <Area type="stepAfter" dataKey="expected" name={t("chart.expected")} stroke="#bfbfbf" fill="none" strokeDasharray="4 2" isAnimationActive={false} />
        <Area type="stepAfter" dataKey="received" name={t("chart.received")} stroke={PALETTE[1]} fill={PALETTE[1]} fillOpacity={0.3} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
