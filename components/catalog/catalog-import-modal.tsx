"use client";

import { InboxOutlined } from "@ant-design/icons";
import { Alert, Modal, Space, Statistic, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import type { CatalogOutcome } from "@/app/(portal)/catalog/actions";
import type { CatalogImportPlan, ItemState } from "@/lib/catalog/plan-catalog-import";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/components/layout/locale";

type Result = { applied: boolean; plan: CatalogImportPlan; rerateJobId?: string };
type Change = { itemCode: string; what: "added" | "changed" | "retired"; detail: string };
const WHAT = { added: { label: "catalog.import.added", color: "green" }, changed: { label: "catalog.import.changed", color: "blue" }, retired: { label: "catalog.import.retired", color: "orange" } } as const;

const FIELD_NAMES: Record<string, MessageKey> = {
  providerId: "catalog.col.provider", serviceTypeCode: "catalog.form.serviceType", resourceTypeCode: "catalog.form.resourceType", resourceSpecCode: "catalog.form.spec", factor: "catalog.form.factor", unit: "catalog.form.unit", unitPrice: "catalog.col.price",
  category: "catalog.col.category", name: "catalog.col.name", validFrom: "catalog.form.validFrom", validTo: "catalog.form.validTo", status: "catalog.col.status",
};

const show = (s: ItemState, f: string) => String((s as Record<string, unknown>)[f] ?? "—");

/** Upload a catalog (xlsx or CSV), see exactly what it would add, change and retire, then apply it, or fix the rows it names. */
export function CatalogImportModal({ onCancel, onDone }: { onCancel: () => void; onDone: (o: CatalogOutcome) => void }) {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Result | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(apply: boolean) {
    if (!file) return;
    setPending(true);
    setError(null);
    const body = new FormData();
    body.set("file", file);
    const response = await fetch(`/api/catalog/import${apply ? "?apply=1" : ""}`, { method: "POST", body }).catch(() => null);
    setPending(false);
    const json = response ? await response.json().catch(() => null) : null;
    if (!response?.ok || !json) { setError(json?.error?.message ?? t("catalog.import.failed")); return; }
    const result = json as Result;
    if (apply && result.applied) {
      const p = result.plan;
      onDone({ what: t("catalog.import.done", { added: p.added.length, changed: p.changed.length, retired: p.retired.length }), rerateJobId: result.rerateJobId });
      return;
    }
    setPreview(result);
  }

  const plan = preview?.plan;
  const changes: Change[] = plan ? [
    ...plan.added.map((s) => ({ itemCode: s.itemCode, what: "added" as const, detail: `${s.name}: ¥${s.unitPrice} (${s.unit}), ${t("catalog.from", { date: s.validFrom })}` })),
    ...plan.changed.map((c) => ({ itemCode: c.itemCode, what: "changed" as const, detail: c.fields.map((f) => `${FIELD_NAMES[f] ? t(FIELD_NAMES[f]) : f} ${show(c.before, f)} → ${show(c.after, f)}`).join("; ") })),
    ...plan.retired.map((c) => ({ itemCode: c.itemCode, what: "retired" as const, detail: t("catalog.import.retiredFrom", { date: c.after.validTo ?? "" }) })),
  ] : [];
  const canApply = !!plan && !plan.problems.length && changes.length > 0;

  return (
    <Modal
      open width={760} title={t("catalog.import.title")} destroyOnHidden onCancel={onCancel} confirmLoading={pending} cancelText={t("common.cancel")}
      okText={plan ? t("catalog.import.apply") : t("catalog.import.dryRun")} okButtonProps={{ disabled: !file || (!!plan && !canApply) }} onOk={() => send(!!plan)}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("catalog.import.help")}
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); setPreview(null); return false; }} onRemove={() => { setFile(null); setPreview(null); }}
          fileList={file ? [{ uid: "1", name: file.name, status: "done" }] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t("catalog.import.drop")}</p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon title={error} />}
        {plan && (
          <>
            <Space size={24} wrap>
              <Statistic title={t("catalog.import.added")} value={plan.added.length} />
              <Statistic title={t("catalog.import.changed")} value={plan.changed.length} />
              <Statistic title={t("catalog.retire")} value={plan.retired.length} />
              <Statistic title={t("catalog.import.unchanged")} value={plan.unchanged} />
              <Statistic title={t("catalog.import.problems")} value={plan.problems.length} valueStyle={plan.problems.length ? { color: "#cf1322" } : undefined} />
            </Space>
            {plan.problems.length > 0 && (
              <Alert type="error" showIcon title={t("catalog.import.hasProblems", { n: plan.problems.length })} description={
                <Table size="small" rowKey={(p, i) => `${p.line}-${i}`} pagination={{ pageSize: 10, size: "small" }} dataSource={plan.problems} data-testid="import-problems"
                  columns={[{ title: t("catalog.import.line"), dataIndex: "line", width: 60 }, { title: t("catalog.import.problems"), dataIndex: "reason" }]} />
              } />
            )}
            {!plan.problems.length && !changes.length && <Alert type="info" showIcon title={t("catalog.import.noChange")} />}
            {changes.length > 0 && (
              <Table<Change> size="small" rowKey={(c) => `${c.what}-${c.itemCode}`} dataSource={changes} pagination={{ pageSize: 10, size: "small" }} data-testid="import-changes"
                columns={[
                  { title: t("catalog.import.item"), dataIndex: "itemCode", render: (v: string) => <span className="mono">{v}</span> },
                  { title: t("catalog.import.change"), dataIndex: "what", width: 70, render: (v: Change["what"]) => <Tag color={WHAT[v].color}>{t(WHAT[v].label)}</Tag> },
                  { title: t("catalog.import.detail"), dataIndex: "detail" },
                ]} />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
