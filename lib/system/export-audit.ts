import { tableToXlsx } from "../export/table-xlsx";
import type { AuditEventRow } from "../audit/list-audit-events";
import { formatShanghai } from "../time/shanghai";

/** The most events one download holds; the page says so when the filters select more. */
export const AUDIT_EXPORT_LIMIT = 10_000;

// Excel refuses to open a workbook with a cell longer than 32,767 characters.
const MAX_CELL = 32_000;
const json = (v: unknown) => {
  if (v == null) return "";
  const s = JSON.stringify(v);
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL)}…（已截断）` : s;
};

/** Audit events as a download: time in Shanghai, the change before and after as JSON text. */
export function auditEventsToXlsx(rows: AuditEventRow[]): Promise<Buffer> {
  return tableToXlsx("审计日志", [
    { header: "时间", width: 20 }, { header: "操作人", width: 22 }, { header: "动作", width: 24 }, { header: "对象", width: 16 }, { header: "对象编号", width: 12 },
    { header: "摘要", width: 40 }, { header: "变更前", width: 40 }, { header: "变更后", width: 40 },
  ], rows.map((r) => [formatShanghai(new Date(r.at)), r.actorName, r.action, r.entity, r.entityId, r.summary, json(r.before), json(r.after)]));
}
