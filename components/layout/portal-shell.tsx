"use client";

import {
  AccountBookOutlined, ApiOutlined, AppstoreOutlined, AuditOutlined, BookOutlined, DashboardOutlined, FileTextOutlined, LogoutOutlined, MenuOutlined,
  ApartmentOutlined, NotificationOutlined, SafetyCertificateOutlined, TeamOutlined, WarningOutlined,
  AlertOutlined, BellOutlined, CalendarOutlined, CustomerServiceOutlined, FieldTimeOutlined, FormOutlined, FilterOutlined, LineChartOutlined,
  MessageOutlined, ProfileOutlined, SettingOutlined, ToolOutlined,
} from "@ant-design/icons";
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Tag, Typography } from "antd";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { MessageKey } from "@/lib/i18n/messages";
import { setLocaleCookie, useT } from "./locale";

const ICONS = {
  home: <DashboardOutlined />, catalog: <AppstoreOutlined />, bills: <AccountBookOutlined />, files: <FileTextOutlined />, exceptions: <WarningOutlined />,
  tokens: <ApiOutlined />, users: <TeamOutlined />, roles: <SafetyCertificateOutlined />, audit: <AuditOutlined />, dictionaries: <BookOutlined />,
  announcements: <NotificationOutlined />, org: <ApartmentOutlined />,
  requests: <FormOutlined />, workOrders: <ProfileOutlined />, timeliness: <FieldTimeOutlined />, sla: <CalendarOutlined />,
  alarms: <AlertOutlined />, alarmPolicies: <FilterOutlined />, network: <LineChartOutlined />, messages: <MessageOutlined />, bell: <BellOutlined />,
  service: <CustomerServiceOutlined />, monitoring: <ToolOutlined />, admin: <SettingOutlined />,
};

export type NavLink = { href: string; label: MessageKey; icon: keyof typeof ICONS };
/** A menu entry: a page, or a group of pages (shown as a sub-menu). */
export type NavItem = NavLink | { group: MessageKey; icon: keyof typeof ICONS; items: NavLink[] };
const linksOf = (nav: NavItem[]): NavLink[] => nav.flatMap((n) => ("group" in n ? n.items : [n]));

/** The portal frame: a sider menu on wide screens, a header button and a drawer on phones. */
export function PortalShell({ nav, user, signOutEverywhereSelf, bell, children }: {
  nav: NavItem[]; user: { displayName: string; roleName: string }; signOutEverywhereSelf: () => Promise<unknown>;
  /** the message center's bell, left of the language switch */
  bell?: React.ReactNode;
  children: React.ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  // Before the first measurement screens is empty: render the desktop frame so the server HTML matches.
  const phone = screens.md === false;
  const pathname = usePathname();
  const router = useRouter();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { locale, t } = useT();
  const links = linksOf(nav);
  const selected = links.filter((n) => pathname === n.href || pathname.startsWith(n.href + "/")).map((n) => n.href).sort((a, b) => b.length - a.length).slice(0, 1);
  const openGroup = nav.filter((n) => "group" in n && n.items.some((i) => selected.includes(i.href))).map((n) => ("group" in n ? n.group : ""));
  // the current page's group opens on every navigation (a link from the home page lands inside a closed group)
  const [openKeys, setOpenKeys] = useState<string[]>(openGroup);
  const currentGroup = openGroup[0];
  useEffect(() => {
    if (currentGroup) setOpenKeys((keys) => (keys.includes(currentGroup) ? keys : [...keys, currentGroup]));
  }, [currentGroup]);
  const linkItem = (n: NavLink) => ({ key: n.href, icon: ICONS[n.icon], label: <Link href={n.href}>{t(n.label)}</Link> });
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      onClick={() => setDrawerOpen(false)}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      items={nav.map((n) => ("group" in n ? { key: n.group, icon: ICONS[n.icon], label: t(n.group), children: n.items.map(linkItem) } : linkItem(n)))}
      style={{ borderInlineEnd: 0 }}
    />
  );

  async function logoutEverywhere() {
    await signOutEverywhereSelf();
    await logout();
  }

  async function logout() {
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {!phone && (
        <Layout.Sider theme="light" width={208} breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} style={{ borderInlineEnd: "1px solid #f0f0f0" }}>
          <div style={{ padding: "16px 20px", fontWeight: 600, whiteSpace: "nowrap", overflow: "hidden", textAlign: collapsed ? "center" : undefined }}>{collapsed ? t("app.short") : t("app.name")}</div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: "#fff", padding: phone ? "0 8px 0 4px" : "0 24px", display: "flex", alignItems: "center", justifyContent: "space-between", gap: 8, borderBottom: "1px solid #f0f0f0", height: 56, lineHeight: "normal" }}>
          <div style={{ display: "flex", alignItems: "center", gap: 4, minWidth: 0 }}>
            {phone && <Button type="text" aria-label={t("header.menu")} icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} />}
            {phone && <Typography.Text strong ellipsis>{t("app.name")}</Typography.Text>}
          </div>
          <div style={{ display: "flex", alignItems: "center", gap: phone ? 4 : 12, minWidth: 0 }}>
            {bell}
            <Segmented
              size="small" aria-label={t("header.language")} value={locale}
              options={[{ value: "zh-CN", label: "中" }, { value: "en", label: "EN" }]}
              onChange={(v) => { setLocaleCookie(v as "zh-CN" | "en"); router.refresh(); }}
            />
            {!phone && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{user.roleName}</Tag>}
            <Dropdown trigger={["click"]} menu={{ items: [{ key: "everywhere", label: t("header.signOutEverywhere"), onClick: logoutEverywhere }] }}>
              <Typography.Link ellipsis style={{ maxWidth: phone ? 110 : 200, color: "inherit" }}>{user.displayName}</Typography.Link>
            </Dropdown>
            <Button type="text" icon={<LogoutOutlined />} onClick={logout} aria-label={t("header.signOutLabel")}>{phone ? null : t("header.signOut")}</Button>
          </div>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
      <Drawer placement="left" size={240} open={phone && drawerOpen} onClose={() => setDrawerOpen(false)} title={t("app.name")} styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
    </Layout>
  );
}
