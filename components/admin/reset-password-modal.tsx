"use client";

import { Alert, Form, Input, Typography } from "antd";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { UserRow } from "@/lib/auth/list-users";
import { FormModal } from "./form-modal";

type Values = { password: string; confirm: string };

/** Sets a new password for a user; it also unlocks them and ends their sessions everywhere. */
export function ResetPasswordModal({ user, resetPassword, onClose, onDone }: {
  user: UserRow | null; resetPassword: (id: number, password: string) => Promise<ActionResult<null>>; onClose: () => void; onDone: (message: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onFinish(v: Values) {
    if (!user) return;
    setPending(true);
    setProblem(null);
    const result = await resetPassword(user.id, v.password);
    setPending(false);
    if (result.ok) return onDone(`已重置 ${user.username} 的密码`);
    // the password is the action's only free input, so its validation errors belong to that field
    const errors = result.fieldErrors.form ?? result.fieldErrors.password;
    if (errors) form.setFields([{ name: "password", errors }]);
    else setProblem(result.message);
  }

  return (
    <FormModal open={!!user} title={`重置密码：${user?.username ?? ""}`} okText="重置" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      <Typography.Paragraph type="secondary">
        重置后该用户在所有设备上退出登录{user?.locked ? "，锁定同时解除" : ""}。请通过安全渠道把新密码告知本人，并提醒其登录后尽快修改。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: "请填写新密码" }, { min: 8, message: "密码至少 8 位" }]}>
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="confirm" label="再次输入" dependencies={["password"]}
          rules={[{ required: true, message: "请再次输入新密码" }, ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue("password") ? Promise.resolve() : Promise.reject(new Error("两次输入的密码不一致"))) })]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
