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
import { showActionErrors } from "@/components/ui/action-errors";
import { FormModal } from "./form-modal";

type Query = z.infer<typeof announcementQuerySchema>;
type AnnouncementActions = {
  create: (input: AnnouncementInput) => Promise<ActionResult<{ title: string }>>;
  update: (id: number, input: AnnouncementInput) => Promise<ActionResult<{ title: string }>>;
  remove: (id: number) => Promise<ActionResult<null>>;
};

const STATUS_COLORS: Record<AnnouncementStatus, string> = { active: "success", scheduled: "processing", expired: "default" };
const StatusTag = ({ status }: { status: AnnouncementStatus }) => <Tag color={STATUS_COLORS[status]}>{ANNOUNCEMENT_STATUS_NAMES[status]}</Tag>;

// The pickers show and return Shanghai wall-clock time as text, so a browser in another time zone gets the same result.
const WALL_CLOCK = "YYYY-MM-DD HH:mm";
const toPicker = (iso: string) => dayjs(formatShanghai(new Date(iso)).slice(0, 16));
const nowInShanghai = () => dayjs(formatShanghai(Date.now()).slice(0, 16));
// announcements are scheduled to the minute; seconds would only be noise
const minute = (iso: string) => shanghaiTime(iso).slice(0, 16);

/** All announcements for their editors: search, status, sort and page in the URL; create, edit and delete in modals. */
export function AnnouncementsView({ rows, total, query, actions }: { rows: AnnouncementRow[]; total: number; query: Query; actions: AnnouncementActions }) {
  const { update, pending } = useQueryState();
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<AnnouncementRow | "new" | null>(null);
  const sortOrder = (key: string) => (query.sort === key ? (query.order === "asc" ? "ascend" : "descend") : null);
  const filtered = Boolean(query.q || query.status);

  async function remove(a: AnnouncementRow) {
    const result = await actions.remove(a.id);
    if (result.ok) message.success(`已删除《${a.title}》`);
    else message.error(result.message);
    router.refresh();
  }

  const titleCell = (a: AnnouncementRow) => (
    <Space size={4} wrap>{a.important && <Tag color="red">重要</Tag>}<Typography.Text strong>{a.title}</Typography.Text>{phone && <StatusTag status={a.status} />}</Space>
  );
  const actionsCell = (a: AnnouncementRow) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setEditing(a)}>编辑</Button>
      <Popconfirm title={`删除《${a.title}》？`} description="删除后首页不再显示，且不可恢复。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(a)}>
        <Button size="small" danger>删除</Button>
      </Popconfirm>
    </Space>
  );
  const columns: ColumnsType<AnnouncementRow> = [
    { title: "标题", key: "title", render: (_, a) => titleCell(a) },
    { title: "状态", dataIndex: "status", key: "status", render: (s: AnnouncementStatus) => <StatusTag status={s} /> },
    { title: "发布时间", dataIndex: "publishedAt", key: "publishedAt", sorter: true, sortOrder: sortOrder("publishedAt"), render: minute },
    { title: "截止时间", dataIndex: "expiresAt", key: "expiresAt", sorter: true, sortOrder: sortOrder("expiresAt"), render: (v: string | null) => (v ? minute(v) : "长期有效") },
    { title: "发布人", dataIndex: "authorName", key: "authorName", responsive: ["lg"] },
    { title: "操作", key: "actions", width: 130, render: (_, a) => actionsCell(a) },
  ];
  const phoneColumns: ColumnsType<AnnouncementRow> = [
    {
      title: "公告", key: "publishedAt", sorter: true, sortOrder: sortOrder("publishedAt"),
      render: (_, a) => (
        <div style={{ minWidth: 0 }}>
          {titleCell(a)}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{minute(a.publishedAt)} 起 · {a.expiresAt ? `${minute(a.expiresAt)} 止` : "长期有效"}</Typography.Text></div>
        </div>
      ),
    },
    { title: "操作", key: "actions", width: 72, render: (_, a) => actionsCell(a) },
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
          <Input.Search placeholder="标题或正文" allowClear defaultValue={query.q} onSearch={(q) => update({ q, page: null })} style={{ width: phone ? "100%" : 240 }} />
          <Select
            allowClear placeholder="全部状态" value={query.status} style={{ width: 130 }} onChange={(status?: string) => update({ status, page: null })}
            options={Object.entries(ANNOUNCEMENT_STATUS_NAMES).map(([value, label]) => ({ value, label }))}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>发布公告</Button>
      </div>
      <Table<AnnouncementRow>
        rowKey="id" size="middle" dataSource={rows} loading={pending} onChange={onChange} columns={phone ? phoneColumns : columns} scroll={{ x: true }}
        expandable={{ expandedRowRender: (a) => <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{a.body}</Typography.Paragraph> }}
        locale={{ emptyText: filtered ? "没有符合条件的公告，请调整搜索或状态" : "还没有公告：点击“发布公告”，生效期内的公告会显示在首页" }}
        pagination={{ current: query.page, pageSize: query.pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (t) => `共 ${t} 条`, size: "small" }}
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
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onFinish(v: Values) {
    setPending(true);
    setProblem(null);
    const input = { title: v.title, body: v.body, important: v.important, publishedAt: v.publishedAt.format(WALL_CLOCK), expiresAt: v.expiresAt ? v.expiresAt.format(WALL_CLOCK) : null };
    const result = announcement ? await actions.update(announcement.id, input) : await actions.create(input);
    setPending(false);
    if (!result.ok) return setProblem(showActionErrors(form, result, FIELDS));
    onSaved(announcement ? `已保存《${result.outcome.title}》` : `已发布《${result.outcome.title}》`);
  }

  const initialValues: Partial<Values> = announcement
    ? { title: announcement.title, body: announcement.body, important: announcement.important, publishedAt: toPicker(announcement.publishedAt), expiresAt: announcement.expiresAt ? toPicker(announcement.expiresAt) : null }
    : { important: false, publishedAt: nowInShanghai(), expiresAt: null };

  return (
    <FormModal open={open} title={announcement ? "编辑公告" : "发布公告"} width={680} okText={announcement ? "保存" : "发布"} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={initialValues}>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: "请填写标题" }]}><Input maxLength={100} showCount /></Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: "请填写正文" }]}><Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="publishedAt" label="发布时间（北京时间）" rules={[{ required: true, message: "请选择发布时间" }]} extra="晚于现在则到时自动显示">
              <DatePicker showTime={{ format: "HH:mm" }} format={WALL_CLOCK} style={{ width: "100%" }} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="expiresAt" label="截止时间（北京时间）" extra="留空表示长期有效">
              <DatePicker showTime={{ format: "HH:mm" }} format={WALL_CLOCK} style={{ width: "100%" }} inputReadOnly allowClear placeholder="长期有效" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="important" label="重要公告" valuePropName="checked" extra="重要公告在首页排在最前并醒目显示"><Switch /></Form.Item>
      </Form>
    </FormModal>
  );
}
