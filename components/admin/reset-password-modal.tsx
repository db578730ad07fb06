"use client";

import { Alert, Form, Input, Typography } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { UserRow } from "@/lib/auth/list-users";
import { useT } from "@/components/layout/locale";
import { FormModal } from "./form-modal";

type Values = { password: string; confirm: string };

/** Sets a new password for a user; it also unlocks them and ends their sessions everywhere. */
export function ResetPasswordModal({ user, resetPassword, onClose, onDone }: {
  user: UserRow | null; resetPassword: (id: number, password: string) => Promise<ActionResult<null>>; onClose: () => void; onDone: (message: string) => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onFinish(v: Values) {
    if (!user) return;
    setPending(true);
    setProblem(null);
    const result = await resetPassword(user.id, v.password);
    setPending(false);
    if (result.ok) return onDone(t("admin.resetPassword.done", { username: user.username }));
    // the password is the action's only free input, so its validation errors belong to that field
    const errors = result.fieldErrors.form ?? result.fieldErrors.password;
    if (errors) form.setFields([{ name: "password", errors }]);
    else setProblem(result.message);
  }

  return (
    <FormModal open={!!user} title={t("admin.resetPassword.title", { username: user?.username ?? "" })} okText={t("admin.resetPassword.ok")} cancelText={t("admin.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      <Typography.Paragraph type="secondary">
        {t(user?.locked ? "admin.resetPassword.noteLocked" : "admin.resetPassword.note")}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="password" label={t("admin.resetPassword.password")} rules={[{ required: true, message: t("admin.resetPassword.passwordRequired") }, { min: 8, message: t("admin.common.passwordMin") }]}>
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="confirm" label={t("admin.resetPassword.confirm")} dependencies={["password"]}
          rules={[{ required: true, message: t("admin.resetPassword.confirmRequired") }, ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue("password") ? Promise.resolve() : Promise.reject(new Error(t("admin.resetPassword.mismatch")))) })]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
