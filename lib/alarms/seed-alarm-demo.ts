import { loadActorByUsername } from "../auth/actor";
import type { Db } from "../db";
import type { AlarmSeverity } from "../itsm/codes";
import { seedNetworkDemo } from "../network/seed-network-demo";
import { alarmAttributes, dedupKey } from "./alarm-input";
import { ensureAlarmDefaults } from "./alarm-defaults";
import { saveAlarmRule } from "./alarm-rules";
import { escalateUnackedAlarms } from "./escalate-alarms";
import { createFilterPolicy } from "./filter-policies";
import { ackAlarm, clearAlarm, confirmAlarmClear, openAlarmWorkOrder } from "./handle-alarms";
import { recordAlarms, type NormalizedAlarm } from "./intake";

// Demo alarms for the two providers (CT, CU): a few dozen over the last days from several monitoring systems,
// some acknowledged, one cleared by its source, one cleared by hand and confirmed, one with a work order (when the
// work orders can open one), a maintenance filter policy hiding the test environment, a disabled rule; and the
// network samples of four links. Runs once: a second call finds its first alarm and does nothing.

type DemoAlarm = {
  key: string; provider: "CT" | "CU"; department?: string; source: string; name: string; severity: AlarmSeverity; resource: string;
  summary: string; minutesAgo: number; repeats?: number; labels?: Record<string, string>; tags?: string[];
};

