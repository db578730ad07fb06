import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { tableToXlsx } from "../export/table-xlsx";
import { listDictionaryEntries } from "../system/dictionaries";
import { formatShanghai } from "../time/shanghai";
import { SEVERITY_NAMES, WORK_ORDER_KIND_NAMES, WORK_ORDER_STATUS_NAMES, type Severity, type WorkOrderKind, type WorkOrderStatus } from "./codes";
import { listAllWorkOrders, type WorkOrderQuery } from "./work-orders";

const time = (iso: string | null) => (iso ? formatShanghai(new Date(iso)) : "");

/** The work order list with the page's tab, filters and sort (no paging), as xlsx, within the actor's scope. */
export async function workOrdersToXlsx(db: Db, actor: Actor, query: WorkOrderQuery, now = new Date()): Promise<Buffer> {
  const [rows, delay] = await Promise.all([listAllWorkOrders(db, actor, query, now), listDictionaryEntries(db, "delay-reason")]);
  const delayName = (code: string | null) => (code ? delay.find((d) => d.code === code)?.label ?? code : "");
  return tableToXlsx("工单", [
    { header: "编号", width: 20 }, { header: "标题", width: 36 }, { header: "类型", width: 8 }, { header: "级别", width: 8 }, { header: "状态", width: 10 },
    { header: "服务商", width: 18 }, { header: "申请单位", width: 20 }, { header: "处理人", width: 12 }, { header: "开单时间", width: 20 },
    { header: "响应时限", width: 20 }, { header: "响应时间", width: 20 }, { header: "解决时限", width: 20 }, { header: "解决时间", width: 20 },
    { header: "关闭时间", width: 20 }, { header: "响应超时", width: 10 }, { header: "解决超时", width: 10 }, { header: "延误原因", width: 14 }, { header: "复盘", width: 10 },
  ], rows.map((r) => [
    r.number, r.title, WORK_ORDER_KIND_NAMES[r.kind as WorkOrderKind] ?? r.kind, SEVERITY_NAMES[r.severity as Severity] ?? r.severity, WORK_ORDER_STATUS_NAMES[r.status as WorkOrderStatus] ?? r.status,
    r.providerName, r.departmentName ?? "", r.assigneeName ?? "", time(r.openedAt), time(r.responseDueAt), time(r.respondedAt), time(r.resolutionDueAt), time(r.resolvedAt),
    time(r.closedAt), r.responseBreached ? "是" : "否", r.resolutionBreached ? "是" : "否", delayName(r.delayReason),
    r.reviewRequired ? (r.reviewed ? "已复盘" : "待复盘") : "",
  ]));
}
