"use client";

import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { useState } from "react";
import type { AttachmentRow } from "@/lib/itsm/attachments";
import { bytes, shanghaiTime } from "@/components/ui/format";
import { useT } from "@/components/layout/locale";

const ACCEPT = ".png,.jpg,.jpeg,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.log,.zip";
const MAX_BYTES = 20 * 1024 * 1024;

type Target = { requestId?: number; workOrderId?: number };

async function upload(file: File, target: Target): Promise<AttachmentRow> {
  const body = new FormData();
  body.set("file", file);
  if (target.requestId) body.set("requestId", String(target.requestId));
  if (target.workOrderId) body.set("workOrderId", String(target.workOrderId));
  const res = await fetch("/api/attachments", { method: "POST", body });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json as AttachmentRow;
}

/**
 * Files for a form being filled in: uploaded at once as drafts, their ids given to onChange and linked by the
 * server when the form is submitted.
 */
export function DraftAttachments({ onChange }: { onChange: (ids: number[]) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [files, setFiles] = useState<(UploadFile & { attachmentId?: number })[]>([]);
  const report = (next: typeof files) => { setFiles(next); onChange(next.map((f) => f.attachmentId).filter((v): v is number => typeof v === "number")); };
  return (
    <Upload
      accept={ACCEPT} multiple fileList={files}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) { message.error(t("itsm.form.attachmentsHint")); return Upload.LIST_IGNORE; }
        return true;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        try { onSuccess?.(await upload(file as File, {})); } catch (e) { message.error((e as Error).message); onError?.(e as Error); }
      }}
      onChange={({ fileList }) => report(fileList.map((f) => ({ ...f, attachmentId: (f.response as AttachmentRow | undefined)?.id })).filter((f) => f.status !== "error"))}
    >
      <Button autoInsertSpace={false} icon={<UploadOutlined />}>{t("itsm.btn.upload")}</Button>
    </Upload>
  );
}

/** The files of a request or work order, downloadable; with an upload button when the viewer may add one. */
export function AttachmentList({ rows, uploadTo, onUploaded }: { rows: AttachmentRow[]; uploadTo?: Target; onUploaded?: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <div>
      {rows.length ? (
        <div>
          {rows.map((a) => (
            <div key={a.id} style={{ padding: "6px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
              <div style={{ minWidth: 0 }}>
                <a href={`/api/attachments/${a.id}`} style={{ overflowWrap: "anywhere" }}><PaperClipOutlined /> {a.fileName}</a>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{bytes(a.size)} · {a.uploaderName} · {shanghaiTime(a.uploadedAt).slice(0, 16)}{a.scope === "request" && uploadTo?.workOrderId ? ` · ${t("itsm.orders.fromRequest")}` : ""}</Typography.Text></div>
              </div>
            </div>
          ))}
        </div>
      ) : <Typography.Text type="secondary">{t("itsm.orders.noAttachments")}</Typography.Text>}
      {uploadTo && (
        <div><Upload
          accept={ACCEPT} showUploadList={false}
          beforeUpload={(file) => (file.size > MAX_BYTES ? (message.error(t("itsm.form.attachmentsHint")), Upload.LIST_IGNORE) : true)}
          customRequest={async ({ file }) => {
            setBusy(true);
            try {
              const a = await upload(file as File, uploadTo);
              message.success(t("itsm.orders.uploaded", { name: a.fileName }));
              onUploaded?.();
            } catch (e) {
              message.error((e as Error).message);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Button autoInsertSpace={false} size="small" icon={<UploadOutlined />} loading={busy} style={{ marginTop: 8 }}>{t("itsm.btn.upload")}</Button>
        </Upload></div>
      )}
    </div>
  );
}
