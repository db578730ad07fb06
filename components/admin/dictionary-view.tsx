"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Form, Grid, Input, InputNumber, Menu, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { DictionaryEntryInput, DictionaryEntryRow, DictionaryTypeRow } from "@/lib/system/dictionaries";
import { useQueryState } from "@/components/ui/use-query-state";
import { showActionErrors } from "@/components/ui/action-errors";
import { FormModal } from "./form-modal";

type DictionaryActions = {
  save: (input: DictionaryEntryInput) => Promise<ActionResult<{ label: string }>>;
  setEnabled: (id: number, enabled: boolean) => Promise<ActionResult<null>>;
  remove: (id: number) => Promise<ActionResult<null>>;
};
type Props = { types: DictionaryTypeRow[]; type: DictionaryTypeRow; entries: DictionaryEntryRow[]; actions: DictionaryActions };

/** Dictionary types on the left (a select on phones), the chosen type's entries on the right. */
export function DictionaryView({ types, type, entries, actions }: Props) {
  const { update } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const choose = (t: string) => update({ type: t });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={7} lg={6} xl={5}>
        {phone ? (
          <Select value={type.type} onChange={choose} style={{ width: "100%" }} options={types.map((t) => ({ value: t.type, label: `${t.name}（${t.entries}）` }))} />
        ) : (
          <Card size="small" title="字典类型" styles={{ body: { padding: 4 } }}>
            <Menu
              mode="inline" selectedKeys={[type.type]} onClick={({ key }) => choose(key)} style={{ borderInlineEnd: 0 }}
              items={types.map((t) => ({
                key: t.type,
                label: <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}><span>{t.name}</span><Typography.Text type="secondary">{t.entries}</Typography.Text></div>,
              }))}
            />
          </Card>
        )}
      </Col>
      <Col xs={24} md={17} lg={18} xl={19}>
        <EntriesCard key={type.type} type={type} entries={entries} actions={actions} />
      </Col>
    </Row>
  );
}

