import type { Db } from "../db";
import type { DataScope } from "../auth/scope";
import { tableToXlsx } from "../export/table-xlsx";
import { formatShanghai } from "../time/shanghai";
import { listCdrFiles, type ListCdrFilesInput } from "./list-cdr-files";

export const MAX_EXPORT_ROWS = 10_000;

/** The file list as filtered on the page (every page of it, up to MAX_EXPORT_ROWS), within the actor's scope. */
export async function cdrFilesToXlsx(db: Db, input: ListCdrFilesInput, scope: DataScope): Promise<Buffer> {
  const rows = [];
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const batch = await listCdrFiles(db, { ...input, page, pageSize: 200 }, scope);
    rows.push(...batch.rows);
    if (batch.rows.length < 200) break;
  }
  const time = (iso: string | null) => (iso ? formatShanghai(new Date(iso)) : "");
  return tableToXlsx("计量文件", [
    { header: "路径", width: 60 }, { header: "目录", width: 12 }, { header: "版本", width: 6 }, { header: "服务商", width: 18 }, { header: "区域", width: 14 },
    { header: "大小（字节）", width: 12 }, { header: "SHA-256", width: 66 }, { header: "状态", width: 12 }, { header: "原因", width: 40 },
    { header: "话单数", width: 10 }, { header: "错误数", width: 10 }, { header: "接收时间（北京时间）", width: 20 }, { header: "处理时间（北京时间）", width: 20 },
  ], rows.slice(0, MAX_EXPORT_ROWS).map((f) => [f.path, f.folder, f.version, f.providerName, f.regionCode, f.size, f.sha256, f.status, f.reason, f.records, f.errors, time(f.receivedAt), time(f.processedAt)]));
}
