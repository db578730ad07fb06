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
import { SCOPE_KIND_NAMES, type DataScope, type ScopeKind } from "@/lib/auth/scope";
import type { NewUser, UserPatch } from "@/lib/auth/users";
import type { OrganisationChoices } from "@/lib/system/list-organisations";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { ImportUsersModal } from "./import-users-modal";
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

const scopeName = (u: UserRow) => (u.scopeKind ? SCOPE_KIND_NAMES[u.scopeKind as ScopeKind] ?? u.scopeKind : "跟随角色");

/** Users within the operator's scope: search, filters, sort and page in the URL; create, edit, enable, reset, import, export. */
export function UsersView({ rows, total, query, roles, organisations, currentUserId, operatorScopeKind, actions }: Props) {
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
    if (enabled) return void actions.update(u.id, { enabled }).then((r) => report(r, `已启用 ${u.username}`));
    modal.confirm({
      title: `停用用户 ${u.username}？`, content: "停用后该用户立即无法登录，已登录的会话在下一次操作时结束；可随时重新启用。", okText: "停用", okButtonProps: { danger: true }, cancelText: "取消",
      onOk: async () => report(await actions.update(u.id, { enabled }), `已停用 ${u.username}`),
    });
  }

  function signOut(u: UserListRow) {
    modal.confirm({
      title: `让 ${u.username} 在所有设备上退出？`, content: "该用户所有已登录的浏览器会话将在下一次操作时结束，需重新登录。", okText: "全部退出", cancelText: "取消",
      onOk: async () => report(await actions.signOutEverywhere(u.id), `${u.username} 的所有会话已退出`),
    });
  }

  const menuOf = (u: UserListRow): MenuProps["items"] => [
    ...(phone ? [{ key: "edit", label: "编辑", onClick: () => setEditing(u) }] : []),
    u.enabled
      ? { key: "disable", label: "停用", danger: true, disabled: u.id === currentUserId, onClick: () => setEnabled(u, false) }
      : { key: "enable", label: "启用", onClick: () => setEnabled(u, true) },
    { key: "reset", label: u.locked ? "重置密码并解锁" : "重置密码", onClick: () => setResetting(u) },
    { key: "signout", label: "退出所有会话", onClick: () => signOut(u) },
  ];

  const actionsCell = (u: UserListRow) => {
    if (!u.manageable) return <Tooltip title="该用户的权限或数据范围超出了您自己的，不能管理"><Typography.Text type="secondary">无权管理</Typography.Text></Tooltip>;
    return (
      <Space size={4}>
        {!phone && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>编辑</Button>}
        <Dropdown menu={{ items: menuOf(u) }} trigger={["click"]}>
          <Button size="small" icon={<MoreOutlined />} aria-label={`${u.username} 的更多操作`}>{phone ? "操作" : null}</Button>
        </Dropdown>
      </Space>
    );
  };

  const stateTags = (u: UserListRow) => (
    <>
      {!u.enabled && <Tag>已停用</Tag>}
      {u.locked && <Tooltip title="连续输错密码，已暂时锁定；重置密码可立即解锁"><Tag color="error">已锁定</Tag></Tooltip>}
      {u.id === currentUserId && <Tag color="blue">本人</Tag>}
    </>
  );
  const orgOf = (u: UserRow) => u.departmentName ?? u.providerName ?? "—";

  const columns: ColumnsType<UserListRow> = [
    { title: "用户名", key: "username", sorter: true, sortOrder: sortOrder("username"), render: (_, u) => <Space size={4} wrap><span className="mono">{u.username}</span>{stateTags(u)}</Space> },
    { title: "姓名", dataIndex: "displayName", key: "displayName", sorter: true, sortOrder: sortOrder("displayName") },
    { title: "角色", dataIndex: "roleName", key: "role", render: (v: string) => <Tag color="geekblue">{v}</Tag> },
    { title: "单位 / 服务商", key: "org", render: (_, u) => orgOf(u) },
    { title: "数据范围", key: "scope", responsive: ["lg"], render: (_, u) => scopeName(u) },
    { title: "手机", dataIndex: "phone", key: "phone", responsive: ["xl"], render: (v: string | null) => v ?? "—" },
    { title: "最近登录", dataIndex: "lastLoginAt", key: "lastLoginAt", sorter: true, sortOrder: sortOrder("lastLoginAt"), responsive: ["lg"], render: shanghaiTime },
    { title: "创建时间", dataIndex: "createdAt", key: "createdAt", sorter: true, sortOrder: sortOrder("createdAt"), responsive: ["xxl"], render: shanghaiTime },
    { title: "操作", key: "actions", fixed: "right", render: (_, u) => actionsCell(u) },
  ];
  // On a phone: who (with state, role and organisation) and the actions, without sideways scrolling for the essentials.
  const phoneColumns: ColumnsType<UserListRow> = [
    {
      title: "用户", key: "username", sorter: true, sortOrder: sortOrder("username"),
      render: (_, u) => (
        <div style={{ minWidth: 0 }}>
          <Space size={4} wrap><Typography.Text strong>{u.displayName}</Typography.Text>{stateTags(u)}</Space>
          <div className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{u.username}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[u.roleName, u.departmentName ?? u.providerName].filter(Boolean).join(" · ")}</Typography.Text>
        </div>
      ),
    },
    { title: "操作", key: "actions", width: 84, render: (_, u) => actionsCell(u) },
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
          <Input.Search placeholder="用户名、姓名或手机号" allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
          <Select
            allowClear placeholder="全部角色" value={query.role} style={{ width: 150 }} onChange={(role?: string) => update({ role, page: null })}
            options={roles.map((r) => ({ value: r.code, label: r.name }))}
          />
          <Select
            allowClear placeholder="全部状态" value={query.enabled} style={{ width: 120 }} onChange={(enabled?: string) => update({ enabled, page: null })}
            options={[{ value: "true", label: "启用" }, { value: "false", label: "已停用" }]}
          />
        </Space>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>新建用户</Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>
          <Button icon={<DownloadOutlined />} href={`/api/admin/users/export?${exportParams}`} disabled={!total}>导出 Excel</Button>
        </Space>
      </div>
      <Table<UserListRow>
        rowKey="id"
        size="middle"
        columns={phone ? phoneColumns : columns}
        dataSource={rows}
        loading={pending}
        onChange={onChange}
        locale={{ emptyText: filtered ? "没有符合条件的用户，请调整搜索或筛选条件" : "还没有用户：点击“新建用户”逐个添加，或用“导入”从 Excel 批量添加" }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (t) => `共 ${t} 个用户`, size: "small" }}
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