function EntriesCard({ type, entries, actions }: { type: DictionaryTypeRow; entries: DictionaryEntryRow[]; actions: DictionaryActions }) {
  const router = useRouter();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<DictionaryEntryRow | "new" | null>(null);
  const [search, setSearch] = useState("");
  const [busy, setBusy] = useState<number | null>(null);
  const needle = search.trim().toLowerCase();
  const shown = needle ? entries.filter((e) => [e.code, e.label, e.labelEn].some((s) => s.toLowerCase().includes(needle))) : entries;

  async function report(result: ActionResult<null>, success: string) {
    setBusy(null);
    if (result.ok) message.success(success);
    else message.error(result.message);
    router.refresh();
  }

  const columns: ColumnsType<DictionaryEntryRow> = [
    ...(phone
      ? [{
          title: "条目", key: "label",
          render: (_: unknown, e: DictionaryEntryRow) => <>{e.label}<br /><Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: "break-word" }}><span className="mono">{e.code}</span> · {e.labelEn}</Typography.Text></>,
        }]
      : [
          { title: "编码", dataIndex: "code", key: "code", sorter: (a: DictionaryEntryRow, b: DictionaryEntryRow) => a.code.localeCompare(b.code), render: (v: string) => <span className="mono">{v}</span> },
          { title: "中文名称", dataIndex: "label", key: "label" },
          { title: "英文名称", dataIndex: "labelEn", key: "labelEn" },
        ]),
    { title: "排序", dataIndex: "sort", key: "sort", align: "right", responsive: ["sm"], sorter: (a, b) => a.sort - b.sort, defaultSortOrder: "ascend" },
    {
      title: "状态", dataIndex: "enabled", key: "enabled",
      filters: [{ text: "启用", value: true }, { text: "停用", value: false }], onFilter: (v, e) => e.enabled === v,
      render: (_, e) => (
        <Switch
          size="small" checked={e.enabled} aria-label={e.enabled ? "已启用，点击停用" : "已停用，点击启用"} loading={busy === e.id} disabled={type.fixedCodes}
          onChange={async (enabled) => { setBusy(e.id); await report(await actions.setEnabled(e.id, enabled), `已${enabled ? "启用" : "停用"}“${e.label}”`); }}
        />
      ),
    },
    {
      title: "操作", key: "actions", width: phone ? 72 : 130,
      render: (_, e) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(e)}>编辑</Button>
          {!type.fixedCodes && (
            <Popconfirm
              title={`删除“${e.label}”？`} description="删除后不可恢复。不再使用的条目建议停用：停用后不再供选择，已有记录仍能显示其名称。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消"
              onConfirm={async () => report(await actions.remove(e.id), `已删除“${e.label}”`)}
            >
              <Button size="small" danger>删除</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={<span>{type.name} <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>{type.nameEn} · <span className="mono">{type.type}</span></Typography.Text></span>}
      extra={!type.fixedCodes && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing("new")}>新增条目</Button>}
    >
      {type.fixedCodes && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该类型的编码由系统流程使用，不能新增、停用或删除，只能修改名称和排序。" />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder="编码或名称" allowClear onSearch={setSearch} onChange={(e) => !e.target.value && setSearch("")} style={{ width: 220 }} />
        <Tag>{type.enabledEntries} / {type.entries} 启用</Tag>
      </Space>
      <Table<DictionaryEntryRow>
        rowKey="id" size="middle" columns={columns} dataSource={shown} scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small", showTotal: (t) => `共 ${t} 条` }}
        locale={{ emptyText: needle ? "没有符合条件的条目" : type.fixedCodes ? "还没有条目：请运行初始化（种子数据）写入默认条目" : "还没有条目：点击“新增条目”添加" }}
      />
      <EntryFormModal
        key={editing === "new" ? "new" : editing?.id ?? "closed"}
        open={editing !== null} type={type} entry={editing === "new" ? null : editing}
        nextSort={Math.max(0, ...entries.map((e) => e.sort)) + 10} save={actions.save}
        onClose={() => setEditing(null)}
        onSaved={(text) => { setEditing(null); message.success(text); router.refresh(); }}
      />
    </Card>
  );
}

type Values = { code: string; label: string; labelEn: string; sort: number };
const FIELDS = ["code", "label", "labelEn", "sort"] as const;

function EntryFormModal({ open, type, entry, nextSort, save, onClose, onSaved }: {
  open: boolean; type: DictionaryTypeRow; entry: DictionaryEntryRow | null; nextSort: number;
  save: DictionaryActions["save"]; onClose: () => void; onSaved: (message: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onFinish(v: Values) {
    setPending(true);
    setProblem(null);
    const result = await save({ ...v, id: entry?.id, type: type.type as DictionaryEntryInput["type"] });
    setPending(false);
    if (!result.ok) return setProblem(showActionErrors(form, result, FIELDS));
    onSaved(entry ? `已保存“${result.outcome.label}”` : `已新增“${result.outcome.label}”`);
  }

  return (
    <FormModal open={open} title={entry ? `编辑条目：${entry.label}` : `新增${type.name}条目`} okText={entry ? "保存" : "新增"} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={entry ?? { sort: nextSort }}>
        <Form.Item name="code" label="编码" rules={[{ required: true, message: "请填写编码" }]} extra={entry ? "编码被业务记录引用，不能修改" : "小写字母、数字和 -，如 spare-parts"}>
          <Input className="mono" disabled={!!entry} maxLength={32} />
        </Form.Item>
        <Form.Item name="label" label="中文名称" rules={[{ required: true, message: "请填写中文名称" }]}><Input maxLength={32} /></Form.Item>
        <Form.Item name="labelEn" label="英文名称" rules={[{ required: true, message: "请填写英文名称" }]}><Input maxLength={64} /></Form.Item>
        <Form.Item name="sort" label="排序" extra="数字小的排在前面" rules={[{ required: true, message: "请填写排序" }]}><InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} /></Form.Item>
      </Form>
    </FormModal>
  );
}
