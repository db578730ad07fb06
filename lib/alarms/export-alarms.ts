import type { DataScope } from "../auth/scope";
import type { Db } from "../db";
import { tableToXlsx } from "../export/table-xlsx";
import { formatShanghai } from "../time/shanghai";
import { ALARM_SEVERITY_NAMES, ALARM_STATUS_NAMES } from "./alarm-codes";
import { listAlarms, type AlarmQueryInput } from "./list-alarms";

export const MAX_ALARM_EXPORT_ROWS = 10_000;

/** The alarm list as filtered on the page (every page of it, up to MAX_ALARM_EXPORT_ROWS), within the reader's scope. */
export async function alarmsToXlsx(db: Db, scope: DataScope, query: AlarmQueryInput): Promise<Buffer> {
  const rows = [];
  for (let page = 1; rows.length < MAX_ALARM_EXPORT_ROWS; page++) {
    const batch = await listAlarms(db, scope, { ...query, page, pageSize: 200 });
    rows.push(...batch.rows);
    if (batch.rows.length < 200) break;
  }
  const time = (iso: string | null) => (iso ? formatShanghai(new Date(iso)) : "");
  return tableToXlsx("告警", [
    { header: "编号", width: 8 }, { header: "级别", width: 8 }, { header: "状态", width: 8 }, { header: "名称", width: 32 }, { header: "资源", width: 28 },
    { header: "来源", width: 14 }, { header: "服务商", width: 18 }, { header: "单位", width: 18 }, { header: "次数", width: 8 },
    { header: "首次发生（北京时间）", width: 20 }, { header: "最近发生（北京时间）", width: 20 }, { header: "确认时间", width: 20 }, { header: "确认说明", width: 30 },
    { header: "清除时间", width: 20 }, { header: "清除方式", width: 10 }, { header: "确认清除时间", width: 20 }, { header: "升级级别", width: 8 },
    { header: "过滤策略", width: 20 }, { header: "工单编号", width: 10 }, { header: "摘要", width: 50 }, { header: "指纹", width: 40 },
  ], rows.slice(0, MAX_ALARM_EXPORT_ROWS).map((a) => [
    a.id, ALARM_SEVERITY_NAMES[a.severity] ?? a.severity, ALARM_STATUS_NAMES[a.status] ?? a.status, a.name, a.resource, a.source, a.providerName, a.departmentName, a.count,
    time(a.firstAt), time(a.lastAt), time(a.ackedAt), a.ackComment, time(a.clearedAt), a.clearedBy === "manual" ? "手动" : a.clearedBy === "source" ? "恢复通知" : "",
    time(a.clearConfirmedAt), a.escalationLevel || "", a.suppressedByPolicyName, a.workOrderId, a.summary, a.fingerprint,
  ]));
}
