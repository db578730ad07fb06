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
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

export const BUILTIN_ROLE_CODES = ["admin", "supervisor", "leader", "tenant", "provider"] as const;
export type BuiltinRole = (typeof BUILTIN_ROLE_CODES)[number];

const READ_ALL: Permission[] = ["home.read", "catalog.read", "metering.files.read", "metering.exceptions.read", "billing.read"];

export const BUILTIN_PERMISSIONS: Record<BuiltinRole, readonly Permission[]> = {
  admin: [...READ_ALL, "system.users", "system.roles", "system.org", "system.audit", "system.dictionaries", "system.announcements"],
  supervisor: [...READ_ALL, "catalog.manage", "catalog.publish", "metering.exceptions.resolve", "billing.close", "system.audit", "system.dictionaries", "system.announcements"],
  leader: READ_ALL,
  tenant: ["home.read", "catalog.read", "billing.read"],
  provider: ["home.read", "catalog.read", "metering.files.read", "metering.exceptions.read", "billing.read"],
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
