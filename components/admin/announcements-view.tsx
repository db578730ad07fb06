"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, DatePicker, Form, Grid, Input, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from "antd";
import type { ColumnsType, TableProps } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/app/_server/action-result";
import { ANNOUNCEMENT_STATUS_NAMES, type AnnouncementInput, type AnnouncementRow, type AnnouncementStatus, type announcementQuerySchema } from "@/lib/system/announcements";
import { formatShanghai } from "@/lib/time/shanghai";
import { shanghaiTime } from "@/components/ui/format";
import { useQueryState } from "@/components/ui/use-query-state";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "./form-modal";
import { useAdminNames } from "./permission-groups";

type Query = z.infer<typeof announcementQuerySchema>;
type AnnouncementActions = {
  create: (input: AnnouncementInput) => Promise<ActionResult<{ title: string }>>;
  update: (id: number, input: AnnouncementInput) => Promise<ActionResult<{ title: string }>>;
  remove: (id: number) => Promise<ActionResult<null>>;
};

const STATUS_COLORS: Record<AnnouncementStatus, string> = { active: "success", scheduled: "processing", expired: "default" };
function StatusTag({ status }: { status: AnnouncementStatus }) {
  const { named } = useAdminNames();
  return <Tag color={STATUS_COLORS[status]}>{named(`admin.announcements.status.${status}`, ANNOUNCEMENT_STATUS_NAMES[status])}</Tag>;
}

// The pickers show and return Shanghai wall-clock time as text, so a browser in another time zone gets the same result.
const WALL_CLOCK = "YYYY-MM-DD HH:mm";
const toPicker = (iso: string) => dayjs(formatShanghai(new Date(iso)).slice(0, 16));
const nowInShanghai = () => dayjs(formatShanghai(Date.now()).slice(0, 16));
// announcements are scheduled to the minute; seconds would only be noise
const minute = (iso: string) => shanghaiTime(iso).slice(0, 16);

/** All announcements for their editors: search, status, sort and page in the URL; create, edit and delete in modals. */
export function AnnouncementsView({ rows, total, query, actions }: { rows: AnnouncementRow[]; total: number; query: Query; actions: AnnouncementActions }) {
  const { t } = useT();
  const { named } = useAdminNames();
  const { update, pending } = useQueryState();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<AnnouncementRow | "new" | null>(null);
  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);
  const filtered = Boolean(query.q || query.status);

  async function remove(a: AnnouncementRow) {
    const result = await actions.remove(a.id);
    if (result.ok) message.success(t("admin.announcements.deleted", { title: a.title }));
    else message.error(result.message);
    router.refresh();
  }

  const titleCell = (a: AnnouncementRow) => (
    <Space size={4} wrap>{a.important && <Tag color="red">{t("admin.announcements.important")}</Tag>}<Typography.Text strong>{a.title}</Typography.Text>{phone && <StatusTag status={a.status} />}</Space>
  );
  const actionsCell = (a: AnnouncementRow) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setEditing(a)}>{t("admin.common.edit")}</Button>
      <Popconfirm title={t("admin.announcements.deleteConfirm", { title: a.title })} description={t("admin.announcements.deleteDescription")} okText={t("admin.common.delete")} okButtonProps={{ danger: true }} cancelText={t("admin.common.cancel")} onConfirm={() => remove(a)}>
        <Button size="small" danger>{t("admin.common.delete")}</Button>
      </Popconfirm>
    </Space>
  );
  const columns: ColumnsType<AnnouncementRow> = [
    { title: t("admin.announcements.col.title"), key: "title", render: (_, a) => titleCell(a) },
    { title: t("admin.common.status"), dataIndex: "status", key: "status", render: (s: AnnouncementStatus) => <StatusTag status={s} /> },
    { title: t("admin.announcements.col.publishedAt"), dataIndex: "publishedAt", key: "publishedAt", sorter: true, sortOrder: sortOrder("publishedAt"), render: minute },
    { title: t("admin.announcements.col.expiresAt"), dataIndex: "expiresAt", key: "expiresAt", sorter: true, sortOrder: sortOrder("expiresAt"), render: (v: string | null) => (v ? minute(v) : t("admin.announcements.noExpiry")) },
    { title: t("admin.announcements.col.author"), dataIndex: "authorName", key: "authorName", responsive: ["lg"] },
    { title: t("admin.common.actions"), key: "actions", width: 130, render: (_, a) => actionsCell(a) },
  ];
  const phoneColumns: ColumnsType<AnnouncementRow> = [
    {
      title: t("admin.announcements.col.announcement"), key: "publishedAt", sorter: true, sortOrder: sortOrder("publishedAt"),
      render: (_, a) => (
        <div style={{ minWidth: 0 }}>
          {titleCell(a)}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("admin.announcements.from", { time: minute(a.publishedAt) })} · {a.expiresAt ? t("admin.announcements.until", { time: minute(a.expiresAt) }) : t("admin.announcements.noExpiry")}</Typography.Text></div>
        </div>
      ),
    },
    { title: t("admin.common.actions"), key: "actions", width: 72, render: (_, a) => actionsCell(a) },
  ];

  const onChange: TableProps<AnnouncementRow>["onChange"] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? String(s.columnKey) : null;
    const order = s?.order ? (s.order === "ascend" ? "asc" : "desc") : null;
    const sortChanged = (sort ?? "publishedAt") !== query.sort || (order ?? "desc") !== query.order;
    update({ page: sortChanged ? 1 : pagination.current, pageSize: pagination.pageSize, sort, order });
  };

  return (
    <>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", marginBottom: 12 }}>
        <Space wrap>
          <Input.Search placeholder={t("admin.announcements.search")} allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
          <Select
            allowClear placeholder={t("admin.common.allStatuses")} value={query.status} style={{ width: 130 }} onChange={(status?: string) => update({ status, page: null })}
            options={Object.entries(ANNOUNCEMENT_STATUS_NAMES).map(([value, label]) => ({ value, label: named(`admin.announcements.status.${value}`, label) }))}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("admin.announcements.publish")}</Button>
      </div>
      <Table<AnnouncementRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange} columns={phone ? phoneColumns : columns} scroll={{ x: true }}
        expandable={{ expandedRowRender: (a) => <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{a.body}</Typography.Paragraph> }}
        locale={{ emptyText: filtered ? t("admin.announcements.emptyFiltered") : t("admin.announcements.empty") }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t("admin.common.total", { n }), size: "small" }}
      />
      <AnnouncementFormModal
        key={editing === "new" ? "new" : editing?.id ?? "closed"}
        open={editing !== null} announcement={editing === "new" ? null : editing} actions={actions}
        onClose={() => setEditing(null)}
        onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
      />
    </>
  );
}

