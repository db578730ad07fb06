"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/components/layout/locale";

// Drawn without animation, so that what a screenshot or a test sees is the final chart. The figures arrive as
// exact decimal strings and are converted here, for drawing only.
const num = (s: string) => Number(s);
const PALETTE = ["#1f5fbf", "#13a8a8", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96", "#2f54eb", "#a0d911"];
const PASS = "#1f5fbf";
const FAIL = "#cf1322";

export type MetricBar = { target: string; average: string; meets: boolean | null; limit: string | null };

/**
 * One metric's monthly average per link as horizontal bars (link names stay readable), against the threshold for
 * every link; a link failing its own threshold is red. Availability is drawn from just below its lowest value,
 * where the differences are.
 */
export function NetworkMetricChart({ bars, limit, unit, zoom = false, height }: { bars: MetricBar[]; limit: string | null; unit: string; zoom?: boolean; height?: number }) {
  const { t } = useT();
  const data = bars.map((b) => ({ ...b, value: num(b.average) }));
  const values = data.map((d) => d.value).concat(limit ? [num(limit)] : []);
  const domain: [number, number] = zoom ? [Math.max(0, Math.floor((Math.min(...values) - 0.05) * 10) / 10), 100] : [0, Math.ceil(Math.max(...values, 0) * 1.15 * 100) / 100 || 1];
  return (
    <ResponsiveContainer width="100%" height={height ?? Math.max(140, 44 * data.length + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 16, right: 16, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tick={{ fontSize: 11 }} domain={domain} allowDataOverflow />
        <YAxis type="category" dataKey="target" tick={{ fontSize: 11 }} width={104} interval={0} tickFormatter={(v: string) => (v.length > 12 ? `${v.slice(0, 11)}…` : v)} />
        <Tooltip formatter={(_v, _n, item) => [`${item.payload.average} ${unit}${item.payload.limit ? `（${t("network.chart.threshold")} ${item.payload.limit}）` : ""}`, t("network.col.average")]} />
        {limit && <ReferenceLine x={num(limit)} stroke={FAIL} strokeDasharray="4 3" label={{ value: `${t("network.chart.threshold")} ${limit}`, position: "top", fontSize: 11, fill: FAIL }} />}
        <Bar dataKey="value" name={t("network.col.average")} radius={[0, 3, 3, 0]} barSize={18} isAnimationActive={false}>
          {data.map((d) => <Cell key={d.target} fill={d.meets === false ? FAIL : PASS} />)}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Availability per link per month over a year, against the threshold; months without samples leave a gap. */
export function AvailabilityTrendChart({ points, targets, limit, height = 280 }: { points: { month: string; values: Record<string, string | null> }[]; targets: string[]; limit: string | null; height?: number }) {
  const { t } = useT();
  const data = points.map((p) => ({ month: p.month, ...Object.fromEntries(targets.map((x) => [x, p.values[x] === null ? null : num(p.values[x]!)])) }));
  const values = points.flatMap((p) => Object.values(p.values).filter((v): v is string => v !== null).map(num));
  const floor = Math.min(...values, limit ? num(limit) : 100);
  const lower = Math.max(0, Math.floor((floor - 0.05) * 10) / 10);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 16, right: 12, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} tickFormatter={(m: string) => m.slice(2)} />
        <YAxis tick={{ fontSize: 12 }} width={48} domain={[lower, 100]} allowDataOverflow tickFormatter={(v: number) => v.toFixed(1)} />
        <Tooltip formatter={(v, name) => [v === null || v === undefined ? "—" : `${Number(v).toFixed(3)}%`, String(name)]} />
        <Legend />
        {limit && <ReferenceLine y={num(limit)} stroke={FAIL} strokeDasharray="4 3" label={{ value: `${t("network.chart.threshold")} ${limit}%`, position: "insideBottomRight", fontSize: 11, fill: FAIL }} />}
        {targets.map((x, i) => <Line key={x} type="linear" dataKey={x} stroke={PALETTE[i % PALETTE.length]} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />)}
      </LineChart>
    </ResponsiveContainer>
  );
}
