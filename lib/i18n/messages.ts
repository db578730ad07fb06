// The portal's two languages: zh-CN first, English second. The frame's and the home page's words live here,
// the other pages' in messages-pages.ts (catalog, bills, org), messages-metering.ts, messages-admin.ts, and for
// operations messages-itsm.ts (requests, work orders), messages-sla.ts (SLAs, calendar, timeliness), messages-alarms.ts
// (alarms, filters, network quality) and messages-notify.ts (the message center).

import { ADMIN_MESSAGES } from "./messages-admin";
import { ALARM_MESSAGES } from "./messages-alarms";
import { ITSM_MESSAGES } from "./messages-itsm";
import { NOTIFY_MESSAGES } from "./messages-notify";
import { SLA_MESSAGES } from "./messages-sla";
import { METERING_MESSAGES } from "./messages-metering";
import { PAGE_MESSAGES } from "./messages-pages";
import type { Locale, Messages } from "./locale";

export const LOCALES = ["zh-CN", "en"] as const;
export type { Locale } from "./locale";
export const LOCALE_COOKIE = "locale";

export function asLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : "zh-CN";
}

const FRAME_MESSAGES = {
  "app.name": { "zh-CN": "政务云监管平台", en: "Gov Cloud Supervision" },
  "app.short": { "zh-CN": "监管", en: "GCS" },
  "nav.home": { "zh-CN": "首页", en: "Home" },
  "nav.catalog": { "zh-CN": "服务目录", en: "Service catalog" },
  "nav.bills": { "zh-CN": "账单", en: "Bills" },
  "nav.files": { "zh-CN": "计量文件", en: "CDR files" },
  "nav.exceptions": { "zh-CN": "异常", en: "Exceptions" },
  "nav.users": { "zh-CN": "用户管理", en: "Users" },
  "nav.roles": { "zh-CN": "角色与权限", en: "Roles" },
  "nav.org": { "zh-CN": "组织机构", en: "Organisations" },
  "nav.audit": { "zh-CN": "审计日志", en: "Audit log" },
  "nav.dictionaries": { "zh-CN": "数据字典", en: "Dictionaries" },
  "nav.announcements": { "zh-CN": "公告", en: "Announcements" },
  "nav.tokens": { "zh-CN": "API 令牌", en: "API tokens" },
  "nav.group.service": { "zh-CN": "服务工单", en: "Service desk" },
  "nav.group.monitoring": { "zh-CN": "监控告警", en: "Monitoring" },
  "nav.group.billing": { "zh-CN": "计量计费", en: "Metering and billing" },
  "nav.group.admin": { "zh-CN": "系统管理", en: "Administration" },
  "nav.requests": { "zh-CN": "服务申请", en: "Service requests" },
  "nav.workOrders": { "zh-CN": "工单", en: "Work orders" },
  "nav.timeliness": { "zh-CN": "时效统计", en: "Timeliness" },
  "nav.sla": { "zh-CN": "SLA 与工作日历", en: "SLAs and calendar" },
  "nav.alarms": { "zh-CN": "告警", en: "Alarms" },
  "nav.alarmPolicies": { "zh-CN": "过滤策略与规则", en: "Filters and rules" },
  "nav.network": { "zh-CN": "网络质量", en: "Network quality" },
  "nav.messages": { "zh-CN": "消息中心", en: "Messages" },
  "nav.messageRules": { "zh-CN": "消息模板与规则", en: "Message templates and rules" },
  // built-in roles' names in the header badge (custom roles show the name they were given)
  "role.admin": { "zh-CN": "系统管理员", en: "Administrator" },
  "role.supervisor": { "zh-CN": "监管人员", en: "Supervisor" },
  "role.leader": { "zh-CN": "领导", en: "Official" },
  "role.tenant": { "zh-CN": "使用单位", en: "Department user" },
  "role.provider": { "zh-CN": "服务商", en: "Provider" },
  "header.menu": { "zh-CN": "菜单", en: "Menu" },
  "header.signOut": { "zh-CN": "退出", en: "Sign out" },
  "header.signOutEverywhere": { "zh-CN": "退出所有设备（并撤销 API 令牌）", en: "Sign out everywhere (and revoke API tokens)" },
  "header.signOutLabel": { "zh-CN": "退出登录", en: "Sign out" },
  "header.language": { "zh-CN": "语言", en: "Language" },
  "home.title": { "zh-CN": "首页概览", en: "Overview" },
  "home.greeting": { "zh-CN": "{name}，您好", en: "Hello, {name}" },
  "home.todos": { "zh-CN": "待办", en: "To do" },
  "home.noTodos": { "zh-CN": "暂无待办事项", en: "Nothing awaits you" },
  "home.announcements": { "zh-CN": "公告", en: "Announcements" },
  "home.noAnnouncements": { "zh-CN": "暂无公告", en: "No announcements" },
  "todo.exceptionsToResolve": { "zh-CN": "待处理的计量异常（未归属 ProjectID / 未定价规格）", en: "Metering exceptions to resolve (unassigned ProjectIDs / unrated specs)" },
  "todo.exceptions": { "zh-CN": "计量异常（未归属 / 未定价）", en: "Metering exceptions (unassigned / unrated)" },
  "todo.badFiles": { "zh-CN": "隔离或不完整的计量文件", en: "Quarantined or incomplete CDR files" },
  "todo.drafts": { "zh-CN": "待发布的价格草稿", en: "Price drafts to publish" },
  "todo.closeMonth": { "zh-CN": "{month} 已结束，账单待月结", en: "{month} has ended: its bills await closing" },
  "todo.alarmsUnacked": { "zh-CN": "超时未确认的告警（已升级）", en: "Alarms not acknowledged in time (escalated)" },
  "todo.locked": { "zh-CN": "因密码错误被锁定的账号", en: "Accounts locked after wrong passwords" },
  "home.more": { "zh-CN": "展开", en: "more" },
  "home.important": { "zh-CN": "重要", en: "Important" },
  "home.noBills": { "zh-CN": "还没有账单：话单入库并计费后，这里显示各部门、各服务商的费用与趋势。", en: "No bills yet: once CDR files are collected and rated, costs by department and provider show here." },
  "home.monthCost": { "zh-CN": "{month} 费用（折后）", en: "{month} cost (net)" },
  "home.previousCost": { "zh-CN": "{month} 费用", en: "{month} cost" },
  "home.noBillsThen": { "zh-CN": "无账单", en: "No bills" },
  "home.change": { "zh-CN": "环比", en: "Month on month" },
  "home.missingFiles": { "zh-CN": "缺失的小时文件", en: "Missing hourly files" },
  "home.streams": { "zh-CN": "/ {n} 路", en: "/ {n} streams" },
  "home.departments": { "zh-CN": "计费部门", en: "Billed departments" },
  "home.byDepartment": { "zh-CN": "各部门费用（本月 vs 上月）", en: "Cost by department (this month vs last)" },
  "home.byProvider": { "zh-CN": "各服务商费用", en: "Cost by provider" },
  "home.trend": { "zh-CN": "近 12 个月费用趋势（按服务商）", en: "Cost over 12 months, by provider" },
  "home.topResources": { "zh-CN": "{month} 费用最高的资源", en: "Costliest resources in {month}" },
  "home.fileHours": { "zh-CN": "{month} 每小时计量文件：实收 vs 应收", en: "CDR files per hour in {month}: received vs expected" },
  "home.noFiles": { "zh-CN": "本月还没有收到计量文件", en: "No CDR files received this month" },
  "home.col.resource": { "zh-CN": "资源", en: "Resource" },
  "home.col.department": { "zh-CN": "部门", en: "Department" },
  "home.col.provider": { "zh-CN": "服务商", en: "Provider" },
  "home.col.net": { "zh-CN": "折后金额", en: "Net" },
  "chart.expected": { "zh-CN": "应收", en: "Expected" },
  "chart.received": { "zh-CN": "实收", en: "Received" },
} as const satisfies Messages;

// each part of the portal keeps its words in its own file
const MESSAGES = { ...FRAME_MESSAGES, ...PAGE_MESSAGES, ...METERING_MESSAGES, ...ADMIN_MESSAGES, ...ITSM_MESSAGES, ...SLA_MESSAGES, ...ALARM_MESSAGES, ...NOTIFY_MESSAGES };

export type MessageKey = keyof typeof MESSAGES;

/** The message in the locale, with {placeholders} filled. */
export function translate(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
