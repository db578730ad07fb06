import type { Db } from "../db";
import { recordAudit, SYSTEM_ACTOR } from "../audit/record-audit";
import { EVENT_TYPES, EVENT_TYPE_NAMES, type EventType, type RecipientKind, type ChannelCode } from "./event-catalog";

type DefaultTemplate = { titleZh: string; bodyZh: string; titleEn: string; bodyEn: string };
type DefaultRule = { recipients: RecipientKind[]; channels: ChannelCode[] };

/** One template per event type, its code the event type's. */
export const DEFAULT_TEMPLATES: Record<EventType, DefaultTemplate> = {
  "request.submitted": {
    titleZh: "服务申请待审核：{{number}} {{title}}", bodyZh: "{{departmentName}}提交了服务申请「{{title}}」（{{number}}），请及时审核。",
    titleEn: "Service request to review: {{number}} {{title}}", bodyEn: "{{departmentName}} submitted the service request \"{{title}}\" ({{number}}); please review it.",
  },
  "request.reviewed": {
    titleZh: "服务申请{{decisionName}}：{{number}} {{title}}", bodyZh: "您提交的服务申请「{{title}}」（{{number}}）{{decisionName}}。审核意见：{{comment}}",
    titleEn: "Service request {{decisionName}}: {{number}} {{title}}", bodyEn: "Your service request \"{{title}}\" ({{number}}) was {{decisionName}}. Comment: {{comment}}",
  },
  "workorder.assigned": {
    titleZh: "新工单待处理：{{number}} {{title}}", bodyZh: "{{kindName}}工单 {{number}}「{{title}}」（{{severityName}}）已派给您，请及时响应。",
    titleEn: "New work order: {{number}} {{title}}", bodyEn: "The {{kindName}} work order {{number}} \"{{title}}\" ({{severityName}}) was assigned to you; please respond.",
  },
  "workorder.resolved": {
    titleZh: "工单已解决，请确认：{{number}} {{title}}", bodyZh: "{{providerName}}已解决工单 {{number}}「{{title}}」，请确认回单，或在问题仍存在时重新打开。",
    titleEn: "Work order resolved, please confirm: {{number}} {{title}}", bodyEn: "{{providerName}} resolved the work order {{number}} \"{{title}}\": confirm it, or reopen it if the problem persists.",
  },
  "workorder.reopened": {
    titleZh: "工单被重新打开：{{number}} {{title}}", bodyZh: "申请单位认为工单 {{number}}「{{title}}」（{{severityName}}）的问题仍未解决，已重新打开：{{reason}}。请继续处理。",
    titleEn: "Work order reopened: {{number}} {{title}}", bodyEn: "The requester reopened the work order {{number}} \"{{title}}\" ({{severityName}}): {{reason}}. Please continue.",
  },
  "workorder.warning": {
    titleZh: "工单即将超时：{{number}} {{title}}（{{targetName}}截止 {{dueAt}}）", bodyZh: "工单 {{number}}「{{title}}」（{{severityName}}）的{{targetName}}时限将于 {{dueAt}} 到期，请尽快处理。",
    titleEn: "Work order about to breach: {{number}} {{title}} ({{targetName}} due {{dueAt}})", bodyEn: "The {{targetName}} target of the work order {{number}} \"{{title}}\" ({{severityName}}) is due at {{dueAt}}; please act soon.",
  },
  "workorder.breached": {
    titleZh: "工单已超时：{{number}} {{title}}（{{targetName}}截止 {{dueAt}}）", bodyZh: "工单 {{number}}「{{title}}」（{{severityName}}，{{providerName}}）已超过{{targetName}}时限（{{dueAt}}），已升级处理。",
    titleEn: "Work order breached: {{number}} {{title}} ({{targetName}} due {{dueAt}})", bodyEn: "The work order {{number}} \"{{title}}\" ({{severityName}}, {{providerName}}) missed its {{targetName}} target ({{dueAt}}) and was escalated.",
  },
  "workorder.pause-requested": {
    titleZh: "工单挂起申请待审批：{{number}} {{title}}", bodyZh: "{{providerName}}申请挂起工单 {{number}}「{{title}}」，原因：{{reason}}。批准后计时暂停。",
    titleEn: "Pause request to approve: {{number}} {{title}}", bodyEn: "{{providerName}} asks to pause the work order {{number}} \"{{title}}\": {{reason}}. The clock stops once approved.",
  },
  "alarm.unacked": {
    titleZh: "告警未确认：{{name}}（{{severityName}}）", bodyZh: "告警「{{name}}」（{{severityName}}，资源 {{resource}}，来源 {{source}}）已 {{minutes}} 分钟未确认，第 {{level}} 级升级。",
    titleEn: "Alarm not acknowledged: {{name}} ({{severityName}})", bodyEn: "The alarm \"{{name}}\" ({{severityName}}, resource {{resource}}, source {{source}}) has not been acknowledged for {{minutes}} minutes: escalation level {{level}}.",
  },
  "bill.ready": {
    titleZh: "{{month}} 账单已出：{{departmentName}}", bodyZh: "{{departmentName}} {{month}} 的账单已月结，折后金额 ¥{{net}}。",
    titleEn: "Bill for {{month}} ready: {{departmentName}}", bodyEn: "The {{month}} bill of {{departmentName}} is closed: CNY {{net}} after discounts.",
  },
  "file.quarantined": {
    titleZh: "计量文件已隔离：{{fileName}}", bodyZh: "计量文件 {{path}} 无法可靠读取，已隔离，未计入用量。原因：{{reason}}",
    titleEn: "CDR file quarantined: {{fileName}}", bodyEn: "The CDR file {{path}} could not be read reliably and was quarantined; none of its usage counts. Reason: {{reason}}",
  },
};

