"use client";

import { LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, Modal, Popconfirm, Tag } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import { useServerForm } from "@/components/ui/use-server-form";

/** 月结: closing freezes a month's bills; reopening (with a reason, audited) rebuilds them from the current usage and prices. */
export function MonthCloseControl({ month, closed, canClose, close, reopen }: {
  month: string; closed: { at: string; by: string } | null; canClose: boolean;
  close: (month: string) => Promise<ActionResult<string>>; reopen: (input: { month: string; reason: string }) => Promise<ActionResult<string>>;
}) {
  const { message } = App.useApp();
  const router = useRouter();
  const [reopening, setReopening] = useState(false);
  const after = (text: string) => { setReopening(false); message.success(text); router.refresh(); };
  const { form, pending, error, onFinish } = useServerForm((v: { reason: string }) => reopen({ month, reason: v.reason }), after);
  if (closed) {
    return (
      <>
        <Tag icon={<LockOutlined />} color="green" data-testid="month-closed">已月结（{closed.by}，{closed.at}）</Tag>
        {canClose && <Button size="small" icon={<UnlockOutlined />} onClick={() => setReopening(true)}>重开账期</Button>}
        <Modal open={reopening} title={`重开 ${month}`} okText="重开" cancelText="取消" confirmLoading={pending} onOk={() => form.submit()} onCancel={() => setReopening(false)} destroyOnHidden>
          {error && <Tag color="red" style={{ marginBottom: 12 }}>{error}</Tag>}
          <Form form={form} layout="vertical" onFinish={onFinish}>
            <Form.Item label="重开原因（记入审计日志）" name="reason" rules={[{ required: true, message: "请填写重开原因" }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
          </Form>
        </Modal>
      </>
    );
  }
  if (!canClose) return <Tag>未月结</Tag>;
  return (
    <Popconfirm
      title={`月结 ${month}？`} description="月结后，该月账单不再随价格变更、迟到文件或重新计费而改变（可由有权限的人员重开）。" okText="月结" cancelText="取消"
      onConfirm={async () => { const r = await close(month); if (r.ok) after(r.outcome); else message.error(r.message); }}
    >
      <Button size="small" icon={<LockOutlined />} data-testid="close-month">月结</Button>
    </Popconfirm>
  );
}
