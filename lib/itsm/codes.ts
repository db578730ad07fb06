// The codes of the service desk, shared by requests, work orders, SLA policies and alarms. Names in both
// languages live in lib/i18n/messages-itsm.ts (itsm.kind.<code>, itsm.severity.<code>, itsm.status.<code>);
// the Chinese names here are for server-side messages.

export const WORK_ORDER_KINDS = ["fault", "change", "provisioning", "inspection", "consultation"] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];
export const WORK_ORDER_KIND_NAMES: Record<WorkOrderKind, string> = { fault: "故障", change: "变更", provisioning: "开通", inspection: "巡检", consultation: "咨询" };

/** p1 is the most urgent. */
export const SEVERITIES = ["p1", "p2", "p3", "p4"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { p1: "紧急", p2: "高", p3: "中", p4: "低" };

/** The work-order-status dictionary's fixed codes, in workflow order. */
export const WORK_ORDER_STATUSES = ["new", "assigned", "in-progress", "pending", "resolved", "closed", "cancelled"] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
/** Chinese names for server-side messages and exports (the portal shows the dictionary's names). */
export const WORK_ORDER_STATUS_NAMES: Record<WorkOrderStatus, string> = { new: "待受理", assigned: "已派单", "in-progress": "处理中", pending: "挂起", resolved: "已解决", closed: "已关闭", cancelled: "已取消" };
export const OPEN_WORK_ORDER_STATUSES = ["new", "assigned", "in-progress", "pending"] as const satisfies readonly WorkOrderStatus[];

export const REQUEST_KINDS = ["service", "fault"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ["submitted", "returned", "rejected", "approved", "cancelled"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** SLA clocks: working time on the calendar, or calendar time (24x7). */
export const SLA_CLOCKS = ["working", "calendar"] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export const ALARM_SEVERITIES = ["critical", "major", "minor", "warning", "info"] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
/** The work order severity an alarm opens at. */
export const ALARM_TO_WORK_ORDER_SEVERITY: Record<AlarmSeverity, Severity> = { critical: "p1", major: "p2", minor: "p3", warning: "p4", info: "p4" };
