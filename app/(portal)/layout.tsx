import { requireActor } from "@/app/_server/actor";
import { can } from "@/lib/auth/permissions";
import { PortalShell, type NavItem } from "@/components/layout/portal-shell";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const nav: NavItem[] = [
    { href: "/billing", label: "账单", icon: "bills" },
    ...(can(actor.role, "metering.files.read") ? [{ href: "/metering/files", label: "计量文件", icon: "files" } as const] : []),
    { href: "/metering/exceptions", label: "异常", icon: "exceptions" },
    { href: "/settings/tokens", label: "API 令牌", icon: "tokens" },
  ];
  return <PortalShell nav={nav} user={{ displayName: actor.displayName, role: actor.role }}>{children}</PortalShell>;
}
