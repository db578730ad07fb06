import { requireActor } from "@/app/_server/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { PortalShell, type NavItem } from "@/components/layout/portal-shell";
import { signOutEverywhereSelfAction } from "./session-actions";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const when = (permission: Permission, item: NavItem): NavItem[] => (can(actor, permission) ? [item] : []);
  const nav: NavItem[] = [
    ...when("home.read", { href: "/dashboard", label: "nav.home", icon: "home" }),
    ...when("catalog.read", { href: "/catalog", label: "nav.catalog", icon: "catalog" }),
    ...when("billing.read", { href: "/billing", label: "nav.bills", icon: "bills" }),
    ...when("metering.files.read", { href: "/metering/files", label: "nav.files", icon: "files" }),
    ...when("metering.exceptions.read", { href: "/metering/exceptions", label: "nav.exceptions", icon: "exceptions" }),
    ...when("system.users", { href: "/admin/users", label: "nav.users", icon: "users" }),
    ...when("system.roles", { href: "/admin/roles", label: "nav.roles", icon: "roles" }),
    ...when("system.org", { href: "/admin/org", label: "nav.org", icon: "org" }),
    ...when("system.audit", { href: "/admin/audit", label: "nav.audit", icon: "audit" }),
    ...when("system.dictionaries", { href: "/admin/dictionaries", label: "nav.dictionaries", icon: "dictionaries" }),
    ...when("system.announcements", { href: "/admin/announcements", label: "nav.announcements", icon: "announcements" }),
    { href: "/settings/tokens", label: "nav.tokens", icon: "tokens" },
  ];
  return <PortalShell nav={nav} user={{ displayName: actor.displayName, roleName: actor.roleName }} signOutEverywhereSelf={signOutEverywhereSelfAction}>{children}</PortalShell>;
}
