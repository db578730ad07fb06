// Network quality metrics and which side of its threshold each must stay on.

export const NETWORK_METRICS = ["latency-ms", "loss-pct", "availability-pct"] as const;
export type NetworkMetric = (typeof NETWORK_METRICS)[number];
export const NETWORK_METRIC_NAMES: Record<NetworkMetric, string> = { "latency-ms": "时延（毫秒）", "loss-pct": "丢包率（%）", "availability-pct": "可用率（%）" };

/** max: a sample must be <= the limit (latency, loss); min: >= the limit (availability). */
export type ThresholdOp = "max" | "min";
export const METRIC_THRESHOLD_OP: Record<NetworkMetric, ThresholdOp> = { "latency-ms": "max", "loss-pct": "max", "availability-pct": "min" };

/** The thresholds in force when nothing else is set, for every target ('*'). */
export const DEFAULT_NETWORK_THRESHOLDS: Record<NetworkMetric, string> = { "latency-ms": "50", "loss-pct": "1", "availability-pct": "99.9" };

/** The threshold row that applies to every target. */
export const ANY_TARGET = "*";
