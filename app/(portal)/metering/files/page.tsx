import { requireActor } from "@/app/_server/actor";
import { getLocale } from "@/app/_server/locale";
import { listParam, oneParam, type SearchParams } from "@/app/_server/search-params";
import { getDb } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { listCdrFiles, listCdrFilesInput } from "@/lib/metering/list-cdr-files";
import { summarizeCdrFiles } from "@/lib/metering/summarize-cdr-files";
import { CdrFileTable } from "@/components/metering/cdr-file-table";
import { FileStatusSummary } from "@/components/metering/file-status-summary";
import { Title } from "@/components/ui/typography";

export const metadata = { title: "计量文件" };

export default async function CdrFilesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("metering.files.read");
  const sp = await searchParams;
  // A hand-edited URL with a bad value falls back to the defaults rather than failing the page.
  const parsed = listCdrFilesInput.safeParse({
    page: oneParam(sp.page), pageSize: oneParam(sp.pageSize), sort: oneParam(sp.sort), order: oneParam(sp.order),
    status: listParam(sp.status), folder: listParam(sp.folder), q: oneParam(sp.q),
  });
  const query = parsed.success ? parsed.data : listCdrFilesInput.parse({});
  const scope = actor.scope;
  const { db } = getDb();
  const [files, summary, locale] = await Promise.all([listCdrFiles(db, query, scope), summarizeCdrFiles(db, scope), getLocale()]);
  return (
    <>
      <Title level={3} style={{ marginTop: 0 }}>{translate(locale, "metering.files.title")}</Title>
      <FileStatusSummary summary={summary} />
      <CdrFileTable rows={files.rows} total={files.total} query={query} folders={summary.folders} />
    </>
  );
}
