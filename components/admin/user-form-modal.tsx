"use client";

import { Alert, Col, Form, Input, Row, Select } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { UserRow } from "@/lib/auth/list-users";
import { SCOPE_KIND_NAMES, SCOPE_KINDS, type DataScope, type ScopeKind } from "@/lib/auth/scope";
import type { NewUser, UserPatch } from "@/lib/auth/users";
import type { OrganisationChoices } from "@/lib/system/list-organisations";
import { showActionErrors } from "@/components/ui/action-errors";
import { FormModal } from "./form-modal";

export type RoleChoice = { code: string; name: string; scopeKind: string; grantable: boolean };

const INHERIT = "inherit";
type Values = {
  username?: string; password?: string; displayName: string; role: string; departmentId?: number; providerId?: number;
  scopeKind: ScopeKind | typeof INHERIT; scopeDepartmentIds?: number[]; phone?: string; email?: string;
};
const FIELDS = ["username", "password", "displayName", "role", "departmentId", "providerId", "scopeKind", "scopeDepartmentIds", "phone", "email"] as const;

/** The scope kinds an operator can hand out: all of them with an unlimited scope, else only their own kind of scope. */
const grantableKinds = (operator: DataScope["kind"]): readonly ScopeKind[] => (operator === "all" ? SCOPE_KINDS : operator === "departments" ? ["org", "custom"] : ["provider"]);

type Props = {
  open: boolean; user: UserRow | null; roles: RoleChoice[]; organisations: OrganisationChoices; operatorScopeKind: DataScope["kind"]; isSelf: boolean;
  create: (input: NewUser) => Promise<ActionResult<{ username: string }>>;
  update: (id: number, patch: UserPatch) => Promise<ActionResult<null>>;
  onClose: () => void; onSaved: (message: string) => void;
};

/** Create or edit a user; the server's checks (escalation, scope, organisation) come back next to the fields. */
export function UserFormModal({ open, user, roles, organisations, operatorScopeKind, isSelf, create, update, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const roleCode = Form.useWatch("role", form);
  const scopeKind = Form.useWatch("scopeKind", form);
  const role = roles.find((r) => r.code === roleCode);
  const effectiveKind = scopeKind === INHERIT ? role?.scopeKind : scopeKind;
  const kinds = grantableKinds(operatorScopeKind);

  const initialValues: Partial<Values> = user
    ? {
        displayName: user.displayName, role: user.role, departmentId: user.departmentId ?? undefined, providerId: user.providerId ?? undefined,
        scopeKind: (user.scopeKind as ScopeKind | null) ?? INHERIT, scopeDepartmentIds: user.scopeDepartmentIds, phone: user.phone ?? "", email: user.email ?? "",
      }
    : { scopeKind: INHERIT, scopeDepartmentIds: [], departmentId: organisations.departments.length === 1 && operatorScopeKind === "departments" ? organisations.departments[0].id : undefined };

  async function onFinish(v: Values) {
    setPending(true);
    setProblem(null);
    const fields = {
      displayName: v.displayName, role: v.role, departmentId: v.departmentId ?? null, providerId: v.providerId ?? null,
      scopeKind: v.scopeKind === INHERIT ? null : v.scopeKind, scopeDepartmentIds: v.scopeKind === "custom" ? v.scopeDepartmentIds ?? [] : [],
      phone: v.phone || null, email: v.email || null,
    };
    const result = user ? await update(user.id, fields) : await create({ ...fields, username: v.username ?? "", password: v.password ?? "" });
    setPending(false);
    if (!result.ok) return setProblem(showActionErrors(form, result, FIELDS));
    onSaved(user ? `已保存 ${user.username}` : `已新建用户 ${v.username}`);
  }

  const departmentOptions = organisations.departments.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }));
  return (
    <FormModal
      open={open} title={user ? `编辑用户 ${user.username}` : "新建用户"} width={680} okText={user ? "保存" : "创建"} cancelText="取消"
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional" scrollToFirstError>
        <Row gutter={16}>
          {!user && (
            <>
              <Col xs={24} sm={12}>
                <Form.Item name="username" label="用户名" rules={[{ required: true, message: "请填写用户名" }]} extra="登录用，创建后不能修改">
                  <Input autoComplete="off" maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="password" label="初始密码" rules={[{ required: true, message: "请填写初始密码" }, { min: 8, message: "密码至少 8 位" }]}>
                  <Input.Password autoComplete="new-password" maxLength={200} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: "请填写姓名" }]}><Input maxLength={64} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: "请选择角色" }]} extra={isSelf ? "不能更改自己的角色" : undefined}>
              <Select
                disabled={isSelf} placeholder="选择角色" showSearch={{ optionFilterProp: "label" }}
                options={roles.map((r) => ({ value: r.code, label: r.grantable ? r.name : `${r.name}（超出您的权限）`, disabled: !r.grantable }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label="所属单位" rules={[{ required: effectiveKind === "org", message: "数据范围为“本单位”时须选择所属单位" }]}>
              <Select allowClear placeholder="无" showSearch={{ optionFilterProp: "label" }} options={departmentOptions} notFoundContent="没有可选的单位" />
            </Form.Item>
          </Col>
          {(organisations.providers.length > 0 || user?.providerId) && <Col xs={24} sm={12}>
            <Form.Item name="providerId" label="所属服务商" rules={[{ required: effectiveKind === "provider", message: "数据范围为“本服务商”时须选择服务商" }]}>
              <Select allowClear placeholder="无" options={organisations.providers.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))} notFoundContent="没有可选的服务商" />
            </Form.Item>
          </Col>}
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label="手机"><Input inputMode="tel" maxLength={32} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label="邮箱" rules={[{ type: "email", message: "邮箱格式不正确" }]}><Input inputMode="email" maxLength={200} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="scopeKind" label="数据范围" extra="默认跟随角色；仅在该用户需要与角色不同的范围时设置">
              <Select
                options={[
                  { value: INHERIT, label: role ? `跟随角色（${SCOPE_KIND_NAMES[role.scopeKind as ScopeKind] ?? role.scopeKind}）` : "跟随角色" },
                  ...SCOPE_KINDS.map((k) => ({ value: k, label: SCOPE_KIND_NAMES[k], disabled: !kinds.includes(k) })),
                ]}
              />
            </Form.Item>
          </Col>
          {scopeKind === "custom" && (
            <Col xs={24} sm={12}>
              <Form.Item name="scopeDepartmentIds" label="可见的单位" rules={[{ required: true, type: "array", min: 1, message: "请至少选择一个单位" }]}>
                <Select mode="multiple" placeholder="选择单位" showSearch={{ optionFilterProp: "label" }} options={departmentOptions} maxTagCount="responsive" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormModal>
  );
}
