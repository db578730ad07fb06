"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Grid, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { Permission } from "@/lib/auth/permissions";
import type { RoleInput, RoleRow } from "@/lib/auth/roles";
import { SCOPE_KINDS, type DataScope, type ScopeKind } from "@/lib/auth/scope";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "./form-modal";
import { PermissionGrid, PermissionSummary, useAdminNames } from "./permission-groups";

type RoleActions = {
  save: (input: RoleInput, create: boolean) => Promise<ActionResult<{ name: string }>>;
  remove: (code: string) => Promise<ActionResult<null>>;
};
type Props = { roles: RoleRow[]; operatorPermissions: Permission[]; operatorScopeKind: DataScope["kind"]; actions: RoleActions };

/** Built-in roles (read-only) and custom roles (create, edit, delete) with their permissions and data scope. */
export function RolesView({ roles, operatorPermissions, operatorScopeKind, actions }: Props) {
  const { t } = useT();
  const scopeName = useAdminNames().scope;
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<RoleRow | "new" | null>(null);
  const builtin = roles.filter((r) => r.builtin);
  const custom = roles.filter((r) => !r.builtin);

  async function remove(r: RoleRow) {
    const result = await actions.remove(r.code);
    if (result.ok) message.success(t("admin.roles.deleted", { name: r.name }));
    else message.error(result.message);
    router.refresh();
  }

  const roleCell = (r: RoleRow) => (
    <div>
      <Typography.Text strong>{r.name}</Typography.Text> <span className="mono" style={{ fontSize: 12, color: "#888" }}>{r.code}</span>
      {r.description && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description}</Typography.Text></div>}
      {phone && <div><Tag>{scopeName(r.scopeKind)}</Tag><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("admin.roles.userCount", { n: r.users })}</Typography.Text></div>}
    </div>
  );
  const base: ColumnsType<RoleRow> = [
    { title: t("admin.roles.col.role"), key: "name", sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"), render: (_, r) => roleCell(r) },
    { title: t("admin.roles.col.scope"), dataIndex: "scopeKind", key: "scopeKind", responsive: ["md"], render: (v: string) => <Tag>{scopeName(v)}</Tag> },
    { title: t("admin.roles.col.users"), dataIndex: "users", key: "users", align: "right", responsive: ["md"], sorter: (a, b) => a.users - b.users },
    { title: t("admin.roles.col.permissions"), key: "permissions", responsive: ["md"], render: (_, r) => <PermissionSummary permissions={r.permissions} /> },
  ];
  const customColumns: ColumnsType<RoleRow> = [
    ...base,
    {
      title: t("admin.common.actions"), key: "actions", width: phone ? 80 : 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(r)}>{t("admin.common.edit")}</Button>
          {r.users ? (
            <Tooltip title={t("admin.roles.inUse", { n: r.users })}><Button size="small" danger disabled>{t("admin.common.delete")}</Button></Tooltip>
          ) : (
            <Popconfirm title={t("admin.roles.deleteConfirm", { name: r.name })} okText={t("admin.common.delete")} okButtonProps={{ danger: true }} cancelText={t("admin.common.cancel")} onConfirm={() => remove(r)}>
              <Button size="small" danger>{t("admin.common.delete")}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  // on a phone the permissions open under the row instead of taking a column
  const expandable = phone ? { expandedRowRender: (r: RoleRow) => <PermissionSummary permissions={r.permissions} /> } : undefined;

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("admin.roles.custom")} extra={<Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("admin.roles.new")}</Button>}>
        <Table<RoleRow>
          rowKey="code" size="middle" columns={customColumns} dataSource={custom} expandable={expandable} scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, size: "small" }}
          locale={{ emptyText: t("admin.roles.empty") }}
        />
      </Card>
      <Card size="small" title={t("admin.roles.builtin")}>
        <Table<RoleRow> rowKey="code" size="middle" columns={base} dataSource={builtin} expandable={expandable} pagination={false} scroll={{ x: true }} />
      </Card>
      <RoleFormModal
        key={editing === "new" ? "new" : editing?.code ?? "closed"}
        role={editing === "new" ? null : editing} open={editing !== null}
        operatorPermissions={operatorPermissions} operatorScopeKind={operatorScopeKind} save={actions.save}
        onClose={() => setEditing(null)}
        onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
      />
    </Space>
  );
}

type Values = { code: string; name: string; description?: string; scopeKind: ScopeKind; permissions: Permission[] };
const FIELDS = ["code", "name", "description", "scopeKind", "permissions"] as const;

function RoleFormModal({ role, open, operatorPermissions, operatorScopeKind, save, onClose, onSaved }: {
  role: RoleRow | null; open: boolean; operatorPermissions: Permission[]; operatorScopeKind: DataScope["kind"];
  save: RoleActions["save"]; onClose: () => void; onSaved: (message: string) => void;
}) {
  const { t } = useT();
  const scopeName = useAdminNames().scope;

  const { form, pending, error, onFinish } = useServerForm(async (v: Values) => {
    const result = await save({ ...v, permissions: v.permissions ?? [] }, !role);
    return result.ok ? { ok: true as const, outcome: t(role ? "admin.roles.saved" : "admin.roles.created", { name: result.outcome.name }) } : result;
  }, onSaved, FIELDS);

  return (
    <FormModal open={open} title={role ? t("admin.roles.editTitle", { name: role.name }) : t("admin.roles.new")} width={760} okText={role ? t("admin.common.save") : t("admin.common.create")} cancelText={t("admin.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {role && role.users > 0 && <Alert type="info" showIcon title={t("admin.roles.usersAffected", { n: role.users })} style={{ marginBottom: 16 }} />}
      <Form
        form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" scrollToFirstError
        initialValues={role ? { code: role.code, name: role.name, description: role.description ?? "", scopeKind: role.scopeKind as ScopeKind, permissions: role.permissions } : { scopeKind: "org", permissions: [] }}
      >
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(200px, 1fr))", columnGap: 16 }}>
          <Form.Item name="code" label={t("admin.common.code")} rules={[{ required: true, message: t("admin.common.codeRequired") }]} extra={role ? t("admin.roles.codeFixed") : t("admin.roles.codeHint")}>
            <Input disabled={!!role} className="mono" maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label={t("admin.roles.name")} rules={[{ required: true, message: t("admin.roles.nameRequired") }]}><Input maxLength={32} /></Form.Item>
          <Form.Item name="scopeKind" label={t("admin.roles.scope")} rules={[{ required: true, message: t("admin.roles.scopeRequired") }]}>
            <Select options={SCOPE_KINDS.map((k) => ({ value: k, label: scopeName(k), disabled: k === "all" && operatorScopeKind !== "all" }))} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t("admin.roles.description")}><Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} /></Form.Item>
        <Form.Item name="permissions" label={t("admin.roles.permissions")}>
          <PermissionGrid grantable={operatorPermissions} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
