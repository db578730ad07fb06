import { requireActor } from "@/app/_server/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { PortalShell, type NavItem } from "@/components/layout/portal-shell";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const when = (permission: Permission, item: NavItem): NavItem[] => (can(actor, permission) ? [item] : []);
  const nav: NavItem[] = [
    ...when("home.read", { href: "/dashboard", label: "首页", icon: "home" }),
    ...when("catalog.read", { href: "/catalog", label: "服务目录", icon: "catalog" }),
    ...when("billing.read", { href: "/billing", label: "账单", icon: "bills" }),
    ...when("metering.files.read", { href: "/metering/files", label: "计量文件", icon: "files" }),
    ...when("metering.exceptions.read", { href: "/metering/exceptions", label: "异常", icon: "exceptions" }),
    ...when("system.users", { href: "/admin/users", label: "用户管理", icon: "users" }),
    ...when("system.roles", { href: "/admin/roles", label: "角色与权限", icon: "roles" }),
    ...when("system.audit", { href: "/admin/audit", label: "审计日志", icon: "audit" }),
    ...when("system.dictionaries", { href: "/admin/dictionaries", label: "数据字典", icon: "dictionaries" }),
    ...when("system.announcements", { href: "/admin/announcements", label: "公告", icon: "announcements" }),
    { href: "/settings/tokens", label: "API 令牌", icon: "tokens" },
  ];
  return <PortalShell nav={nav} user={{ displayName: actor.displayName, roleName: actor.roleName }}>{children}</PortalShell>;
}
