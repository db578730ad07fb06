import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { can, isBuiltinRole, type Permission } from "@/lib/auth/permissions";
import { translate } from "@/lib/i18n/messages";
import { getDb } from "@/lib/db";
import { bellSummary } from "@/lib/messages/notifications";
import { PortalShell, type NavItem, type NavLink } from "@/components/layout/portal-shell";
import { NotificationBell } from "@/components/messages/notification-bell";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./messages/actions";
import { signOutEverywhereSelfAction } from "./session-actions";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const when = (permission: Permission, item: NavLink): NavLink[] => (can(actor, permission) ? [item] : []);
  // a group shows when the user may open at least one of its pages
  const group = (g: Extract<NavItem, { group: string }>): NavItem[] => (g.items.length ? [g] : []);
  const nav: NavItem[] = [
    ...when("home.read", { href: "/dashboard", label: "nav.home", icon: "home" }),
    ...group({ group: "nav.group.service", icon: "service", items: [
      ...when("itsm.request.submit", { href: "/service/requests", label: "nav.requests", icon: "requests" }),
      ...(can(actor, "itsm.request.submit") ? [] : when("itsm.request.review", { href: "/service/requests", label: "nav.requests", icon: "requests" })),
      ...when("itsm.workorder.read", { href: "/service/work-orders", label: "nav.workOrders", icon: "workOrders" }),
      ...when("itsm.workorder.read", { href: "/service/timeliness", label: "nav.timeliness", icon: "timeliness" }),
      ...when("itsm.sla.manage", { href: "/service/sla", label: "nav.sla", icon: "sla" }),
    ] }),
    ...group({ group: "nav.group.monitoring", icon: "monitoring", items: [
      ...when("alarm.read", { href: "/alarms", label: "nav.alarms", icon: "alarms" }),
      ...when("alarm.policy", { href: "/alarms/policies", label: "nav.alarmPolicies", icon: "alarmPolicies" }),
      ...when("alarm.read", { href: "/network", label: "nav.network", icon: "network" }),
    ] }),
    ...group({ group: "nav.group.billing", icon: "bills", items: [
      ...when("catalog.read", { href: "/catalog", label: "nav.catalog", icon: "catalog" }),
      ...when("billing.read", { href: "/billing", label: "nav.bills", icon: "bills" }),
      ...when("metering.files.read", { href: "/metering/files", label: "nav.files", icon: "files" }),
      ...when("metering.exceptions.read", { href: "/metering/exceptions", label: "nav.exceptions", icon: "exceptions" }),
    ] }),
    ...group({ group: "nav.group.admin", icon: "admin", items: [
      ...when("system.users", { href: "/admin/users", label: "nav.users", icon: "users" }),
      ...when("system.roles", { href: "/admin/roles", label: "nav.roles", icon: "roles" }),
      ...when("system.org", { href: "/admin/org", label: "nav.org", icon: "org" }),
      ...when("system.audit", { href: "/admin/audit", label: "nav.audit", icon: "audit" }),
      ...when("system.dictionaries", { href: "/admin/dictionaries", label: "nav.dictionaries", icon: "dictionaries" }),
      ...when("system.announcements", { href: "/admin/announcements", label: "nav.announcements", icon: "announcements" }),
      ...when("messages.manage", { href: "/admin/messages", label: "nav.messageRules", icon: "messages" }),
    ] }),
    { href: "/messages", label: "nav.messages", icon: "bell" },
    { href: "/settings/tokens", label: "nav.tokens", icon: "tokens" },
  ];
  const bell = <NotificationBell initial={await bellSummary(getDb().db, actor)} markRead={markNotificationReadAction} markAllRead={markAllNotificationsReadAction} />;
  return <PortalShell nav={nav} user={{ displayName: actor.displayName, roleName: isBuiltinRole(actor.role) ? translate(await getLocale(), `role.${actor.role}`) : actor.roleName }} signOutEverywhereSelf={signOutEverywhereSelfAction} bell={bell}>{children}</PortalShell>;
}
