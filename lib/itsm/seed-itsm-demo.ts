import { loadActorByUsername, type Actor } from "../auth/actor";
import type { Db } from "../db";
import { ensureSlaDefaults } from "../sla/ensure-defaults";
import { ensureDefaultDictionaries } from "../system/dictionaries";
import { formatShanghai } from "../time/shanghai";
import { reviewRequest, submitRequest, type SubmitRequestInput } from "./requests";
import { watchSlas } from "./watch-slas";
import { performWorkOrderAction, type WorkOrderActionInput } from "./work-order-actions";
import { createWorkOrder } from "./work-orders";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Demo requests and work orders for the demo users (tenants wjw and jw, providers ct and cu, the supervisor), in
 * every state: awaiting review, returned, rejected, just assigned, in progress, pending on an approved pause,
 * resolved awaiting confirmation, overdue (marked by the watcher), closed with a review. Skipped when any work
 * order exists, or when a demo user is missing.
 */
export async function seedItsmDemo(db: Db, now = new Date()): Promise<{ requests: number; workOrders: number; skipped?: string }> {
  if (await db.workOrder.count()) return { requests: 0, workOrders: 0, skipped: "work orders exist" };
  const names = ["supervisor", "wjw", "jw", "ct", "cu"] as const;
  const found = await Promise.all(names.map((u) => loadActorByUsername(db, u)));
  if (found.some((a) => !a)) return { requests: 0, workOrders: 0, skipped: `missing demo users: ${names.filter((_, i) => !found[i]).join(", ")}` };
  const [sup, wjw, jw, ct, cu] = found as Actor[];
  if (!ct.providerId || !cu.providerId) return { requests: 0, workOrders: 0, skipped: "demo providers missing" };
  await ensureDefaultDictionaries(db);
  await ensureSlaDefaults(db);

  const at = (ms: number) => new Date(now.getTime() - ms);
  const day = (ms: number) => formatShanghai(at(ms)).slice(0, 10);
  const step = (actor: Actor, id: number, input: WorkOrderActionInput, ago: number) => performWorkOrderAction(db, actor, id, input, at(ago));
  const approve = async (requester: Actor, input: SubmitRequestInput, submittedAgo: number, approvedAgo: number) => {
    const r = await submitRequest(db, requester, input, at(submittedAgo));
    const reviewed = await reviewRequest(db, sup, r.id, { decision: "approved", comment: "同意，请服务商按时处理" }, at(approvedAgo));
    return reviewed.workOrderId!;
  };
  const fault = (providerId: number, title: string, description: string, severity: "p1" | "p2" | "p3" | "p4", category: string, impact: string, ago: number): SubmitRequestInput => ({
    kind: "fault", providerId, faultCategory: category, severity, templateCode: "fault", title, description, fields: { impact, occurredOn: day(ago) },
  });
  const vm = await db.priceItem.findFirst({ where: { itemCode: "CT-ECS-2C4G", status: "published" } });
  const bandwidth = await db.priceItem.findFirst({ where: { status: "published", name: { contains: "带宽" } }, orderBy: { itemCode: "asc" } });

  // awaiting review
  if (vm) {
    await submitRequest(db, wjw, {
      kind: "service", priceItemId: vm.id, quantity: "4", templateCode: "provisioning", severity: "p3", title: "新增 4 台云主机（互联网医院二期）",
      description: "互联网医院二期上线，需新增 4 台 2C4G 云主机，部署在生产 VDC。", fields: { spec: "通用型 2C4G，CentOS 7.9", expectedBy: day(-5 * DAY) },
    }, at(HOUR));
  }
  // returned for more information
  const returned = await submitRequest(db, jw, fault(cu.providerId, "教育城域网出口丢包", "晚高峰期间出口丢包率约 5%。", "p3", "network", "部分学校访问教育平台缓慢", 26 * HOUR), at(26 * HOUR));
  await reviewRequest(db, sup, returned.id, { decision: "returned", comment: "请补充受影响学校名单和丢包监测截图" }, at(25 * HOUR));
  // rejected
  const rejected = await submitRequest(db, jw, fault(ct.providerId, "办公电脑无法打印", "三楼打印机无法连接。", "p4", "platform", "三楼办公室", 30 * HOUR), at(30 * HOUR));
  await reviewRequest(db, sup, rejected.id, { decision: "rejected", comment: "办公终端不属于政务云服务范围，请联系本单位信息科" }, at(29 * HOUR));

  // just assigned, waiting for the provider to accept
  await approve(wjw, fault(ct.providerId, "预约挂号系统响应缓慢", "上午 9 点起预约挂号接口平均响应超过 5 秒。", "p2", "compute", "全市预约挂号", 40 * 60_000), 40 * 60_000, 20 * 60_000);

  // in progress, with a progress note
  const inProgress = await approve(jw, fault(cu.providerId, "招生报名系统数据库主备切换告警", "数据库主备复制延迟持续增大。", "p2", "storage", "招生报名系统", 3 * HOUR), 3 * HOUR, 2.8 * HOUR);
  await step(cu, inProgress, { action: "accept" }, 2.7 * HOUR);
  await step(cu, inProgress, { action: "note", comment: "已定位为备库磁盘 IO 瓶颈，正在迁移至高性能存储。" }, HOUR);

  // pending on an approved pause
  if (bandwidth ?? vm) {
    const item = (bandwidth ?? vm)!;
    const r = await submitRequest(db, wjw, {
      kind: "service", priceItemId: item.id, quantity: "1", templateCode: "change", severity: "p3", title: `变更：${item.name}`,
      description: "卫健委数据中心出口带宽扩容，需在夜间窗口实施。", fields: { window: "周六 22:00–24:00", rollback: "保留原配置，出现异常立即回退" },
    }, at(2 * DAY));
    const id = (await reviewRequest(db, sup, r.id, { decision: "approved", comment: null }, at(2 * DAY - HOUR))).workOrderId!;
    await step(item.providerId === cu.providerId ? cu : ct, id, { action: "accept" }, 2 * DAY - 2 * HOUR);
    await step(item.providerId === cu.providerId ? cu : ct, id, { action: "request-pause", reason: "等待用户确认夜间变更窗口" }, DAY + 2 * HOUR);
    await step(sup, id, { action: "approve-pause", comment: "同意挂起，变更窗口确认后恢复" }, DAY + HOUR);
  }

  // resolved, waiting for the requester's confirmation
  const resolved = await approve(wjw, fault(ct.providerId, "电子病历系统附件上传失败", "上传超过 10 MB 的影像附件时报 413 错误。", "p3", "platform", "电子病历影像上传", 6 * HOUR), 6 * HOUR, 5.5 * HOUR);
  await step(ct, resolved, { action: "accept" }, 5 * HOUR);
  await step(ct, resolved, { action: "resolve", resolution: "已将负载均衡请求体上限调整为 50 MB，并验证上传正常。" }, 2 * HOUR);

  // overdue: the watcher marks it below
  const overdue = await approve(jw, fault(cu.providerId, "视频会议专线中断", "区教育局至市教委视频会议专线中断。", "p2", "network", "视频会议", 4 * DAY), 4 * DAY, 4 * DAY - 0.5 * HOUR);
  await step(cu, overdue, { action: "accept" }, 4 * DAY - HOUR);

  // closed late, with its delay reason and the review
  const closed = await approve(wjw, fault(ct.providerId, "核心交换机板卡故障", "核心交换机 2 号板卡故障，部分业务中断。", "p1", "network", "全委业务", 9 * DAY), 9 * DAY, 9 * DAY - 0.1 * HOUR);
  await step(ct, closed, { action: "accept" }, 9 * DAY - 0.2 * HOUR);
  await step(ct, closed, { action: "resolve", resolution: "更换故障板卡，业务已全部恢复。", delayReason: "spare-parts", delayNote: "备件从外地仓库调拨，到货晚 6 小时" }, 8 * DAY);
  await step(wjw, closed, { action: "confirm", comment: "业务恢复正常" }, 8 * DAY - HOUR);
  await step(sup, closed, { action: "review", reviewNote: "备件库存不足导致延误。要求服务商在本地常备核心交换机板卡，并每季度核查备件清单。" }, 7 * DAY);

  // the supervisor's own inspection, assigned to CT
  const inspection = await createWorkOrder(db, sup, { kind: "inspection", templateCode: "inspection", title: "月度机房巡检", description: "按巡检表检查机房温湿度、UPS 和消防。", fields: { target: "政务云 A 机房" }, severity: "p3", providerId: ct.providerId }, at(5 * HOUR));
  await step(ct, inspection.id, { action: "accept" }, 4 * HOUR);

  await watchSlas(db, now);
  return { requests: await db.serviceRequest.count(), workOrders: await db.workOrder.count() };
}
