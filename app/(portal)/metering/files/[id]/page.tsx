import { Alert, Breadcrumb, Card, Descriptions, Space, Tag } from "antd";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { pageParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { translate, type MessageKey } from "@/lib/i18n/messages";
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
  const locale = await getLocale();
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb items={[{ title: <Link href="/metering/files">{t("metering.files.title")}</Link> }, { title: file.fileName }]} />
      <Title level={4} style={{ margin: 0, overflowWrap: "anywhere" }} className="mono">{file.path}</Title>
      {file.reason && <Alert type={file.status === "ok" ? "info" : "warning"} showIcon title={file.reason} />}
      <Card size="small" title={t("metering.file.info")}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "status", label: t("metering.col.status"), children: <FileStatusTag status={file.status} /> },
            { key: "folder", label: t("metering.col.folder"), children: file.folder || "/" },
            { key: "source", label: t("metering.file.source"), children: file.source },
            { key: "provider", label: t("metering.col.provider"), children: file.providerName ?? "—" },
            { key: "region", label: t("metering.col.region"), children: file.regionCode ?? "—" },
            { key: "name", label: t("metering.file.name"), children: file.nameRecognised ? t("metering.file.recognised") : <Tag color="warning">{t("metering.file.unrecognised")}</Tag> },
            { key: "size", label: t("metering.col.size"), children: t("metering.file.sizeValue", { size: bytes(file.size), bytes: file.size.toLocaleString(locale === "en" ? "en-US" : "zh-CN") }) },
            ...(file.status === "processing" ? [{ key: "progress", label: t("metering.file.read"), children: `${bytes(file.bytesRead)} / ${bytes(file.size)}` }] : []),
            { key: "version", label: t("metering.file.version"), children: file.current ? t("metering.file.currentVersion", { version: file.version }) : `v${file.version}` },
            { key: "records", label: t("metering.col.records"), children: file.records },
            { key: "superseded", label: t("metering.file.superseded"), children: superseded },
            { key: "errors", label: t("metering.file.errorCount"), children: file.errors },
            { key: "months", label: t("metering.file.months"), children: file.months.join(t("metering.file.separator")) || "—" },
            { key: "received", label: t("metering.col.received"), children: shanghaiTime(file.receivedAt) },
            { key: "processed", label: t("metering.col.processed"), children: shanghaiTime(file.processedAt) },
            { key: "sha", label: "SHA-256", span: "filled", children: <span className="mono" style={{ fontSize: 12, overflowWrap: "anywhere" }}>{file.sha256}</span> },
          ]}
        />
        {file.versions.length > 1 && (
          <Space wrap style={{ marginTop: 8 }}>
            <Text type="secondary">{t("metering.file.versions")}</Text>
            {file.versions.map((v) => (
              <Link key={v.id} href={`/metering/files/${v.id}`}>
                <Tag color={v.id === file.id ? "blue" : undefined}>v{v.version} · {shanghaiTime(v.receivedAt)}{v.current ? ` · ${t("metering.file.current")}` : ""}</Tag>
              </Link>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={t("metering.file.errorLines", { n: errors.total })}>
        {errors.total ? <CdrErrorTable rows={errors.rows} total={errors.total} page={errorPage} pageSize={ERROR_PAGE_SIZE} /> : <Text type="secondary">{t("metering.file.noErrors")}</Text>}
      </Card>
      <Card size="small" title={t("metering.file.records", { n: records.total })}>
        <UsageTable rows={records.rows} total={records.total} page={recordPage} pageSize={RECORD_PAGE_SIZE} pageKey="rpage" showFile={false} />
      </Card>
    </Space>
  );
}