const DEMO: DemoAlarm[] = [
  { key: "01", provider: "CT", department: "WJW", source: "zabbix", name: "主机 CPU 使用率过高", severity: "major", resource: "ecs-wjw-his-01", summary: "CPU 使用率 94%，持续 10 分钟", minutesAgo: 42, repeats: 6, labels: { env: "prod", az: "az1" }, tags: ["his"] },
  { key: "02", provider: "CT", department: "WJW", source: "zabbix", name: "内存使用率过高", severity: "minor", resource: "ecs-wjw-his-02", summary: "内存使用率 91%", minutesAgo: 95, repeats: 3, labels: { env: "prod", az: "az1" } },
  { key: "03", provider: "CT", source: "alertmanager", name: "NodeDown", severity: "critical", resource: "10.12.3.21:9100", summary: "节点 10.12.3.21 无法采集超过 5 分钟", minutesAgo: 12, labels: { job: "node", env: "prod", cluster: "hcs-ct-1" } },
  { key: "04", provider: "CT", source: "cloud-eye", name: "云硬盘 IO 时延过高", severity: "warning", resource: "evs-jw-edu-data-03", summary: "平均 IO 时延 38 ms", minutesAgo: 180, repeats: 12, labels: { env: "prod" } },
  { key: "05", provider: "CT", department: "JW", source: "cloud-eye", name: "数据库连接数过高", severity: "major", resource: "rds-jw-edu-02", summary: "活动连接 1850 / 2000", minutesAgo: 25, repeats: 2, labels: { env: "prod", engine: "mysql" } },
  { key: "06", provider: "CT", source: "netflow", name: "链路时延超阈值", severity: "minor", resource: "CT-云间互联-01", summary: "5 分钟平均时延 63 ms（阈值 50 ms）", minutesAgo: 70, repeats: 4, labels: { plane: "data" } },
  { key: "07", provider: "CT", source: "zabbix", name: "磁盘空间不足", severity: "warning", resource: "ecs-ga-test-07", summary: "/data 剩余 6%", minutesAgo: 300, repeats: 20, labels: { env: "test" } },
  { key: "08", provider: "CT", source: "zabbix", name: "磁盘空间不足", severity: "warning", resource: "ecs-ga-test-08", summary: "/var 剩余 8%", minutesAgo: 320, repeats: 18, labels: { env: "test" } },
  { key: "09", provider: "CT", source: "alertmanager", name: "KubePodCrashLooping", severity: "warning", resource: "pod/portal-api-7d9f", summary: "容器 portal-api 10 分钟内重启 5 次", minutesAgo: 55, repeats: 9, labels: { namespace: "gov-portal", env: "prod", cluster: "hcs-ct-1" } },
  { key: "10", provider: "CT", source: "cloud-eye", name: "ELB 后端服务器不健康", severity: "major", resource: "elb-wjw-web", summary: "2/4 后端健康检查失败", minutesAgo: 8, labels: { env: "prod" } },
  { key: "11", provider: "CT", department: "GA", source: "zabbix", name: "NTP 时间偏移过大", severity: "info", resource: "ecs-ga-app-11", summary: "时间偏移 1.8 s", minutesAgo: 600, repeats: 2, labels: { env: "prod" } },
  { key: "12", provider: "CT", source: "cloud-eye", name: "SSL 证书即将过期", severity: "info", resource: "cert-www-wjw", summary: "证书将于 20 天后过期", minutesAgo: 1440, labels: { env: "prod" } },
  { key: "13", provider: "CT", source: "netflow", name: "端口流量突增", severity: "minor", resource: "sw-core-a01 Gi0/1", summary: "入流量 8.6 Gbps，较基线 +240%", minutesAgo: 33, repeats: 3, labels: { plane: "data" } },
  { key: "14", provider: "CT", source: "alertmanager", name: "HostHighLoad", severity: "minor", resource: "10.12.3.45:9100", summary: "load15 = 18.2（8 核）", minutesAgo: 140, repeats: 7, labels: { job: "node", env: "prod", cluster: "hcs-ct-1" } },
  { key: "15", provider: "CT", source: "zabbix", name: "主机不可达", severity: "critical", resource: "ecs-ga-test-15", summary: "ICMP 不可达", minutesAgo: 20, labels: { env: "test" } },
  { key: "16", provider: "CT", department: "WJW", source: "cloud-eye", name: "对象存储请求错误率升高", severity: "warning", resource: "obs-wjw-images", summary: "5xx 比例 2.4%", minutesAgo: 65, repeats: 5, labels: { env: "prod" } },
  { key: "17", provider: "CT", source: "netflow", name: "BGP 邻居断开", severity: "critical", resource: "rt-edge-ct-02 → 10.0.0.1", summary: "BGP 会话 Idle", minutesAgo: 240, labels: { plane: "data" } },
  { key: "18", provider: "CT", source: "zabbix", name: "主机 CPU 使用率过高", severity: "major", resource: "ecs-jw-exam-18", summary: "CPU 使用率 88%", minutesAgo: 400, repeats: 2, labels: { env: "prod" } },
  { key: "21", provider: "CU", department: "JT", source: "zabbix", name: "主机 CPU 使用率过高", severity: "major", resource: "ecs-jt-bus-21", summary: "CPU 使用率 97%", minutesAgo: 18, repeats: 4, labels: { env: "prod", az: "az2" } },
  { key: "22", provider: "CU", source: "netflow", name: "链路丢包率超阈值", severity: "major", resource: "CU-区县汇聚-B", summary: "丢包率 2.3%（阈值 1%）", minutesAgo: 50, repeats: 6, labels: { plane: "data" } },
  { key: "23", provider: "CU", source: "netflow", name: "视频专网链路抖动", severity: "minor", resource: "CU-视频专网-主干", summary: "抖动 28 ms", minutesAgo: 130, repeats: 3, labels: { plane: "video" } },
  { key: "24", provider: "CU", source: "alertmanager", name: "NodeFilesystemAlmostFull", severity: "warning", resource: "10.22.1.8:9100", summary: "/ 剩余 7%", minutesAgo: 210, repeats: 10, labels: { job: "node", env: "prod", cluster: "hcs-cu-1" } },
  { key: "25", provider: "CU", department: "MZ", source: "cloud-eye", name: "数据库主备复制延迟", severity: "major", resource: "rds-mz-welfare-01", summary: "复制延迟 95 s", minutesAgo: 28, repeats: 2, labels: { env: "prod", engine: "postgresql" } },
  { key: "26", provider: "CU", source: "zabbix", name: "主机不可达", severity: "critical", resource: "ecs-mz-app-26", summary: "ICMP 不可达，SSH 超时", minutesAgo: 6, labels: { env: "prod" } },
  { key: "27", provider: "CU", source: "cloud-eye", name: "云硬盘 IO 时延过高", severity: "warning", resource: "evs-jt-data-27", summary: "平均 IO 时延 41 ms", minutesAgo: 90, repeats: 5, labels: { env: "prod" } },
  { key: "28", provider: "CU", source: "alertmanager", name: "KubeDeploymentReplicasMismatch", severity: "warning", resource: "deploy/bus-query", summary: "期望 6 个副本，可用 4 个", minutesAgo: 35, repeats: 3, labels: { namespace: "jt-bus", env: "prod", cluster: "hcs-cu-1" } },
  { key: "29", provider: "CU", source: "zabbix", name: "内存使用率过高", severity: "minor", resource: "ecs-cu-test-29", summary: "内存使用率 93%", minutesAgo: 75, repeats: 4, labels: { env: "test" } },
  { key: "30", provider: "CU", source: "netflow", name: "端口 Down", severity: "critical", resource: "sw-agg-cu-05 Te1/0/3", summary: "接口 Down", minutesAgo: 160, labels: { plane: "data" } },
  { key: "31", provider: "CU", department: "JT", source: "cloud-eye", name: "ELB 新建连接数过高", severity: "minor", resource: "elb-jt-bus", summary: "新建连接 12k/s", minutesAgo: 48, repeats: 2, labels: { env: "prod" } },
  { key: "32", provider: "CU", source: "cloud-eye", name: "SSL 证书即将过期", severity: "info", resource: "cert-api-jt", summary: "证书将于 12 天后过期", minutesAgo: 2000, labels: { env: "prod" } },
  { key: "33", provider: "CU", source: "zabbix", name: "磁盘空间不足", severity: "warning", resource: "ecs-cu-test-33", summary: "/data 剩余 4%", minutesAgo: 500, repeats: 25, labels: { env: "test" } },
  { key: "34", provider: "CU", source: "alertmanager", name: "HostOomKill", severity: "major", resource: "10.22.1.19:9100", summary: "检测到 OOM kill", minutesAgo: 110, labels: { job: "node", env: "prod", cluster: "hcs-cu-1" } },
  { key: "35", provider: "CU", source: "netflow", name: "链路时延超阈值", severity: "minor", resource: "CU-区县汇聚-B", summary: "5 分钟平均时延 58 ms", minutesAgo: 22, repeats: 2, labels: { plane: "data" } },
  { key: "36", provider: "CU", department: "DSJ", source: "cloud-eye", name: "对象存储容量告警", severity: "warning", resource: "obs-dsj-lake", summary: "已用 86%", minutesAgo: 1000, labels: { env: "prod" } },
];

