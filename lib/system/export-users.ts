import { tableToXlsx } from "../export/table-xlsx";
import type { UserRow } from "../auth/list-users";
import { SCOPE_KIND_NAMES, type ScopeKind } from "../auth/scope";
import { formatShanghai } from "../time/shanghai";

const when = (iso: string | null) => (iso ? formatShanghai(new Date(iso)) : "");

/** The users list as the admins download it (never a password hash: the rows carry none). */
export function usersToXlsx(rows: UserRow[]): Promise<Buffer> {
  return tableToXlsx("用户", [
    { header: "用户名", width: 18 }, { header: "姓名", width: 14 }, { header: "角色", width: 14 }, { header: "所属单位", width: 22 }, { header: "服务商", width: 18 },
    { header: "数据范围", width: 14 }, { header: "手机", width: 16 }, { header: "邮箱", width: 24 }, { header: "状态", width: 8 }, { header: "最近登录", width: 20 }, { header: "创建时间", width: 20 },
  ], rows.map((u) => [
    u.username, u.displayName, u.roleName, u.departmentName, u.providerName, u.scopeKind ? SCOPE_KIND_NAMES[u.scopeKind as ScopeKind] ?? u.scopeKind : "跟随角色",
    u.phone, u.email, !u.enabled ? "停用" : u.locked ? "锁定" : "启用", when(u.lastLoginAt), when(u.createdAt),
  ]));
}
