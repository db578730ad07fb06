// Roles as data: the permission catalog (module.action), the built-in roles' grants, and the one check.
// Custom roles store their permissions in the role table; built-in ones take them from here, so that an
// upgrade that adds a permission reaches the built-in roles without a data migration.

export const PERMISSIONS = {
  "home.read": { module: "首页", label: "查看首页概览" },
  "catalog.read": { module: "服务目录", label: "浏览服务目录与价格" },
  "catalog.manage": { module: "服务目录", label: "编辑草稿、导入目录" },
  "catalog.publish": { module: "服务目录", label: "发布、下架价格" },
  "metering.files.read": { module: "计量", label: "查看计量文件" },
  "metering.exceptions.read": { module: "计量", label: "查看计量异常" },
  "metering.exceptions.resolve": { module: "计量", label: "处理计量异常（归属项目、补录价格）" },
  "billing.read": { module: "账单", label: "查看账单" },
  "billing.close": { module: "账单", label: "月结与重开账期" },
  "system.users": { module: "系统管理", label: "管理用户" },
  "system.roles": { module: "系统管理", label: "管理角色与数据范围" },
  "system.org": { module: "系统管理", label: "管理组织机构（单位、VDC、项目）" },
  "system.audit": { module: "系统管理", label: "查看与导出审计日志" },
  "system.dictionaries": { module: "系统管理", label: "管理数据字典" },
  "system.announcements": { module: "系统管理", label: "发布公告" },
  "itsm.request.submit": { module: "服务工单", label: "提交服务申请与故障报告、回单确认" },
  "itsm.request.review": { module: "服务工单", label: "审核服务申请" },
  "itsm.workorder.read": { module: "服务工单", label: "查看工单与时效统计" },
  "itsm.workorder.handle": { module: "服务工单", label: "处理工单（接单、处理、申请挂起、解决）" },
  "itsm.workorder.manage": { module: "服务工单", label: "管理工单（派单、转派、批准挂起、调整级别、复盘）" },
  "itsm.sla.manage": { module: "服务工单", label: "管理 SLA 策略、工作日历与工单模板" },
  "alarm.read": { module: "告警监控", label: "查看告警与网络质量" },
  "alarm.handle": { module: "告警监控", label: "处理告警（确认、清除、转工单）" },
  "alarm.policy": { module: "告警监控", label: "管理告警过滤策略、告警规则与网络质量阈值" },
  "alarm.ingest": { module: "告警监控", label: "通过 API 上报告警与网络质量数据" },
  "messages.manage": { module: "消息中心", label: "管理消息模板与发送规则" },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

export const BUILTIN_ROLE_CODES = ["admin", "supervisor", "leader", "tenant", "provider"] as const;
export type BuiltinRole = (typeof BUILTIN_ROLE_CODES)[number];

const READ_ALL: Permission[] = ["home.read", "catalog.read", "metering.files.read", "metering.exceptions.read", "billing.read", "itsm.workorder.read", "alarm.read"];

export const BUILTIN_PERMISSIONS: Record<BuiltinRole, readonly Permission[]> = {
  // the admin creates tenant and provider users, and nobody grants what they do not hold: so the admin holds the
  // tenants' and providers' grants too (acting on a request or a work order still needs the department or provider)
  admin: [
    ...READ_ALL, "system.users", "system.roles", "system.org", "system.audit", "system.dictionaries", "system.announcements", "messages.manage",
    "itsm.request.submit", "itsm.workorder.handle", "alarm.handle", "alarm.ingest",
  ],
  supervisor: [
    ...READ_ALL, "catalog.manage", "catalog.publish", "metering.exceptions.resolve", "billing.close", "system.audit", "system.dictionaries", "system.announcements",
    "itsm.request.review", "itsm.workorder.manage", "itsm.sla.manage", "alarm.handle", "alarm.policy", "alarm.ingest", "messages.manage",
  ],
  leader: READ_ALL,
  tenant: ["home.read", "catalog.read", "billing.read", "itsm.request.submit", "itsm.workorder.read"],
  provider: ["home.read", "catalog.read", "metering.files.read", "metering.exceptions.read", "billing.read", "itsm.workorder.read", "itsm.workorder.handle", "alarm.read", "alarm.handle", "alarm.ingest"],
};

export function isBuiltinRole(code: string): code is BuiltinRole {
  return (BUILTIN_ROLE_CODES as readonly string[]).includes(code);
}

/** The permissions a role grants: from code for built-in roles, from its row for custom ones (unknown codes dropped). */
export function rolePermissions(role: { code: string; permissions: string[] }): Permission[] {
  if (isBuiltinRole(role.code)) return [...BUILTIN_PERMISSIONS[role.code]];
  return role.permissions.filter((p): p is Permission => p in PERMISSIONS);
}

export function can(actor: { permissions: readonly string[] }, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}
