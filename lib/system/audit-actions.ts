/** The families of audit actions (the part before the first dot, with it), as the audit log's filter offers them. */
export const AUDIT_ACTION_PREFIXES = {
  "auth.": "登录与会话",
  "user.": "用户",
  "role.": "角色",
  "org.": "组织机构",
  "project.": "项目归属",
  "price.": "价格",
  "billing.": "账单",
  "dictionary.": "数据字典",
  "announcement.": "公告",
  "sla.": "SLA、工作日历与工单模板",
  "request.": "服务申请",
  "workorder.": "工单",
  "alarm.": "告警与过滤策略",
  "network.": "网络质量阈值",
  "message.": "消息模板与规则",
} as const;
export type AuditActionPrefix = keyof typeof AUDIT_ACTION_PREFIXES;
