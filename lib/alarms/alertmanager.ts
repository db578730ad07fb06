import { z } from "zod";
import type { AlarmSeverity } from "../itsm/codes";
import { alarmItemSchema, invalidBatch, MAX_ALARMS_PER_CALL, pathText, type AlarmItem } from "./alarm-input";

// The Prometheus Alertmanager webhook (payload version 4) mapped onto the generic alarm:
// labels.alertname → name, labels.severity → severity, labels.instance (or resource) → resource,
// annotations.summary (or description) → summary, fingerprint → fingerprint, labels.provider / labels.department
// → the provider and department codes; every label is kept for the filters. A firing alert counts from its
// startsAt; a resolved one clears at its endsAt.

export const ALERTMANAGER_SOURCE = "alertmanager";

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "应为 RFC 3339 时间");
const stringMap = z.record(z.string(), z.string({ message: "应为字符串" })).default({});

const alertSchema = z.object({
  status: z.enum(["firing", "resolved"], { message: "status 应为 firing 或 resolved" }),
  labels: z.record(z.string(), z.string({ message: "标签值应为字符串" })).refine((l) => typeof l.alertname === "string" && l.alertname.trim() !== "", { message: "缺少 alertname 标签", path: ["alertname"] }),
  annotations: stringMap,
  startsAt: instant,
  endsAt: instant.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().max(200).optional(),
});

export const alertmanagerPayloadSchema = z.object({
  version: z.string().optional(),
  groupKey: z.string().optional(),
  receiver: z.string().optional(),
  status: z.enum(["firing", "resolved"]).optional(),
  alerts: z.array(alertSchema, { message: "alerts 应为数组" }).min(1, "alerts 为空").max(MAX_ALARMS_PER_CALL, `一次最多 ${MAX_ALARMS_PER_CALL} 条告警`),
});

const SEVERITY_WORDS: [AlarmSeverity, string[]][] = [
  ["critical", ["critical", "crit", "fatal", "emergency", "emerg", "alert", "page", "disaster", "p1", "sev1", "1"]],
  ["major", ["major", "error", "err", "high", "p2", "sev2", "2"]],
  ["minor", ["minor", "medium", "average", "p3", "sev3", "3"]],
  ["warning", ["warning", "warn", "low", "p4", "sev4", "4"]],
  ["info", ["info", "informational", "information", "notice", "none", "debug", "ok", "p5", "5"]],
];

/** An Alertmanager severity label as an alarm severity; absent or unknown words count as warning (worth a look, not a page). */
export function alertmanagerSeverity(label: string | undefined): AlarmSeverity {
  const word = (label ?? "").trim().toLowerCase();
  return SEVERITY_WORDS.find(([, words]) => words.includes(word))?.[0] ?? "warning";
}

// Alertmanager's "no end yet": the zero time of Go
const isZeroTime = (s: string | undefined) => !s || Date.parse(s) <= Date.parse("0001-01-02T00:00:00Z");

/** One webhook call as generic alarms (validated), plus when each was seen; errors name the alert: `alerts[2].labels.alertname`. */
export function mapAlertmanagerPayload(body: unknown, now: Date): { items: AlarmItem[]; seenAt: Date[] } {
  const parsed = alertmanagerPayloadSchema.safeParse(body);
  if (!parsed.success) throw invalidBatch("alarm.invalid", parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })));
  const mapped = parsed.data.alerts.map((a) => {
    const resource = a.labels.instance ?? a.labels.resource;
    const summary = a.annotations.summary ?? a.annotations.description ?? a.annotations.message;
    const at = a.status === "resolved" ? (isZeroTime(a.endsAt) ? now : new Date(a.endsAt!)) : isZeroTime(a.startsAt) ? now : new Date(a.startsAt);
    return {
      fingerprint: a.fingerprint || undefined,
      source: ALERTMANAGER_SOURCE,
      name: a.labels.alertname.trim(),
      severity: alertmanagerSeverity(a.labels.severity),
      status: a.status,
      resource: resource || undefined,
      summary: summary || undefined,
      at: at.toISOString(),
      provider: a.labels.provider || undefined,
      department: a.labels.department || undefined,
      labels: a.labels,
    };
  });
  // the mapped alarm meets the generic limits too (a 300-character instance, say)
  const checked = mapped.map((m) => alarmItemSchema.safeParse(m));
  const issues = checked.flatMap((c, i) => (c.success ? [] : c.error.issues.map((x) => ({ path: pathText(x.path, `alerts[${i}]`), message: x.message }))));
  if (issues.length) throw invalidBatch("alarm.invalid", issues);
  const items = checked.map((c) => c.data!);
  // a firing alert is re-sent every repeat interval with the same startsAt: it was last seen now
  return { items, seenAt: items.map((i) => (i.status === "firing" ? now : new Date(i.at!))) };
}
