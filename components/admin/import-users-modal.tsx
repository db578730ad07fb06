"use client";

import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Collapse, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import type { ImportProblem } from "@/lib/auth/import-users";
import type { OrganisationChoices } from "@/lib/system/list-organisations";
import { useT } from "@/components/layout/locale";
import { FormModal } from "./form-modal";
import type { RoleChoice } from "./user-form-modal";

type Outcome = { created: number; problems: ImportProblem[] } | { error: string };
const MAX_MB = 5;

/** Template download, upload and the outcome: every row's problem with its row number, or how many were created. */
export function ImportUsersModal({ open, roles, organisations, onClose, onImported }: {
  open: boolean; roles: RoleChoice[]; organisations: OrganisationChoices; onClose: () => void; onImported: () => void;
}) {
  const { t } = useT();
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
    if (!response?.ok) return setOutcome({ error: json?.error?.message ?? t("admin.import.uploadFailed") });
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
      open={open} title={t("admin.import.title")} width={720} onCancel={close}
      footer={<Space><Button onClick={close}>{t("admin.common.close")}</Button><Button type="primary" disabled={!file} loading={pending} onClick={upload}>{t("admin.import.ok")}</Button></Space>}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t("admin.import.steps")}
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href="/api/admin/users/import-template">{t("admin.import.template")}</Button>
        <Collapse
          size="small"
          items={[{
            key: "codes", label: t("admin.import.codes"),
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
            setOutcome(f.size > MAX_MB * 1024 * 1024 ? { error: t("admin.import.tooLarge", { mb: MAX_MB }) } : null);
            if (f.size <= MAX_MB * 1024 * 1024) setFile(f);
            return false;
          }}
          onRemove={() => { setFile(null); setOutcome(null); }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t("admin.import.drop")}</p>
          <p className="ant-upload-hint">{t("admin.import.hint", { mb: MAX_MB })}</p>
        </Upload.Dragger>
        {outcome && "error" in outcome && <Alert type="error" showIcon title={outcome.error} />}
        {outcome && "created" in outcome && outcome.created > 0 && <Alert type="success" showIcon title={t("admin.import.created", { n: outcome.created })} />}
        {outcome && "problems" in outcome && outcome.problems.length > 0 && (
          <>
            <Alert type="error" showIcon title={t("admin.import.problems", { n: outcome.problems.length })} description={t("admin.import.problemsHint")} />
            <Table<ImportProblem & { key: number }>
              size="small" rowKey="key" dataSource={outcome.problems.map((p, key) => ({ ...p, key }))} pagination={{ pageSize: 10, hideOnSinglePage: true, size: "small" }}
              columns={[
                { title: t("admin.import.col.line"), dataIndex: "line", key: "line", width: 72, render: (v: number) => (v > 0 ? t("admin.import.line", { n: v }) : t("admin.import.file")) },
                { title: t("admin.import.col.reason"), dataIndex: "reason", key: "reason" },
              ]}
            />
          </>
        )}
      </Space>
    </FormModal>
  );
}