/** Who gets what by default: the bell for everything, e-mail too for breaches and unacknowledged alarms. */
export const DEFAULT_RULES: Record<EventType, DefaultRule> = {
  "request.submitted": { recipients: ["supervisors"], channels: ["inapp"] },
  "request.reviewed": { recipients: ["requester"], channels: ["inapp"] },
  "workorder.assigned": { recipients: ["assignee"], channels: ["inapp"] },
  "workorder.resolved": { recipients: ["requester"], channels: ["inapp"] },
  "workorder.reopened": { recipients: ["assignee"], channels: ["inapp"] },
  "workorder.warning": { recipients: ["assignee"], channels: ["inapp"] },
  "workorder.breached": { recipients: ["assignee", "supervisors"], channels: ["inapp", "email"] },
  "workorder.pause-requested": { recipients: ["supervisors"], channels: ["inapp"] },
  "alarm.unacked": { recipients: ["provider", "supervisors"], channels: ["inapp", "email"] },
  "bill.ready": { recipients: ["department"], channels: ["inapp"] },
  "file.quarantined": { recipients: ["supervisors", "provider"], channels: ["inapp"] },
};

export const DEFAULT_DEDUP_MINUTES = 60;
/** 22:00–07:00 Shanghai, on rules that e-mail */
export const DEFAULT_QUIET_HOURS = { quietStart: 22 * 60, quietEnd: 7 * 60 };

/**
 * Templates and rules for every event type. Idempotent and never overwriting: a template that exists is left as
 * edited, and an event type's default rule is created only together with its template (so a rule deleted on
 * purpose does not come back).
 */
export async function ensureMessageDefaults(db: Db): Promise<{ templates: number; rules: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('message-defaults'))`;
    const existing = new Set((await tx.messageTemplate.findMany({ select: { code: true } })).map((t) => t.code));
    const missing = EVENT_TYPES.filter((type) => !existing.has(type));
    if (!missing.length) return { templates: 0, rules: 0 };
    await tx.messageTemplate.createMany({ data: missing.map((type) => ({ code: type, name: EVENT_TYPE_NAMES[type], ...DEFAULT_TEMPLATES[type] })) });
    const { count } = await tx.messageRule.createMany({
      data: missing.map((type) => {
        const r = DEFAULT_RULES[type];
        const external = r.channels.some((c) => c !== "inapp");
        return { eventType: type, templateCode: type, recipients: r.recipients, channels: r.channels, enabled: true, dedupMinutes: DEFAULT_DEDUP_MINUTES, ...(external ? DEFAULT_QUIET_HOURS : {}) };
      }),
    });
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR, action: "message.seed", entity: "message-template",
      summary: `初始化消息模板与规则：新增 ${missing.length} 个模板、${count} 条规则（${missing.map((t) => EVENT_TYPE_NAMES[t]).join("、")}）`,
    });
    return { templates: missing.length, rules: count };
  });
}
