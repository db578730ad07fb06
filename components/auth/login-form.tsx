"use client";

import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Locale, MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/components/layout/locale";

type Credentials = { username: string; password: string };

/** The server's refusal codes (lib/auth/next-auth-options) in words. */
function signInMessage(code: string | null | undefined, locale: Locale, t: (key: MessageKey, values?: Record<string, string | number>) => string): string {
  if (code?.startsWith("locked:")) {
    const until = new Date(code.slice(7));
    const at = Number.isNaN(until.getTime()) ? "" : until.toLocaleTimeString(locale === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
    return at ? t("login.lockedUntil", { time: at }) : t("login.locked");
  }
  if (code === "disabled") return t("login.disabled");
  if (code === "invalid" || code === "CredentialsSignin") return t("login.invalid");
  return t("login.failed");
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const { locale, t } = useT();
  // the refusal code, put in words when shown (so in the language of the moment)
  const [error, setError] = useState<{ code: string | null | undefined } | null>(null);
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
    setError({ code: result?.error });
  }

  return (
    <main style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", padding: 16, background: "linear-gradient(160deg, #1f5fbf 0%, #0e2f66 100%)" }}>
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>{t("login.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("login.subtitle")}</Typography.Paragraph>
        {error && <Alert type="error" title={signInMessage(error.code, locale, t)} showIcon style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t("login.username")} name="username" rules={[{ required: true, message: t("login.usernameRequired") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t("login.password")} name="password" rules={[{ required: true, message: t("login.passwordRequired") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={pending}>{t("login.submit")}</Button>
        </Form>
      </Card>
    </main>
  );
}
