"use client";

import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Form, Grid, Input, InputNumber, Menu, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/app/_server/action-result";
import type { Locale } from "@/lib/i18n/messages";
import type { DictionaryEntryInput, DictionaryEntryRow, DictionaryTypeRow } from "@/lib/system/dictionaries";
import { useQueryState } from "@/components/ui/use-query-state";
import { useServerForm } from "@/components/ui/use-server-form";
import { useT } from "@/components/layout/locale";
import { FormModal } from "./form-modal";

type DictionaryActions = {
  save: (input: DictionaryEntryInput) => Promise<ActionResult<{ label: string }>>;
  setEnabled: (id: number, enabled: boolean) => Promise<ActionResult<null>>;
  remove: (id: number) => Promise<ActionResult<null>>;
};
type Props = { types: DictionaryTypeRow[]; type: DictionaryTypeRow; entries: DictionaryEntryRow[]; actions: DictionaryActions };

// names in the reader's language where there is one in it; the other language's name is shown beside it
const typeName = (d: DictionaryTypeRow, locale: Locale) => (locale === "en" && d.nameEn ? d.nameEn : d.name);
const otherTypeName = (d: DictionaryTypeRow, locale: Locale) => (locale === "en" && d.nameEn ? d.name : d.nameEn);
const entryLabel = (e: { label: string; labelEn: string }, locale: Locale) => (locale === "en" && e.labelEn ? e.labelEn : e.label);
const otherEntryLabel = (e: { label: string; labelEn: string }, locale: Locale) => (locale === "en" && e.labelEn ? e.label : e.labelEn);

