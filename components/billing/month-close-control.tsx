"use client";

import { LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, Modal, Popconfirm, Tag } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";

/** 月结: closing freezes a month's bills; reopening (with a reason, audited) rebuilds them from the current usage and prices. */
export function MonthCloseControl({ month, closed, canClose, close, reopen }: {
  month: string; closed: { at: string; by: string } | null; canClose: boolean;
  close: (month: string) => Promise<ActionResult<string>>; reopen: (input: { month: string; reason: string }) => Promise<ActionResult<string>>;
}) {
  const { message } = App.useApp();
  const router = useRouter();
  const { t } = useT();
  const [reopening, setReopening] = useState(false);
  const after = (text: string) => { setReopening(false); message.success(text); router.refresh(); };
  const { form, pending, error, onFinish } = useServerForm((v: { reason: string }) => reopen({ month, reason: v.reason }), after);
  if (closed) {
    return (
      <>
        <Tag icon={<LockOutlined />} color="green" data-testid="month-closed">{t("bills.closed", { by: closed.by, at: closed.at })}</Tag>
        {canClose && <Button size="small" icon={<UnlockOutlined />} onClick={() => setReopening(true)}>{t("bills.reopen")}</Button>}
        <Modal open={reopening} title={t("bills.reopenTitle", { month })} okText={t("bills.reopenOk")} cancelText={t("common.cancel")} confirmLoading={pending} onOk={() => form.submit()} onCancel={() => setReopening(false)} destroyOnHidden>
          {error && <Tag color="red" style={{ marginBottom: 12 }}>{error}</Tag>}
          <Form form={form} layout="vertical" onFinish={onFinish}>
            <Form.Item label={t("bills.reopenReason")} name="reason" rules={[{ required: true, message: t("bills.reopenReasonRequired") }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
          </Form>
        </Modal>
      </>
    );
  }
  if (!canClose) return <Tag>{t("bills.open")}</Tag>;
  return (
    <Popconfirm
      title={t("bills.closeTitle", { month })} description={t("bills.closeDetail")} okText={t("bills.close")} cancelText={t("common.cancel")}
      onConfirm={async () => { const r = await close(month); if (r.ok) after(r.outcome); else message.error(r.message); }}
    >
      <Button size="small" icon={<LockOutlined />} data-testid="close-month">{t("bills.close")}</Button>
    </Popconfirm>
  );
}
