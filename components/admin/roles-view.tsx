"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Grid, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { Permission } from "@/lib/auth/permissions";
import type { RoleInput, RoleRow } from "@/lib/auth/roles";
import { SCOPE_KIND_NAMES, SCOPE_KINDS, type DataScope, type ScopeKind } from "@/lib/auth/scope";
import { showActionErrors } from "@/components/ui/action-errors";
import { FormModal } from "./form-modal";
import { PermissionGrid, PermissionSummary } from "./permission-groups";

type RoleActions = {
  save: (input: RoleInput, create: boolean) => Promise<ActionResult<{ name: string }>>;
  remove: (code: string) => Promise<ActionResult<null>>;
};
type Props = { roles: RoleRow[]; operatorPermissions: Permission[]; operatorScopeKind: DataScope["kind"]; actions: RoleActions };

const scopeName = (k: string) => SCOPE_KIND_NAMES[k as ScopeKind] ?? k;

/** Built-in roles (read-only) and custom roles (create, edit, delete) with their permissions and data scope. */
export function RolesView({ roles, operatorPermissions, operatorScopeKind, actions }: Props) {
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<RoleRow | "new" | null>(null);
  const builtin = roles.filter((r) => r.builtin);
  const custom = roles.filter((r) => !r.builtin);

  async function remove(r: RoleRow) {
    const result = await actions.remove(r.code);
    if (result.ok) message.success(`已删除角色 ${r.name}`);
    else message.error(result.message);
    router.refresh();
  }

  const roleCell = (r: RoleRow) => (
    <div>
      <Typography.Text strong>{r.name}</Typography.Text> <span className="mono" style={{ fontSize: 12, color: "#888" }}>{r.code}</span>
      {r.description && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description}</Typography.Text></div>}
      {phone && <div><Tag>{scopeName(r.scopeKind)}</Tag><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.users} 个用户</Typography.Text></div>}
    </div>
  );
  const base: ColumnsType<RoleRow> = [
    { title: "角色", key: "name", sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"), render: (_, r) => roleCell(r) },
    { title: "数据范围", dataIndex: "scopeKind", key: "scopeKind", responsive: ["md"], render: (v: string) => <Tag>{scopeName(v)}</Tag> },
    { title: "用户数", dataIndex: "users", key: "users", align: "right", responsive: ["md"], sorter: (a, b) => a.users - b.users },
    { title: "权限", key: "permissions", responsive: ["md"], render: (_, r) => <PermissionSummary permissions={r.permissions} /> },
  ];
  const customColumns: ColumnsType<RoleRow> = [
    ...base,
    {
      title: "操作", key: "actions", width: phone ? 80 : 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(r)}>编辑</Button>
          {r.users ? (
            <Tooltip title={`还有 ${r.users} 个用户使用该角色，请先为他们更换角色`}><Button size="small" danger disabled>删除</Button></Tooltip>
          ) : (
            <Popconfirm title={`删除角色“${r.name}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(r)}>
              <Button size="small" danger>删除</Button>
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
      <Card size="small" title="自定义角色" extra={<Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing("new")}>新建角色</Button>}>
        <Table<RoleRow>
          rowKey="code" size="middle" columns={customColumns} dataSource={custom} expandable={expandable} scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, size: "small" }}
          locale={{ emptyText: "还没有自定义角色：内置角色不够用时，点击“新建角色”组合所需的权限" }}
        />
      </Card>
      <Card size="small" title="内置角色（只读）">
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
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onFinish(v: Values) {
    setPending(true);
    setProblem(null);
    const result = await save({ ...v, permissions: v.permissions ?? [] }, !role);
    setPending(false);
    if (!result.ok) return setProblem(showActionErrors(form, result, FIELDS));
    onSaved(role ? `已保存角色 ${result.outcome.name}` : `已新建角色 ${result.outcome.name}`);
  }

  return (
    <FormModal open={open} title={role ? `编辑角色：${role.name}` : "新建角色"} width={760} okText={role ? "保存" : "创建"} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {role && role.users > 0 && <Alert type="info" showIcon title={`${role.users} 个用户使用该角色，保存后他们的权限在下一次操作时生效`} style={{ marginBottom: 16 }} />}
      <Form
        form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" scrollToFirstError
        initialValues={role ? { code: role.code, name: role.name, description: role.description ?? "", scopeKind: role.scopeKind as ScopeKind, permissions: role.permissions } : { scopeKind: "org", permissions: [] }}
      >
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(200px, 1fr))", columnGap: 16 }}>
          <Form.Item name="code" label="编码" rules={[{ required: true, message: "请填写编码" }]} extra={role ? "编码不能修改" : "小写字母开头，如 wjw-admin"}>
            <Input disabled={!!role} className="mono" maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: "请填写名称" }]}><Input maxLength={32} /></Form.Item>
          <Form.Item name="scopeKind" label="数据范围" rules={[{ required: true, message: "请选择数据范围" }]}>
            <Select options={SCOPE_KINDS.map((k) => ({ value: k, label: SCOPE_KIND_NAMES[k], disabled: k === "all" && operatorScopeKind !== "all" }))} />
          </Form.Item>
        </div>
        <Form.Item name="description" label="说明"><Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} /></Form.Item>
        <Form.Item name="permissions" label="权限">
          <PermissionGrid grantable={operatorPermissions} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
