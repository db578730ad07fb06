"use client";

import { Alert, Col, Form, Input, Row, Select } from "antd";
import type { ActionResult } from "@/app/_server/action-result";
import type { UserRow } from "@/lib/auth/list-users";
import { SCOPE_KINDS, type DataScope, type ScopeKind } from "@/lib/auth/scope";
import type { NewUser, UserPatch } from "@/lib/auth/users";
import type { OrganisationChoices } from "@/lib/system/list-organisations";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "./form-modal";
import { useAdminNames } from "./permission-groups";

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
  const { t } = useT();
  const names = useAdminNames();
  const { form, pending, error, onFinish } = useServerForm(async (v: Values) => {
    const fields = {
      displayName: v.displayName, role: v.role, departmentId: v.departmentId ?? null, providerId: v.providerId ?? null,
      scopeKind: v.scopeKind === INHERIT ? null : v.scopeKind, scopeDepartmentIds: v.scopeKind === "custom" ? v.scopeDepartmentIds ?? [] : [],
      phone: v.phone || null, email: v.email || null,
    };
    const result = user ? await update(user.id, fields) : await create({ ...fields, username: v.username ?? "", password: v.password ?? "" });
    return result.ok ? { ok: true as const, outcome: user ? t("admin.userForm.saved", { username: user.username }) : t("admin.userForm.created", { username: v.username ?? "" }) } : result;
  }, onSaved, FIELDS);
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


  const departmentOptions = organisations.departments.map((d) => ({ value: d.id, label: t("admin.common.nameCode", { name: d.name, code: d.code }) }));
  return (
    <FormModal
      open={open} title={user ? t("admin.userForm.editTitle", { username: user.username }) : t("admin.users.new")} width={680} okText={user ? t("admin.common.save") : t("admin.common.create")} cancelText={t("admin.common.cancel")}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional" scrollToFirstError>
        <Row gutter={16}>
          {!user && (
            <>
              <Col xs={24} sm={12}>
                <Form.Item name="username" label={t("admin.userForm.username")} rules={[{ required: true, message: t("admin.userForm.usernameRequired") }]} extra={t("admin.userForm.usernameExtra")}>
                  <Input autoComplete="off" maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="password" label={t("admin.userForm.password")} rules={[{ required: true, message: t("admin.userForm.passwordRequired") }, { min: 8, message: t("admin.common.passwordMin") }]}>
                  <Input.Password autoComplete="new-password" maxLength={200} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label={t("admin.userForm.displayName")} rules={[{ required: true, message: t("admin.userForm.displayNameRequired") }]}><Input maxLength={64} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t("admin.userForm.role")} rules={[{ required: true, message: t("admin.userForm.roleRequired") }]} extra={isSelf ? t("admin.userForm.roleSelf") : undefined}>
              <Select
                disabled={isSelf} placeholder={t("admin.userForm.rolePlaceholder")} showSearch={{ optionFilterProp: "label" }}
                options={roles.map((r) => ({ value: r.code, label: r.grantable ? r.name : t("admin.userForm.roleBeyond", { name: r.name }), disabled: !r.grantable }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t("admin.userForm.department")} rules={[{ required: effectiveKind === "org", message: t("admin.userForm.departmentRequired") }]}>
              <Select allowClear placeholder={t("admin.common.none")} showSearch={{ optionFilterProp: "label" }} options={departmentOptions} notFoundContent={t("admin.userForm.noDepartments")} />
            </Form.Item>
          </Col>
          {(organisations.providers.length > 0 || user?.providerId) && <Col xs={24} sm={12}>
            <Form.Item name="providerId" label={t("admin.userForm.provider")} rules={[{ required: effectiveKind === "provider", message: t("admin.userForm.providerRequired") }]}>
              <Select allowClear placeholder={t("admin.common.none")} options={organisations.providers.map((p) => ({ value: p.id, label: t("admin.common.nameCode", { name: p.name, code: p.code }) }))} notFoundContent={t("admin.userForm.noProviders")} />
            </Form.Item>
          </Col>}
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t("admin.userForm.phone")}><Input inputMode="tel" maxLength={32} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t("admin.userForm.email")} rules={[{ type: "email", message: t("admin.userForm.emailInvalid") }]}><Input inputMode="email" maxLength={200} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="scopeKind" label={t("admin.userForm.scope")} extra={t("admin.userForm.scopeExtra")}>
              <Select
                options={[
                  { value: INHERIT, label: role ? t("admin.users.inheritScopeOf", { scope: names.scope(role.scopeKind) }) : t("admin.users.inheritScope") },
                  ...SCOPE_KINDS.map((k) => ({ value: k, label: names.scope(k), disabled: !kinds.includes(k) })),
                ]}
              />
            </Form.Item>
          </Col>
          {scopeKind === "custom" && (
            <Col xs={24} sm={12}>
              <Form.Item name="scopeDepartmentIds" label={t("admin.userForm.scopeDepartments")} rules={[{ required: true, type: "array", min: 1, message: t("admin.userForm.scopeDepartmentsRequired") }]}>
                <Select mode="multiple" placeholder={t("admin.userForm.scopeDepartmentsPlaceholder")} showSearch={{ optionFilterProp: "label" }} options={departmentOptions} maxTagCount="responsive" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormModal>
  );
}
