"use client";

import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { ApiTokenRow } from "@/lib/auth/api-tokens";
import { shanghaiTime } from "@/components/ui/format";

type Props = {
  tokens: ApiTokenRow[];
  create: (input: { name: string }) => Promise<ActionResult<{ name: string; token: string }>>;
  revoke: (tokenId: number) => Promise<ActionResult<null>>;
};

/** Create (the token is shown once), list and revoke the signed-in user's API tokens. */
export function ApiTokensView({ tokens, create, revoke }: Props) {
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onCreate(values: { name: string }) {
    setPending(true);
    const result = await create(values);
    setPending(false);
    if (!result.ok) {
      form.setFields([{ name: "name", errors: result.fieldErrors.name ?? [result.message] }]);
      return;
    }
    setCreated(result.outcome);
    form.resetFields();
    router.refresh();
  }

  async function onRevoke(id: number) {
    const result = await revoke(id);
    if (result.ok) message.success("令牌已吊销");
    else message.error(result.message);
    router.refresh();
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title="新建令牌">
        <Form form={form} layout="inline" onFinish={onCreate} style={{ rowGap: 8 }}>
          <Form.Item name="name" rules={[{ required: true, message: "请填写名称" }]} style={{ flex: "1 1 220px", marginInlineEnd: 8 }}>
            <Input placeholder="用途，如：财务系统对接" maxLength={64} />
          </Form.Item>
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Button type="primary" htmlType="submit" loading={pending}>创建</Button>
          </Form.Item>
        </Form>
        {created && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            closable={{ onClose: () => setCreated(null) }}
            title={`令牌“${created.name}”已创建。请立即复制，它只显示这一次。`}
            description={<Typography.Paragraph copyable={{ text: created.token }} className="mono" style={{ margin: 0, overflowWrap: "anywhere" }} data-testid="new-token">{created.token}</Typography.Paragraph>}
          />
        )}
      </Card>
      <Card size="small" title="我的令牌">
        <Table<ApiTokenRow>
          rowKey="id"
          size="small"
          dataSource={tokens}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: "还没有令牌" }}
          columns={[
            { title: "名称", dataIndex: "name", key: "name" },
            { title: "前缀", dataIndex: "prefix", key: "prefix", render: (v: string) => <span className="mono">{v}…</span> },
            { title: "创建时间", dataIndex: "createdAt", key: "createdAt", responsive: ["md"], render: shanghaiTime },
            { title: "最近使用", dataIndex: "lastUsedAt", key: "lastUsedAt", responsive: ["md"], render: shanghaiTime },
            { title: "状态", key: "state", render: (_, t) => (t.revokedAt ? <Tag>已吊销</Tag> : <Tag color="success">有效</Tag>) },
            {
              title: "操作", key: "action",
              render: (_, t) => (t.revokedAt ? null : (
                <Popconfirm title="吊销后使用此令牌的调用将失败，确定吊销？" okText="吊销" cancelText="取消" onConfirm={() => onRevoke(t.id)}>
                  <Button size="small" danger>吊销</Button>
                </Popconfirm>
              )),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
