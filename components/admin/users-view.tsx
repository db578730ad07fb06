"use client";

import { DownloadOutlined, EditOutlined, MoreOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Grid, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import type { MenuProps } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/app/_server/action-result";
import type { UserRow, userQuerySchema } from "@/lib/auth/list-users";
import type { DataScope } from "@/lib/auth/scope";
import type { NewUser, UserPatch } from "@/lib/auth/users";
import type { OrganisationChoices } from "@/lib/system/list-organisations";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useT } from "@/components/layout/locale";
import { ImportUsersModal } from "./import-users-modal";
import { useAdminNames } from "./permission-groups";
import { ResetPasswordModal } from "./reset-password-modal";
import { UserFormModal, type RoleChoice } from "./user-form-modal";

export type UserListRow = UserRow & { manageable: boolean };
export type UserActions = {
  create: (input: NewUser) => Promise<ActionResult<{ username: string }>>;
  update: (id: number, patch: UserPatch) => Promise<ActionResult<null>>;
  resetPassword: (id: number, password: string) => Promise<ActionResult<null>>;
  signOutEverywhere: (id: number) => Promise<ActionResult<null>>;
};
type Query = z.infer<typeof userQuerySchema>;
type Props = {
  rows: UserListRow[]; total: number; query: Query; roles: RoleChoice[]; organisations: OrganisationChoices;
  currentUserId: number; operatorScopeKind: DataScope["kind"]; actions: UserActions;
};

