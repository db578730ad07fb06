"use client";

import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

type Credentials = { username: string; password: string };

/** The server's refusal codes (lib/auth/next-auth-options) in words. */
function signInMessage(code: string | null | undefined): string {
  if (code?.startsWith("locked:")) {
    const until = new Date(code.slice(7));
    const at = Number.isNaN(until.getTime()) ? "" : until.toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
    return `密码连续错误次数过多，账号已锁定${at ? `至 ${at}` : ""}，请稍后再试或联系管理员重置密码`;
  }
  if (code === "disabled") return "账号已停用，请联系管理员";
  if (code === "invalid" || code === "CredentialsSignin") return "用户名或密码错误";
  return "登录失败，请稍后再试";
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(values: Credentials) {
    setPending(true);
    setError(null);
    // redirect: false keeps navigation here, independent of NEXTAUTH_URL (the portal may run on any host and port).
    const result = await signIn("credentials", { ...values, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(next);
      router.refresh();
      return;
    }
    setPending(false);
    setError(signInMessage(result?.error));
  }

  return (
    <main style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", padding: 16, background: "linear-gradient(160deg, #1f5fbf 0%, #0e2f66 100%)" }}>
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>政务云第三方监管平台</Typography.Title>
        <Typography.Paragraph type="secondary">计量计费 · 账单 · 异常处理</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请输入用户名" }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={pending}>登录</Button>
        </Form>
      </Card>
    </main>
  );
}
