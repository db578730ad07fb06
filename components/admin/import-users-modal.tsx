"use client";

import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Collapse, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import type { ImportProblem } from "@/lib/auth/import-users";
import type { OrganisationChoices } from "@/lib/system/list-organisations";
import { FormModal } from "./form-modal";
import type { RoleChoice } from "./user-form-modal";

type Outcome = { created: number; problems: ImportProblem[] } | { error: string };
const MAX_MB = 5;

/** Template download, upload and the outcome: every row's problem with its row number, or how many were created. */
export function ImportUsersModal({ open, roles, organisations, onClose, onImported }: {
  open: boolean; roles: RoleChoice[]; organisations: OrganisationChoices; onClose: () => void; onImported: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function upload() {
    if (!file) return;
    setPending(true);
    const body = new FormData();
    body.append("file", file);
    const response = await fetch("/api/admin/users/import", { method: "POST", body }).catch(() => null);
    const json = await response?.json().catch(() => null);
    setPending(false);
    if (!response?.ok) return setOutcome({ error: json?.error?.message ?? "上传失败，请稍后再试" });
    setOutcome(json);
    if (json.created) { setFile(null); onImported(); }
  }

  function close() {
    setFile(null);
    setOutcome(null);
    onClose();
  }

  return (
    <FormModal
      open={open} title="从 Excel 导入用户" width={720} onCancel={close}
      footer={<Space><Button onClick={close}>关闭</Button><Button type="primary" disabled={!file} loading={pending} onClick={upload}>导入</Button></Space>}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          1. 下载模板，每行填写一个用户（角色编码、单位编码见下方）；2. 上传填好的 .xlsx 文件。文件中任何一行有问题时，不会导入任何用户。
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href="/api/admin/users/import-template">下载导入模板</Button>
        <Collapse
          size="small"
          items={[{
            key: "codes", label: "可用的角色编码与单位编码",
            children: (
              <Space orientation="vertical" size={8}>
                <div>{roles.filter((r) => r.grantable).map((r) => <Tag key={r.code}><span className="mono">{r.code}</span> {r.name}</Tag>)}</div>
                <div>{organisations.departments.map((d) => <Tag key={d.id}><span className="mono">{d.code}</span> {d.name}</Tag>)}</div>
                {organisations.providers.length > 0 && <div>{organisations.providers.map((p) => <Tag key={p.id}><span className="mono">{p.code}</span> {p.name}</Tag>)}</div>}
              </Space>
            ),
          }]}
        />
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1}
          fileList={file ? [{ uid: "file", name: file.name, size: file.size, status: "done" }] : []}
          beforeUpload={(f) => {
            setOutcome(f.size > MAX_MB * 1024 * 1024 ? { error: `文件不能超过 ${MAX_MB} MB` } : null);
            if (f.size <= MAX_MB * 1024 * 1024) setFile(f);
            return false;
          }}
          onRemove={() => { setFile(null); setOutcome(null); }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或拖拽 .xlsx 文件到这里</p>
          <p className="ant-upload-hint">不超过 {MAX_MB} MB</p>
        </Upload.Dragger>
        {outcome && "error" in outcome && <Alert type="error" showIcon title={outcome.error} />}
        {outcome && "created" in outcome && outcome.created > 0 && <Alert type="success" showIcon title={`已导入 ${outcome.created} 个用户`} />}
        {outcome && "problems" in outcome && outcome.problems.length > 0 && (
          <>
            <Alert type="error" showIcon title={`文件中有 ${outcome.problems.length} 处问题，未导入任何用户`} description="请按下表修改文件后重新上传。" />
            <Table<ImportProblem & { key: number }>
              size="small" rowKey="key" dataSource={outcome.problems.map((p, key) => ({ ...p, key }))} pagination={{ pageSize: 10, hideOnSinglePage: true, size: "small" }}
              columns={[
                { title: "行号", dataIndex: "line", key: "line", width: 72, render: (v: number) => (v > 0 ? `第 ${v} 行` : "文件") },
                { title: "问题", dataIndex: "reason", key: "reason" },
              ]}
            />
          </>
        )}
      </Space>
    </FormModal>
  );
}