/** Users within the operator's scope: search, filters, sort and page in the URL; create, edit, enable, reset, import, export. */
export function UsersView({ rows, total, query, roles, organisations, currentUserId, operatorScopeKind, actions }: Props) {
  const { t } = useT();
  const names = useAdminNames();
  const scopeName = (u: UserRow) => (u.scopeKind ? names.scope(u.scopeKind) : t("admin.users.inheritScope"));
  const { update, pending } = useQueryState();
  const router = useRouter();
  const { message, modal } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<UserListRow | "new" | null>(null);
  const [resetting, setResetting] = useState<UserListRow | null>(null);
  const [importing, setImporting] = useState(false);
  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);
  const filtered = Boolean(query.q || query.role || query.enabled);

  async function report(result: ActionResult<null>, success: string) {
    if (result.ok) message.success(success);
    else message.error(result.message);
    router.refresh();
  }

  function setEnabled(u: UserListRow, enabled: boolean) {
    if (enabled) return void actions.update(u.id, { enabled }).then((r) => report(r, t("admin.users.enabledUser", { username: u.username })));
    modal.confirm({
      title: t("admin.users.disableConfirm", { username: u.username }), content: t("admin.users.disableDescription"), okText: t("admin.users.disable"), okButtonProps: { danger: true }, cancelText: t("admin.common.cancel"),
      onOk: async () => report(await actions.update(u.id, { enabled }), t("admin.users.disabledUser", { username: u.username })),
    });
  }

  function signOut(u: UserListRow) {
    modal.confirm({
      title: t("admin.users.signOutConfirm", { username: u.username }), content: t("admin.users.signOutDescription"), okText: t("admin.users.signOutOk"), cancelText: t("admin.common.cancel"),
      onOk: async () => report(await actions.signOutEverywhere(u.id), t("admin.users.signedOut", { username: u.username })),
    });
  }

  const menuOf = (u: UserListRow): MenuProps["items"] => [
    ...(phone ? [{ key: "edit", label: t("admin.common.edit"), onClick: () => setEditing(u) }] : []),
    u.enabled
      ? { key: "disable", label: t("admin.users.disable"), danger: true, disabled: u.id === currentUserId, onClick: () => setEnabled(u, false) }
      : { key: "enable", label: t("admin.users.enable"), onClick: () => setEnabled(u, true) },
    { key: "reset", label: u.locked ? t("admin.users.resetAndUnlock") : t("admin.users.resetPassword"), onClick: () => setResetting(u) },
    { key: "signout", label: t("admin.users.signOutAll"), onClick: () => signOut(u) },
  ];

  const actionsCell = (u: UserListRow) => {
    if (!u.manageable) return <Tooltip title={t("admin.users.notManageableTip")}><Typography.Text type="secondary">{t("admin.users.notManageable")}</Typography.Text></Tooltip>;
    return (
      <Space size={4}>
        {!phone && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>{t("admin.common.edit")}</Button>}
        <Dropdown menu={{ items: menuOf(u) }} trigger={["click"]}>
          <Button size="small" icon={<MoreOutlined />} aria-label={t("admin.users.moreActions", { username: u.username })}>{phone ? t("admin.common.actions") : null}</Button>
        </Dropdown>
      </Space>
    );
  };

  const stateTags = (u: UserListRow) => (
    <>
      {!u.enabled && <Tag>{t("admin.users.disabledTag")}</Tag>}
      {u.locked && <Tooltip title={t("admin.users.lockedTip")}><Tag color="error">{t("admin.users.lockedTag")}</Tag></Tooltip>}
      {u.id === currentUserId && <Tag color="blue">{t("admin.users.selfTag")}</Tag>}
    </>
  );
  const orgOf = (u: UserRow) => u.departmentName ?? u.providerName ?? "—";

  const columns: ColumnsType<UserListRow> = [
    { title: t("admin.users.col.username"), key: "username", sorter: true, sortOrder: sortOrder("username"), render: (_, u) => <Space size={4} wrap><span className="mono">{u.username}</span>{stateTags(u)}</Space> },
    { title: t("admin.users.col.displayName"), dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrder("displayName") },
    { title: t("admin.users.col.role"), dataIndex: "roleName", key: "role", render: (v: string) => <Tag color="geekblue">{v}</Tag> },
    { title: t("admin.users.col.org"), key: "org", render: (_, u) => orgOf(u) },
    { title: t("admin.users.col.scope"), key: "scope", responsive: ["lg"], render: (_, u) => scopeName(u) },
    { title: t("admin.users.col.phone"), dataIndex: "phone", key: "phone", responsive: ["xl"], render: (v: string | null) => v ?? "—" },
    { title: t("admin.users.col.lastLogin"), dataIndex: "lastLoginAt", key: "lastLoginAt", sorter: true, sortOrder: sortOrder("lastLoginAt"), responsive: ["lg"], render: shanghaiTime },
    { title: t("admin.users.col.createdAt"), dataIndex: "createdAt", key: "createdAt", sorter: true, sortOrder: sortOrder("createdAt"), responsive: ["xxl"], render: shanghaiTime },
    { title: t("admin.common.actions"), key: "actions", fixed: "right", render: (_, u) => actionsCell(u) },
  ];
  // On a phone: who (with state, role and organisation) and the actions, without sideways scrolling for the essentials.
  const phoneColumns: ColumnsType<UserListRow> = [
    {
      title: t("admin.users.col.user"), key: "username", sorter: true, sortOrder: sortOrder("username"),
      render: (_, u) => (
        <div style={{ minWidth: 0 }}>
          <Space size={4} wrap><Typography.Text strong>{u.displayName}</Typography.Text>{stateTags(u)}</Space>
          <div className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{u.username}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[u.roleName, u.departmentName ?? u.providerName].filter(Boolean).join(" · ")}</Typography.Text>
        </div>
      ),
    },
    { title: t("admin.common.actions"), key: "actions", width: 84, render: (_, u) => actionsCell(u) },
  ];

  const onChange: TableProps<UserListRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? String(s.columnKey) : null;
    const order = s?.order ? (s.order === "ascend" ? "asc" : "desc") : null;
    const sortChanged = (sort ?? "username") !== query.sort || (order ?? "asc") !== query.order;
    update({ page: sortChanged ? 1 : pagination.current, pageSize: pagination.pageSize, sort, order });
  };

  const exportParams = new URLSearchParams(Object.entries({ q: query.q, role: query.role, enabled: query.enabled, sort: query.sort, order: query.order }).filter((e): e is [string, string] => !!e[1]));

  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", marginBottom: 12 }}>
        <Space wrap>
          <Input.Search placeholder={t("admin.users.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
          <Select
            allowClear placeholder={t("admin.users.allRoles")} value={query.role} style={{ width: 150 }} onChange={(role?: string) => update({ role, page: null })}
            options={roles.map((r) => ({ value: r.code, label: r.name }))}
          />
          <Select
            allowClear placeholder={t("admin.common.allStatuses")} value={query.enabled} style={{ width: 120 }} onChange={(enabled?: string) => update({ enabled, page: null })}
            options={[{ value: "true", label: t("admin.users.statusEnabled") }, { value: "false", label: t("admin.users.statusDisabled") }]}
          />
        </Space>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("admin.users.new")}</Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t("admin.users.import")}</Button>
          <Button icon={<DownloadOutlined />} href={`/api/admin/users/export?${exportParams}`} disabled={!total}>{t("admin.common.exportExcel")}</Button>
        </Space>
      </div>
      <Table<UserListRow>
        rowKey="id"
        size="middle"
        columns={phone ? phoneColumns : columns}
        dataSource={rows}
        loading={pending}
        onChange={onChange}
        locale={{ emptyText: filtered ? t("admin.users.emptyFiltered") : t("admin.users.empty") }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t("admin.users.total", { n }), size: "small" }}
        scroll={{ x: true }}
      />
      <UserFormModal
        key={editing === "new" ? "new" : editing?.id ?? "closed"}
        open={editing !== null}
        user={editing === "new" ? null : editing}
        roles={roles} organisations={organisations} operatorScopeKind={operatorScopeKind} isSelf={editing !== "new" && editing?.id === currentUserId}
        create={actions.create} update={actions.update}
        onClose={() => setEditing(null)}
        onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
      />
      <ResetPasswordModal user={resetting} resetPassword={actions.resetPassword} onClose={() => setResetting(null)} onDone={(text) => { setResetting(null); message.success(text); router.refresh(); }} />
      <ImportUsersModal open={importing} roles={roles} organisations={organisations} onClose={() => setImporting(false)} onImported={() => router.refresh()} />
    </>
  );
}
