// What the message center knows of each event type: what it is about (its category: which permission reads it,
// who may receive it), its template variables and sample data for the template preview. Pure: the admin page's
// client preview imports it too.
import { EVENT_TYPES, type EventPayloads, type EventType } from "../events/emit-event";
import type { Permission } from "../auth/permissions";
import type { Locale } from "../i18n/locale";
import { ALARM_SEVERITIES, SEVERITIES, WORK_ORDER_KINDS } from "../itsm/codes";
import { translate, type MessageKey } from "../i18n/messages";

export { EVENT_TYPES, type EventType };

export type EventCategory = "request" | "workorder" | "alarm" | "bill" | "file";

export const EVENT_CATEGORY: Record<EventType, EventCategory> = {
  "request.submitted": "request", "request.reviewed": "request",
  "workorder.assigned": "workorder", "workorder.resolved": "workorder", "workorder.reopened": "workorder", "workorder.warning": "workorder", "workorder.breached": "workorder", "workorder.pause-requested": "workorder",
  "alarm.unacked": "alarm", "bill.ready": "bill", "file.quarantined": "file",
};

export const isEventType = (v: string): v is EventType => (EVENT_TYPES as readonly string[]).includes(v);

/** The Chinese names (server-side texts, audit summaries); the portal's words are notify.event.<type>. */
export const EVENT_TYPE_NAMES: Record<EventType, string> = {
  "request.submitted": "服务申请提交", "request.reviewed": "服务申请审核结果", "workorder.assigned": "工单派单", "workorder.resolved": "工单已解决", "workorder.reopened": "工单被重新打开",
  "workorder.warning": "工单即将超时", "workorder.breached": "工单超时", "workorder.pause-requested": "工单挂起申请", "alarm.unacked": "告警未确认",
  "bill.ready": "账单已出", "file.quarantined": "计量文件隔离",
};

/** Any one of these lets a user open what the category's events are about. */
export const CATEGORY_READ: Record<EventCategory, Permission[]> = {
  request: ["itsm.request.submit", "itsm.request.review", "itsm.workorder.read"],
  workorder: ["itsm.workorder.read"],
  alarm: ["alarm.read"],
  bill: ["billing.read"],
  file: ["metering.files.read"],
};

/** Who works the category's events at a provider (the `provider` recipients), and who supervises them (`supervisors`). */
export const CATEGORY_HANDLER: Partial<Record<EventCategory, Permission>> = { request: "itsm.workorder.handle", workorder: "itsm.workorder.handle", alarm: "alarm.handle", file: "metering.files.read" };
export const CATEGORY_SUPERVISOR: Record<EventCategory, { permission: Permission; scopeAll: boolean }> = {
  request: { permission: "itsm.workorder.manage", scopeAll: false },
  workorder: { permission: "itsm.workorder.manage", scopeAll: false },
  alarm: { permission: "alarm.handle", scopeAll: true },
  bill: { permission: "billing.close", scopeAll: false },
  file: { permission: "billing.close", scopeAll: false },
};