/** Dictionary types on the left (a select on phones), the chosen type's entries on the right. */
export function DictionaryView({ types, type, entries, actions }: Props) {
  const { locale, t } = useT();
  const { update } = useQueryState();
  const phone = Grid.useBreakpoint().md === false;
  const choose = (code: string) => update({ type: code });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={7} lg={6} xl={5}>
        {phone ? (
          <Select value={type.type} onChange={choose} style={{ width: "100%" }} options={types.map((d) => ({ value: d.type, label: t("admin.dictionaries.typeOption", { name: typeName(d, locale), n: d.entries }) }))} />
        ) : (
          <Card size="small" title={t("admin.dictionaries.types")} styles={{ body: { padding: 4 } }}>
            <Menu
              mode="inline" selectedKeys={[type.type]} onClick={({ key }) => choose(key)} style={{ borderInlineEnd: 0 }}
              items={types.map((d) => ({
                key: d.type,
                label: <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}><span>{typeName(d, locale)}</span><Typography.Text type="secondary">{d.entries}</Typography.Text></div>,
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
  const { locale, t } = useT();
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
          title: t("admin.dictionaries.col.entry"), key: "label",
          render: (_: unknown, e: DictionaryEntryRow) => <>{entryLabel(e, locale)}<br /><Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: "break-word" }}><span className="mono">{e.code}</span> · {otherEntryLabel(e, locale)}</Typography.Text></>,
        }]
      : [
          { title: t("admin.common.code"), dataIndex: "code", key: "code", sorter: (a: DictionaryEntryRow, b: DictionaryEntryRow) => a.code.localeCompare(b.code), render: (v: string) => <span className="mono">{v}</span> },
          { title: t("admin.dictionaries.col.label"), dataIndex: "label", key: "label" },
          { title: t("admin.dictionaries.col.labelEn"), dataIndex: "labelEn", key: "labelEn" },
        ]),
    { title: t("admin.dictionaries.col.sort"), dataIndex: "sort", key: "sort", align: "right", responsive: ["sm"], sorter: (a, b) => a.sort - b.sort, defaultSortOrder: "ascend" },
    {
      title: t("admin.common.status"), dataIndex: "enabled", key: "enabled",
      filters: [{ text: t("admin.dictionaries.statusEnabled"), value: true }, { text: t("admin.dictionaries.statusDisabled"), value: false }], onFilter: (v, e) => e.enabled === v,
      render: (_, e) => (
        <Switch
          size="small" checked={e.enabled} aria-label={e.enabled ? t("admin.dictionaries.enabledAria") : t("admin.dictionaries.disabledAria")} loading={busy === e.id} disabled={type.fixedCodes}
          onChange={async (enabled) => { setBusy(e.id); await report(await actions.setEnabled(e.id, enabled), t(enabled ? "admin.dictionaries.enabledEntry" : "admin.dictionaries.disabledEntry", { label: entryLabel(e, locale) })); }}
        />
      ),
    },
    {
      title: t("admin.common.actions"), key: "actions", width: phone ? 72 : 130,
      render: (_, e) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(e)}>{t("admin.common.edit")}</Button>
          {!type.fixedCodes && (
            <Popconfirm
              title={t("admin.dictionaries.deleteConfirm", { label: entryLabel(e, locale) })} description={t("admin.dictionaries.deleteDescription")} okText={t("admin.common.delete")} okButtonProps={{ danger: true }} cancelText={t("admin.common.cancel")}
              onConfirm={async () => report(await actions.remove(e.id), t("admin.dictionaries.deleted", { label: entryLabel(e, locale) }))}
            >
              <Button size="small" danger>{t("admin.common.delete")}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={<span>{typeName(type, locale)} <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>{otherTypeName(type, locale)} · <span className="mono">{type.type}</span></Typography.Text></span>}
      extra={!type.fixedCodes && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing("new")}>{t("admin.dictionaries.add")}</Button>}
    >
      {type.fixedCodes && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("admin.dictionaries.fixedCodes")} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t("admin.dictionaries.search")} allowClear onSearch={setSearch} onChange={(e) => !e.target.value && setSearch("")} style={{ width: 220 }} />
        <Tag>{t("admin.dictionaries.enabledCount", { enabled: type.enabledEntries, total: type.entries })}</Tag>
      </Space>
      <Table<DictionaryEntryRow>
        rowKey="id" size="middle" columns={columns} dataSource={shown} scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small", showTotal: (n) => t("admin.common.total", { n }) }}
        locale={{ emptyText: needle ? t("admin.dictionaries.emptyFiltered") : type.fixedCodes ? t("admin.dictionaries.emptyFixed") : t("admin.dictionaries.empty") }}
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
  const { locale, t } = useT();

  const { form, pending, error, onFinish } = useServerForm(async (v: Values) => {
    const result = await save({ ...v, id: entry?.id, type: type.type as DictionaryEntryInput["type"] });
    // the action answers with the Chinese name; in English the form's English name is the one to repeat
    const label = result.ok && locale === "en" && v.labelEn ? v.labelEn : result.ok ? result.outcome.label : "";
    return result.ok ? { ok: true as const, outcome: t(entry ? "admin.dictionaries.saved" : "admin.dictionaries.added", { label }) } : result;
  }, onSaved, FIELDS);

  return (
    <FormModal open={open} title={entry ? t("admin.dictionaries.editTitle", { label: entryLabel(entry, locale) }) : t("admin.dictionaries.newTitle", { type: typeName(type, locale) })} okText={entry ? t("admin.common.save") : t("admin.dictionaries.addOk")} cancelText={t("admin.common.cancel")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={entry ?? { sort: nextSort }}>
        <Form.Item name="code" label={t("admin.common.code")} rules={[{ required: true, message: t("admin.common.codeRequired") }]} extra={entry ? t("admin.dictionaries.codeFixed") : t("admin.dictionaries.codeHint")}>
          <Input className="mono" disabled={!!entry} maxLength={32} />
        </Form.Item>
        <Form.Item name="label" label={t("admin.dictionaries.col.label")} rules={[{ required: true, message: t("admin.dictionaries.labelRequired") }]}><Input maxLength={32} /></Form.Item>
        <Form.Item name="labelEn" label={t("admin.dictionaries.col.labelEn")} rules={[{ required: true, message: t("admin.dictionaries.labelEnRequired") }]}><Input maxLength={64} /></Form.Item>
        <Form.Item name="sort" label={t("admin.dictionaries.col.sort")} extra={t("admin.dictionaries.sortExtra")} rules={[{ required: true, message: t("admin.dictionaries.sortRequired") }]}><InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} /></Form.Item>
      </Form>
    </FormModal>
  );
}
