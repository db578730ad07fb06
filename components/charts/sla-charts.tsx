"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { percent } from "@/components/ui/format";

// Drawn without animation, so that what a screenshot or a test sees is the final chart. Rates arrive as exact
// decimal strings ("0.6667"); they become numbers here for drawing only, and the tooltips show the strings.
const PALETTE = ["#1f5fbf", "#13a8a8", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96"];
const MUTED = "#bfbfbf";
const toPercent = (rate: string | null) => (rate === null ? null : Number(rate) * 100);
const shortName = (name: string) => (name.length > 8 ? `${name.slice(0, 8)}…` : name);

export type ProviderRates = { providerId: number; name: string; responseRate: string | null; resolutionRate: string | null; href: string };

/** On-time response and resolution rates, a pair of bars per provider; a click opens the provider's work orders of the month. */
export function OnTimeRatesChart({ rows, labels, height = 260 }: { rows: ProviderRates[]; labels: { response: string; resolution: string }; height?: number }) {
  const router = useRouter();
  const data = rows.map((r) => ({ ...r, short: shortName(r.name), response: toPercent(r.responseRate), resolution: toPercent(r.resolutionRate) }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }} style={{ cursor: "pointer" }} onClick={(e) => { const href = data[Number(e?.activeIndex)]?.href; if (href) router.push(href); }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="short" tick={{ fontSize: 12 }} interval={0} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} width={44} />
        <Tooltip
          labelFormatter={(_l, p) => p?.[0]?.payload?.name ?? ""}
          formatter={(_v, name, item) => { const rate = name === labels.response ? item.payload.responseRate : item.payload.resolutionRate; return [rate === null ? "—" : percent(rate), String(name)]; }}
        />
        <Legend itemSorter={null} />
        <Bar dataKey="response" name={labels.response} fill={PALETTE[0]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="resolution" name={labels.resolution} fill={PALETTE[1]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** muted: the unclassified share, drawn grey */
export type ReasonSeries = { key: string; label: string; muted?: boolean };
export type ProviderReasons = { providerId: number; name: string; counts: Record<string, number>; hrefs: Record<string, string> };

/** Breached work orders per provider, stacked by delay reason; a click on a segment opens those work orders. */
export function BreachReasonsChart({ rows, reasons, height = 260 }: { rows: ProviderReasons[]; reasons: ReasonSeries[]; height?: number }) {
  const router = useRouter();
  const data = rows.map((r) => ({ ...r, short: shortName(r.name), ...Object.fromEntries(reasons.map((s) => [s.key, r.counts[s.key] ?? 0])) }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="short" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
        <Tooltip labelFormatter={(_l, p) => p?.[0]?.payload?.name ?? ""} />
        {/* in the series' order (the dictionary's), not alphabetically */}
        <Legend itemSorter={null} />
        {reasons.map((s, i) => (
          <Bar
            key={s.key} dataKey={s.key} name={s.label} stackId="reasons" fill={s.muted ? MUTED : PALETTE[i % PALETTE.length]} isAnimationActive={false} style={{ cursor: "pointer" }}
            onClick={(entry: { payload?: ProviderReasons }) => { const href = entry?.payload?.hrefs[s.key]; if (href) router.push(href); }}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export type TrendSeries = { providerId: number; name: string };
export type TrendMonth = { month: string; href: string; rates: Record<number, string | null>; breaches: Record<number, number> };

/** The on-time resolution rate per provider over the months (a gap where nothing was due); a click opens that month's work orders. */
export function ResolutionTrendChart({ months, providers, breachesLabel, height = 260 }: { months: TrendMonth[]; providers: TrendSeries[]; breachesLabel: string; height?: number }) {
  const router = useRouter();
  const data = months.map((m) => ({ ...m, ...Object.fromEntries(providers.map((p) => [`p${p.providerId}`, toPercent(m.rates[p.providerId] ?? null)])) }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 12, left: 0, bottom: 0 }} style={{ cursor: "pointer" }} onClick={(e) => { const href = data[Number(e?.activeIndex)]?.href; if (href) router.push(href); }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} tickFormatter={(m: string) => m.slice(2)} minTickGap={8} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} width={44} />
        <Tooltip
          formatter={(_v, name, item) => {
            const p = providers.find((x) => x.name === name);
            const rate = p ? item.payload.rates[p.providerId] : null;
            return [`${rate == null ? "—" : percent(rate)} · ${breachesLabel} ${p ? item.payload.breaches[p.providerId] ?? 0 : 0}`, String(name)];
          }}
        />
        <Legend itemSorter={null} />
        {providers.map((p, i) => <Line key={p.providerId} type="linear" dataKey={`p${p.providerId}`} name={p.name} stroke={PALETTE[i % PALETTE.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />)}
      </LineChart>
    </ResponsiveContainer>
  );
}
