import { createHash } from "node:crypto";
import { z } from "zod";
import { ALARM_SEVERITIES, type AlarmSeverity } from "../itsm/codes";
import { AppError } from "../errors";
import type { AlarmAttributes } from "./matchers";

// What the intake API accepts: one generic JSON alarm or a list of them, and how an alarm becomes the attributes
// the filters match on and the fingerprint that dedups it.

export const MAX_ALARMS_PER_CALL = 1000;
export const ALARM_NOTIFICATION_STATUSES = ["firing", "resolved"] as const;

const optionalText = (max: number, what: string) =>
  z.string({ message: `${what}应为字符串` }).trim().max(max, `${what}最多 ${max} 个字符`).optional().transform((v) => (v ? v : undefined));

export const alarmItemSchema = z.object({
  fingerprint: optionalText(200, "fingerprint"),
  source: z.string({ message: "请填写 source（告警来源）" }).trim().min(1, "请填写 source（告警来源）").max(100, "source 最多 100 个字符"),
  name: z.string({ message: "请填写 name（告警名称）" }).trim().min(1, "请填写 name（告警名称）").max(200, "name 最多 200 个字符"),
  severity: z.enum(ALARM_SEVERITIES, { message: `severity 应为 ${ALARM_SEVERITIES.join("、")} 之一` }),
  status: z.enum(ALARM_NOTIFICATION_STATUSES, { message: "status 应为 firing 或 resolved" }).default("firing"),
  resource: optionalText(300, "resource"),
  summary: z.string({ message: "summary 应为字符串" }).max(4000, "summary 最多 4000 个字符").optional(),
  at: z.iso.datetime({ offset: true, message: "at 应为带时区的 ISO 时间，如 2026-03-01T08:00:00+08:00" }).optional(),
  provider: optionalText(50, "provider"),
  department: optionalText(50, "department"),
  labels: z.record(z.string().max(100, "标签名最多 100 个字符"), z.string({ message: "标签值应为字符串" }).max(1000, "标签值最多 1000 个字符"), { message: "labels 应为字符串到字符串的对象" })
    .refine((l) => Object.keys(l).length <= 64, "labels 最多 64 个").optional(),
  tags: z.array(z.string({ message: "标签应为字符串" }).trim().min(1, "标签不能为空").max(100, "标签最多 100 个字符"), { message: "tags 应为字符串数组" }).max(50, "tags 最多 50 个").optional(),
});
export type AlarmItem = z.output<typeof alarmItemSchema>;

/** A zod path as the API reports it: `[2].labels.env`, or `severity` for a single object. */
export function pathText(path: readonly PropertyKey[], prefix = ""): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), prefix);
}

/** A refused batch: every wrong field by its path, nothing written. */
export function invalidBatch(code: string, issues: { path: string; message: string }[]): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const i of issues) (fieldErrors[i.path || "body"] ??= []).push(i.message);
  const first = issues[0];
  const more = issues.length > 1 ? `（共 ${issues.length} 处错误）` : "";
  return new AppError(code, `${first.path ? `${first.path}：` : ""}${first.message}${more}`, { fieldErrors }, 400);
}

/** One alarm or a list of up to 1000, validated as a whole: a single wrong item refuses the batch. */
export function parseAlarmBatch(body: unknown): { items: AlarmItem[]; single: boolean } {
  const single = !Array.isArray(body);
  if (!single && (body as unknown[]).length > MAX_ALARMS_PER_CALL) throw invalidBatch("alarm.invalid", [{ path: "", message: `一次最多上报 ${MAX_ALARMS_PER_CALL} 条告警` }]);
  if (!single && (body as unknown[]).length === 0) throw invalidBatch("alarm.invalid", [{ path: "", message: "告警列表为空" }]);
  if (single && (typeof body !== "object" || body === null)) throw invalidBatch("alarm.invalid", [{ path: "", message: "请求体应为一个告警对象或告警数组" }]);
  const parsed = (single ? alarmItemSchema.transform((a) => [a]) : z.array(alarmItemSchema)).safeParse(body);
  if (!parsed.success) throw invalidBatch("alarm.invalid", parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })));
  return { items: parsed.data, single };
}

/**
 * The attributes filters and rules match on: the labels, each tag t as `tag:t` = "true", and source, name,
 * severity, resource, provider (code) and department (code) when present. The named fields win over labels of the
 * same name (an Alertmanager `severity: page` label is matched as the severity it maps to).
 */
export function alarmAttributes(a: {
  source: string; name: string; severity: AlarmSeverity; resource?: string | null; labels?: Record<string, string>; tags?: string[];
  providerCode?: string | null; departmentCode?: string | null;
}): AlarmAttributes {
  const attributes: AlarmAttributes = { ...(a.labels ?? {}) };
  for (const tag of a.tags ?? []) attributes[`tag:${tag}`] = "true";
  attributes.source = a.source;
  attributes.name = a.name;
  attributes.severity = a.severity;
  if (a.resource) attributes.resource = a.resource;
  if (a.providerCode) attributes.provider = a.providerCode;
  if (a.departmentCode) attributes.department = a.departmentCode;
  return attributes;
}

/** The default fingerprint: a sha256 over source, name, resource and the labels sorted by name. */
export function defaultFingerprint(a: { source: string; name: string; resource?: string | null; labels?: Record<string, string> }): string {
  const labels = Object.entries(a.labels ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return createHash("sha256").update(JSON.stringify([a.source, a.name, a.resource ?? null, labels])).digest("hex");
}

/**
 * The key an occurrence is deduplicated on: the reported (or default) fingerprint within the alarm's provider, so
 * that two providers reporting the same fingerprint never count on, or clear, each other's alarm.
 */
export function dedupKey(fingerprint: string, providerId: number | null): string {
  return providerId === null ? fingerprint : `p${providerId}:${fingerprint}`;
}