const fp = (key: string) => `demo-${key}`;

export async function seedAlarmDemo(db: Db, now = new Date()): Promise<{ alarms: number; samples: number }> {
  await ensureAlarmDefaults(db);
  const providers = new Map((await db.provider.findMany({ select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  const departments = new Map((await db.department.findMany({ select: { id: true, code: true } })).map((d) => [d.code, d.id]));
  const ct = providers.get("CT");
  const samples = await seedNetworkDemo(db, now);
  if (!ct || (await db.alarm.findFirst({ where: { fingerprint: dedupKey(fp("01"), ct) } }))) return { alarms: 0, samples };

  const items: NormalizedAlarm[] = [];
  for (const d of DEMO) {
    const providerId = providers.get(d.provider) ?? null;
    const departmentId = d.department ? departments.get(d.department) ?? null : null;
    const at = new Date(now.getTime() - d.minutesAgo * 60_000);
    const attributes = alarmAttributes({ ...d, providerCode: providerId ? d.provider : null, departmentCode: departmentId ? d.department : null });
    const base = { fingerprint: dedupKey(fp(d.key), providerId), source: d.source, name: d.name, severity: d.severity, resource: d.resource, summary: d.summary, providerId, departmentId, attributes };
    // the repeats arrive at even steps between the first firing and now
    for (let i = 0; i <= (d.repeats ?? 0); i++) {
      const seen = new Date(at.getTime() + Math.floor(((now.getTime() - at.getTime()) * i) / ((d.repeats ?? 0) + 1)));
      items.push({ ...base, status: "firing", at, seenAt: seen });
    }
  }
  // one alarm that came and went: cleared by its source's recovery notice
  const gone = DEMO.find((d) => d.key === "12")!;
  items.push({ ...items.find((i) => i.fingerprint === dedupKey(fp(gone.key), ct))!, status: "resolved", at: new Date(now.getTime() - 600 * 60_000), seenAt: new Date(now.getTime() - 600 * 60_000) });
  await recordAlarms(db, items, { userId: null, name: "演示数据" }, new Date(now.getTime() - 5 * 60_000));

  const byKey = async (key: string, provider: "CT" | "CU") => (await db.alarm.findFirst({ where: { fingerprint: dedupKey(fp(key), providers.get(provider) ?? null) }, orderBy: { id: "desc" } }))!.id;
  const [supervisor, ctUser, cuUser] = await Promise.all(["supervisor", "ct", "cu"].map((u) => loadActorByUsername(db, u)));
  const minutes = (n: number) => new Date(now.getTime() - n * 60_000);
  if (ctUser) {
    await ackAlarm(db, ctUser, await byKey("01", "CT"), { comment: "已联系卫健委 HIS 运维，扩容评估中" }, minutes(30));
    await ackAlarm(db, ctUser, await byKey("04", "CT"), { comment: "存储侧排查中" }, minutes(150));
    await ackAlarm(db, ctUser, await byKey("17", "CT"), { comment: "对端设备割接，已报备" }, minutes(230));
    await clearAlarm(db, ctUser, await byKey("18", "CT"), { comment: "考试系统压测结束，负载已恢复" }, minutes(60));
  }
  if (cuUser) {
    await ackAlarm(db, cuUser, await byKey("22", "CU"), { comment: "区县汇聚光模块衰减，已派人更换" }, minutes(40));
    await ackAlarm(db, cuUser, await byKey("30", "CU"), { comment: "现场确认为线缆松动" }, minutes(150));
  }
  if (supervisor) {
    await confirmAlarmClear(db, supervisor, await byKey("18", "CT"), { comment: "复核负载曲线正常" }, minutes(45));
    // a work order when the work orders can open one; the demo stands without it
    await openAlarmWorkOrder(db, supervisor, await byKey("30", "CU"), { kind: "fault" }, minutes(140)).catch(() => null);
    await createFilterPolicy(db, supervisor, {
      name: "测试环境维护窗口", reason: "测试环境本周迁移，期间告警不处理（变更单 CHG-2026-031）",
      matchers: [{ attribute: "env", op: "eq", value: "test" }], startsAt: minutes(24 * 60), endsAt: new Date(now.getTime() + 3 * 24 * 3600_000),
    }, now);
    await saveAlarmRule(db, supervisor, { name: "核心链路中断自动转故障工单", matchers: [{ attribute: "source", op: "eq", value: "netflow" }, { attribute: "severity", op: "eq", value: "critical" }], workOrderKind: "fault", enabled: false });
  }
  await escalateUnackedAlarms(db, now);
  return { alarms: DEMO.length, samples };
}
