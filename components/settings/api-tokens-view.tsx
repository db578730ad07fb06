"use client";

import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { ApiTokenRow } from "@/lib/auth/api-tokens";
import { shanghaiTime } from "@/components/ui/format";
import { useT } from "@/components/layout/locale";

type Props = {
  tokens: ApiTokenRow[];
  create: (input: { name: string }) => Promise<ActionResult<{ name: string; token: string }>>;
  revoke: (tokenId: number) => Promise<ActionResult<null>>;
};

/** Create (the token is shown once), list and revoke the signed-in user's API tokens. */
export function ApiTokensView({ tokens, create, revoke }: Props) {
  const router = useRouter();
  const { message } = App.useApp();
  const { t } = useT();
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
    if (result.ok) message.success(t("tokens.revoked"));
    else message.error(result.message);
    router.refresh();
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("tokens.new")}>
        <Form form={form} layout="inline" onFinish={onCreate} style={{ rowGap: 8 }}>
          <Form.Item name="name" rules={[{ required: true, message: t("tokens.nameRequired") }]} style={{ flex: "1 1 220px", marginInlineEnd: 8 }}>
            <Input placeholder={t("tokens.namePlaceholder")} maxLength={64} />
          </Form.Item>
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Button type="primary" htmlType="submit" loading={pending}>{t("tokens.create")}</Button>
          </Form.Item>
        </Form>
        {created && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            closable={{ onClose: () => setCreated(null) }}
            title={t("tokens.created", { name: created.name })}
            description={<Typography.Paragraph copyable={{ text: created.token }} className="mono" style={{ margin: 0, overflowWrap: "anywhere" }} data-testid="new-token">{created.token}</Typography.Paragraph>}
          />
        )}
      </Card>
      <Card size="small" title={t("tokens.mine")}>
        <Table<ApiTokenRow>
          rowKey="id"
          size="small"
          dataSource={tokens}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("tokens.none") }}
          columns={[
            { title: t("tokens.col.name"), dataIndex: "name", key: "name" },
            { title: t("tokens.col.prefix"), dataIndex: "prefix", key: "prefix", render: (v: string) => <span className="mono">{v}…</span> },
            { title: t("tokens.col.created"), dataIndex: "createdAt", key: "createdAt", responsive: ["md"], render: shanghaiTime },
            { title: t("tokens.col.lastUsed"), dataIndex: "lastUsedAt", key: "lastUsedAt", responsive: ["md"], render: shanghaiTime },
            { title: t("tokens.col.state"), key: "state", render: (_, row) => (row.revokedAt ? <Tag>{t("tokens.state.revoked")}</Tag> : <Tag color="success">{t("tokens.state.active")}</Tag>) },
            {
              title: t("tokens.col.action"), key: "action",
              render: (_, row) => (row.revokedAt ? null : (
                <Popconfirm title={t("tokens.revokeConfirm")} okText={t("tokens.revoke")} cancelText={t("tokens.cancel")} onConfirm={() => onRevoke(row.id)}>
                  <Button size="small" danger>{t("tokens.revoke")}</Button>
                </Popconfirm>
              )),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