/** The recipient kinds of rules; role:<code> names every user of a role besides these. */
export const RECIPIENT_KINDS = ["assignee", "requester", "provider", "department", "supervisors"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const RECIPIENT_KIND_NAMES: Record<RecipientKind, string> = {
  assignee: "处理人", requester: "申请人", provider: "服务商处理人员", department: "使用单位人员", supervisors: "监管人员",
};
/** The kinds an event of the category can name someone for (the others would always resolve to nobody). */
export const CATEGORY_RECIPIENTS: Record<EventCategory, RecipientKind[]> = {
  request: ["requester", "provider", "department", "supervisors"],
  workorder: ["assignee", "requester", "provider", "department", "supervisors"],
  alarm: ["provider", "department", "supervisors"],
  bill: ["department", "supervisors"],
  file: ["provider", "supervisors"],
};
export const ROLE_RECIPIENT = /^role:([A-Za-z0-9_.-]+)$/;

/** inapp is the bell; the others are external channels with a sender (lib/messages/channels.ts). */
export const CHANNEL_CODES = ["inapp", "email"] as const;
export type ChannelCode = (typeof CHANNEL_CODES)[number];
export const CHANNEL_NAMES: Record<ChannelCode, string> = { inapp: "站内信", email: "邮件" };

const COMMON_VARIABLES = ["link", "eventTime"];
const WORK_ORDER_VARIABLES = ["number", "title", "kindName", "severityName", "providerName", "departmentName"];
const REQUEST_VARIABLES = ["number", "title", "providerName", "departmentName"];

/** The variables a template of the event may use, as the admin page lists them (payload ids work too but read poorly). */
export const EVENT_VARIABLES: Record<EventType, string[]> = {
  "request.submitted": [...REQUEST_VARIABLES, ...COMMON_VARIABLES],
  "request.reviewed": [...REQUEST_VARIABLES, "decisionName", "comment", ...COMMON_VARIABLES],
  "workorder.assigned": [...WORK_ORDER_VARIABLES, ...COMMON_VARIABLES],
  "workorder.resolved": [...WORK_ORDER_VARIABLES, ...COMMON_VARIABLES],
  "workorder.reopened": [...WORK_ORDER_VARIABLES, "reason", ...COMMON_VARIABLES],
  "workorder.warning": [...WORK_ORDER_VARIABLES, "targetName", "dueAt", ...COMMON_VARIABLES],
  "workorder.breached": [...WORK_ORDER_VARIABLES, "targetName", "dueAt", ...COMMON_VARIABLES],
  "workorder.pause-requested": [...WORK_ORDER_VARIABLES, "reason", ...COMMON_VARIABLES],
  "alarm.unacked": ["name", "severityName", "resource", "source", "minutes", "level", "providerName", "departmentName", ...COMMON_VARIABLES],
  "bill.ready": ["month", "departmentName", "net", ...COMMON_VARIABLES],
  "file.quarantined": ["path", "fileName", "reason", ...COMMON_VARIABLES],
};

const WORK_ORDER_SAMPLE = {
  workOrderId: 12, number: "WO-20261204-0012", title: "卫健委门户网站无法访问", kind: "fault", severity: "p2",
  providerId: 1, departmentId: 1, assigneeId: 5, requesterId: 4,
};
const REQUEST_SAMPLE = { requestId: 7, number: "SR-20261204-0007", title: "新增 2 台云服务器", departmentId: 1, providerId: 1, requesterId: 4 };

/** Sample payloads for the preview (and the demo). */
export const SAMPLE_PAYLOADS: { [T in EventType]: EventPayloads[T] } = {
  "request.submitted": REQUEST_SAMPLE,
  "request.reviewed": { ...REQUEST_SAMPLE, decision: "returned", comment: "请补充资源规格" },
  "workorder.assigned": WORK_ORDER_SAMPLE,
  "workorder.resolved": WORK_ORDER_SAMPLE,
  "workorder.reopened": { ...WORK_ORDER_SAMPLE, reason: "问题仍然存在" },
  "workorder.warning": { ...WORK_ORDER_SAMPLE, target: "resolution", dueAt: "2026-12-04T03:00:00.000Z" },
  "workorder.breached": { ...WORK_ORDER_SAMPLE, target: "response", dueAt: "2026-12-04T03:00:00.000Z" },
  "workorder.pause-requested": { ...WORK_ORDER_SAMPLE, reason: "等待用户提供账号" },
  "alarm.unacked": { alarmId: 31, name: "主机 CPU 使用率过高", severity: "major", resource: "vm-0042", source: "prometheus", providerId: 1, departmentId: 1, minutes: 30, level: 1 },
  "bill.ready": { month: "2026-11", departmentId: 1, departmentName: "市卫生健康委员会", net: "12345.60" },
  "file.quarantined": { fileId: 88, path: "rds/HWS_cn-sh-gov-1_rds_20250317010000_001_017.csv.gz", reason: "unexpected end of file" },
};
/** What the sample payloads' ids stand for: the names a dispatch looks up. */
export const SAMPLE_NAMES = { providerName: "中国电信政务云", departmentName: "市卫生健康委员会", departmentCode: "WJW" };

// kinds and severities are named as the pages name them (lib/i18n), so a notification and the list agree
const named = (locale: Locale, prefix: string, codes: readonly string[], c: string) => (codes.includes(c) ? translate(locale, `${prefix}.${c}` as MessageKey) : c);
const TARGET_NAMES: Record<Locale, Record<string, string>> = { "zh-CN": { response: "响应", resolution: "解决" }, en: { response: "response", resolution: "resolution" } };
const DECISION_NAMES: Record<Locale, Record<string, string>> = {
  "zh-CN": { approved: "已通过", returned: "已退回", rejected: "已驳回" },
  en: { approved: "approved", returned: "returned", rejected: "rejected" },
};

/** The names templates show for codes, in a language (unknown codes show as they are). */
export const codeNames = (locale: Locale) => ({
  kind: (c: string) => named(locale, "itsm.kind", WORK_ORDER_KINDS, c),
  severity: (c: string) => named(locale, "itsm.severity", SEVERITIES, c),
  alarmSeverity: (c: string) => named(locale, "alarm.severity", ALARM_SEVERITIES, c),
  target: (c: string) => TARGET_NAMES[locale][c] ?? c,
  decision: (c: string) => DECISION_NAMES[locale][c] ?? c,
});