type Values = { title: string; body: string; important: boolean; publishedAt: Dayjs; expiresAt?: Dayjs | null };
const FIELDS = ["title", "body", "important", "publishedAt", "expiresAt"] as const;

function AnnouncementFormModal({ open, announcement, actions, onClose, onSaved }: {
  open: boolean; announcement: AnnouncementRow | null; actions: AnnouncementActions; onClose: () => void; onSaved: (message: string) => void;
}) {
  const { t } = useT();

  const { form, pending, error, onFinish } = useServerForm(async (v: Values) => {
    const input = { title: v.title, body: v.body, important: v.important, publishedAt: v.publishedAt.format(WALL_CLOCK), expiresAt: v.expiresAt ? v.expiresAt.format(WALL_CLOCK) : null };
    const result = announcement ? await actions.update(announcement.id, input) : await actions.create(input);
    return result.ok ? { ok: true as const, outcome: t(announcement ? "admin.announcements.saved" : "admin.announcements.published", { title: result.outcome.title }) } : result;
  }, onSaved, FIELDS);

  const initialValues: Partial<Values> = announcement
    ? { title: announcement.title, body: announcement.body, important: announcement.important, publishedAt: toPicker(announcement.publishedAt), expiresAt: announcement.expiresAt ? toPicker(announcement.expiresAt) : null }
    : { important: false, publishedAt: nowInShanghai(), expiresAt: null };

  return (
    <FormModal open={open} title={announcement ? t("admin.announcements.editTitle") : t("admin.announcements.publish")} width={680} okText={announcement ? t("admin.common.save") : t("admin.announcements.publishOk")} cancelText={t("admin.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={initialValues}>
        <Form.Item name="title" label={t("admin.announcements.col.title")} rules={[{ required: true, message: t("admin.announcements.titleRequired") }]}><Input maxLength={100} showCount /></Form.Item>
        <Form.Item name="body" label={t("admin.announcements.body")} rules={[{ required: true, message: t("admin.announcements.bodyRequired") }]}><Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="publishedAt" label={t("admin.announcements.publishedAt")} rules={[{ required: true, message: t("admin.announcements.publishedAtRequired") }]} extra={t("admin.announcements.publishedAtExtra")}>
              <DatePicker showTime={{ format: "HH:mm" }} format={WALL_CLOCK} style={{ width: "100%" }} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="expiresAt" label={t("admin.announcements.expiresAt")} extra={t("admin.announcements.expiresAtExtra")}>
              <DatePicker showTime={{ format: "HH:mm" }} format={WALL_CLOCK} style={{ width: "100%" }} inputReadOnly allowClear placeholder={t("admin.announcements.noExpiry")} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="important" label={t("admin.announcements.importantLabel")} valuePropName="checked" extra={t("admin.announcements.importantExtra")}><Switch /></Form.Item>
      </Form>
    </FormModal>
  );
}
