import { Alert, Breadcrumb, Card, Descriptions, Space, Tag } from "antd";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { pageParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { countSupersededRecords } from "@/lib/metering/count-superseded-records";
import { getCdrFile } from "@/lib/metering/get-cdr-file";
import { listCdrErrors } from "@/lib/metering/list-cdr-errors";
import { listFileUsage } from "@/lib/metering/list-file-usage";
import { CdrErrorTable } from "@/components/metering/cdr-error-table";
import { UsageTable } from "@/components/metering/usage-table";
import { FileStatusTag } from "@/components/ui/status-tag";
import { bytes, shanghaiTime } from "@/components/ui/format";
import { Text, Title } from "@/components/ui/typography";

export const metadata = { title: "计量文件详情" };

const ERROR_PAGE_SIZE = 20;
const RECORD_PAGE_SIZE = 20;

export default async function CdrFilePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("metering.files.read");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const sp = await searchParams;
  const errorPage = pageParam(sp.epage);
  const recordPage = pageParam(sp.rpage);
  const scope = actor.scope;
  const { db, pool } = getDb();
  const [file, errors, records] = await Promise.all([
    getCdrFile(db, { id }, scope),
    listCdrErrors(db, { fileId: id, page: errorPage, pageSize: ERROR_PAGE_SIZE }, scope),
    listFileUsage(pool, { fileId: id, page: recordPage, pageSize: RECORD_PAGE_SIZE }, scope),
  ]);
  if (!file) notFound();
  // a count about a file already found within the actor's scope
  const superseded = file.status === "ok" ? await countSupersededRecords(pool, file.id) : 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb items={[{ title: <Link href="/metering/files">计量文件</Link> }, { title: file.fileName }]} />
      <Title level={4} style={{ margin: 0, overflowWrap: "anywhere" }} className="mono">{file.path}</Title>
      {file.reason && <Alert type={file.status === "ok" ? "info" : "warning"} showIcon title={file.reason} />}
      <Card size="small" title="文件信息">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "status", label: "状态", children: <FileStatusTag status={file.status} /> },
            { key: "folder", label: "目录", children: file.folder || "/" },
            { key: "source", label: "来源", children: file.source },
            { key: "provider", label: "服务商", children: file.providerName ?? "—" },
            { key: "region", label: "区域", children: file.regionCode ?? "—" },
            { key: "name", label: "文件名", children: file.nameRecognised ? "可识别" : <Tag color="warning">无法识别的文件名</Tag> },
            { key: "size", label: "大小", children: `${bytes(file.size)}（${file.size.toLocaleString("zh-CN")} 字节）` },
            ...(file.status === "processing" ? [{ key: "progress", label: "已读取", children: `${bytes(file.bytesRead)} / ${bytes(file.size)}` }] : []),
            { key: "version", label: "版本", children: `v${file.version}${file.current ? "（当前）" : ""}` },
            { key: "records", label: "话单数", children: file.records },
            { key: "superseded", label: "不计费话单（重复或已被更正）", children: superseded },
            { key: "errors", label: "错误行数", children: file.errors },
            { key: "months", label: "涉及月份", children: file.months.join("、") || "—" },
            { key: "received", label: "接收时间", children: shanghaiTime(file.receivedAt) },
            { key: "processed", label: "处理时间", children: shanghaiTime(file.processedAt) },
            { key: "sha", label: "SHA-256", span: "filled", children: <span className="mono" style={{ fontSize: 12, overflowWrap: "anywhere" }}>{file.sha256}</span> },
          ]}
        />
        {file.versions.length > 1 && (
          <Space wrap style={{ marginTop: 8 }}>
            <Text type="secondary">同路径的版本：</Text>
            {file.versions.map((v) => (
              <Link key={v.id} href={`/metering/files/${v.id}`}>
                <Tag color={v.id === file.id ? "blue" : undefined}>v{v.version} · {shanghaiTime(v.receivedAt)}{v.current ? " · 当前" : ""}</Tag>
              </Link>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={`错误行（${errors.total}）`}>
        {errors.total ? <CdrErrorTable rows={errors.rows} total={errors.total} page={errorPage} pageSize={ERROR_PAGE_SIZE} /> : <Text type="secondary">没有错误行</Text>}
      </Card>
      <Card size="small" title={`本文件贡献的话单（${records.total}）`}>
        <UsageTable rows={records.rows} total={records.total} page={recordPage} pageSize={RECORD_PAGE_SIZE} pageKey="rpage" showFile={false} />
      </Card>
    </Space>
  );
}
