"use client";

import { InboxOutlined } from "@ant-design/icons";
import { Alert, Modal, Space, Statistic, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import type { CatalogOutcome } from "@/app/(portal)/catalog/actions";
import type { CatalogImportPlan, ItemState } from "@/lib/catalog/plan-catalog-import";

type Result = { applied: boolean; plan: CatalogImportPlan; rerateJobId?: string };
type Change = { itemCode: string; what: string; detail: string };

const FIELD_NAMES: Record<string, string> = {
  providerId: "服务商", serviceTypeCode: "服务类型", resourceTypeCode: "资源类型", resourceSpecCode: "规格", factor: "因子", unit: "单位", unitPrice: "单价",
  category: "类别", name: "名称", validFrom: "生效日期", validTo: "失效日期", status: "状态",
};

const show = (s: ItemState, f: string) => String((s as Record<string, unknown>)[f] ?? "（空）");

/** Upload a catalog (xlsx or CSV), see exactly what it would add, change and retire, then apply it, or fix the rows it names. */
export function CatalogImportModal({ onCancel, onDone }: { onCancel: () => void; onDone: (o: CatalogOutcome) => void }) {
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
    if (!response?.ok || !json) { setError(json?.error?.message ?? "导入失败，请稍后再试"); return; }
    const result = json as Result;
    if (apply && result.applied) {
      const p = result.plan;
      onDone({ what: `已导入服务目录：新增 ${p.added.length}，变更 ${p.changed.length}，下架 ${p.retired.length}`, rerateJobId: result.rerateJobId });
      return;
    }
    setPreview(result);
  }

  const plan = preview?.plan;
  const changes: Change[] = plan ? [
    ...plan.added.map((s) => ({ itemCode: s.itemCode, what: "新增", detail: `${s.name}：¥${s.unitPrice}（${s.unit}），${s.validFrom} 起` })),
    ...plan.changed.map((c) => ({ itemCode: c.itemCode, what: "变更", detail: c.fields.map((f) => `${FIELD_NAMES[f] ?? f} ${show(c.before, f)} → ${show(c.after, f)}`).join("；") })),
    ...plan.retired.map((c) => ({ itemCode: c.itemCode, what: "下架", detail: `${c.after.validTo} 起不再计费` })),
  ] : [];
  const canApply = !!plan && !plan.problems.length && changes.length > 0;

  return (
    <Modal
      open width={760} title="导入服务目录" destroyOnHidden onCancel={onCancel} confirmLoading={pending} cancelText="取消"
      okText={plan ? "确认导入" : "预检"} okButtonProps={{ disabled: !file || (!!plan && !canApply) }} onOk={() => send(!!plan)}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          列与导出的 xlsx 或共享 CSV 格式相同（item_code, provider_code, category, item_name, service_type_code, resource_type_code, resource_spec_code, factor, unit, unit_price, valid_from, valid_to）。
          先预检：列出将新增、变更、下架的价格和每一行的问题；有任何问题时不会导入任何内容。文件中没有的计费项保持不变。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); setPreview(null); return false; }} onRemove={() => { setFile(null); setPreview(null); }}
          fileList={file ? [{ uid: "1", name: file.name, status: "done" }] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或拖入 .xlsx / .csv 文件</p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon title={error} />}
        {plan && (
          <>
            <Space size={24} wrap>
              <Statistic title="新增" value={plan.added.length} />
              <Statistic title="变更" value={plan.changed.length} />
              <Statistic title="下架" value={plan.retired.length} />
              <Statistic title="不变" value={plan.unchanged} />
              <Statistic title="问题" value={plan.problems.length} valueStyle={plan.problems.length ? { color: "#cf1322" } : undefined} />
            </Space>
            {plan.problems.length > 0 && (
              <Alert type="error" showIcon title={`有 ${plan.problems.length} 个问题，未导入任何内容：请修改文件后重新预检`} description={
                <Table size="small" rowKey={(p, i) => `${p.line}-${i}`} pagination={{ pageSize: 10, size: "small" }} dataSource={plan.problems} data-testid="import-problems"
                  columns={[{ title: "行", dataIndex: "line", width: 60 }, { title: "问题", dataIndex: "reason" }]} />
              } />
            )}
            {!plan.problems.length && !changes.length && <Alert type="info" showIcon title="文件与当前目录一致，没有需要导入的变化" />}
            {changes.length > 0 && (
              <Table<Change> size="small" rowKey={(c) => `${c.what}-${c.itemCode}`} dataSource={changes} pagination={{ pageSize: 10, size: "small" }} data-testid="import-changes"
                columns={[
                  { title: "计费项", dataIndex: "itemCode", render: (v: string) => <span className="mono">{v}</span> },
                  { title: "变化", dataIndex: "what", width: 70, render: (v: string) => <Tag color={v === "新增" ? "green" : v === "变更" ? "blue" : "orange"}>{v}</Tag> },
                  { title: "内容", dataIndex: "detail" },
                ]} />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
