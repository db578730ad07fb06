import Decimal from "decimal.js";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { auditActorOf, recordAudit } from "../audit/record-audit";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { SEVERITIES, SEVERITY_NAMES, SLA_CLOCKS, WORK_ORDER_KIND_NAMES, WORK_ORDER_KINDS, type Severity, type SlaClock, type WorkOrderKind } from "../itsm/codes";

export type SlaTargets = { clock: SlaClock; responseMinutes: number; resolutionMinutes: number; warnShare: string };
export type SlaPolicyRow = SlaTargets & { kind: WorkOrderKind; severity: Severity; updatedAt: string | null; builtin: boolean };

const H = 60;
/** A working day of the default calendar (08:00–18:00). */
const WD = 10 * H;
/**
 * The built-in targets: the most urgent faults run on the 24x7 clock, everything else on working time; a work
 * order of a pair without a row opens with these, so one can always open.
 */
export const DEFAULT_SLA_TARGETS: Record<WorkOrderKind, Record<Severity, SlaTargets>> = {
  fault: {
    p1: { clock: "calendar", responseMinutes: 15, resolutionMinutes: 4 * H, warnShare: "0.8" },
    p2: { clock: "working", responseMinutes: 30, resolutionMinutes: 8 * H, warnShare: "0.8" },
    p3: { clock: "working", responseMinutes: 1 * H, resolutionMinutes: 2 * WD, warnShare: "0.8" },
    p4: { clock: "working", responseMinutes: 4 * H, resolutionMinutes: 5 * WD, warnShare: "0.8" },
  },
  change: {
    p1: { clock: "calendar", responseMinutes: 30, resolutionMinutes: 8 * H, warnShare: "0.8" },
    p2: { clock: "working", responseMinutes: 1 * H, resolutionMinutes: 2 * WD, warnShare: "0.8" },
    p3: { clock: "working", responseMinutes: 4 * H, resolutionMinutes: 5 * WD, warnShare: "0.8" },
    p4: { clock: "working", responseMinutes: 1 * WD, resolutionMinutes: 10 * WD, warnShare: "0.8" },
  },
  provisioning: {
    p1: { clock: "working", responseMinutes: 1 * H, resolutionMinutes: 1 * WD, warnShare: "0.8" },
    p2: { clock: "working", responseMinutes: 2 * H, resolutionMinutes: 2 * WD, warnShare: "0.8" },
    p3: { clock: "working", responseMinutes: 4 * H, resolutionMinutes: 5 * WD, warnShare: "0.8" },
    p4: { clock: "working", responseMinutes: 1 * WD, resolutionMinutes: 10 * WD, warnShare: "0.8" },
  },
  inspection: {
    p1: { clock: "working", responseMinutes: 1 * H, resolutionMinutes: 1 * WD, warnShare: "0.8" },
    p2: { clock: "working", responseMinutes: 2 * H, resolutionMinutes: 2 * WD, warnShare: "0.8" },
    p3: { clock: "working", responseMinutes: 4 * H, resolutionMinutes: 5 * WD, warnShare: "0.8" },
    p4: { clock: "working", responseMinutes: 1 * WD, resolutionMinutes: 10 * WD, warnShare: "0.8" },
  },
  consultation: {
    p1: { clock: "working", responseMinutes: 30, resolutionMinutes: 4 * H, warnShare: "0.8" },
    p2: { clock: "working", responseMinutes: 1 * H, resolutionMinutes: 1 * WD, warnShare: "0.8" },
    p3: { clock: "working", responseMinutes: 4 * H, resolutionMinutes: 2 * WD, warnShare: "0.8" },
    p4: { clock: "working", responseMinutes: 1 * WD, resolutionMinutes: 5 * WD, warnShare: "0.8" },
  },
};

type PolicyRecord = { kind: string; severity: string; clock: string; responseMinutes: number; resolutionMinutes: number; warnShare: { toString(): string }; updatedAt: Date };

const asClock = (c: string): SlaClock => (c === "calendar" ? "calendar" : "working");
/** "0.800" as stored reads "0.8". */
const shareText = (s: { toString(): string } | string) => new Decimal(s.toString()).toString();

const policyRow = (p: PolicyRecord): SlaPolicyRow => ({
  kind: p.kind as WorkOrderKind, severity: p.severity as Severity, clock: asClock(p.clock), responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes,
  warnShare: shareText(p.warnShare), updatedAt: p.updatedAt.toISOString(), builtin: false,
});

/** Every kind × severity, in code order: the stored policy, or the built-in default (builtin: true) where none is stored. */
export async function listSlaPolicies(db: Db): Promise<SlaPolicyRow[]> {
  const stored = new Map((await db.slaPolicy.findMany()).map((p) => [`${p.kind}/${p.severity}`, p]));
  return WORK_ORDER_KINDS.flatMap((kind) => SEVERITIES.map((severity) => {
    const p = stored.get(`${kind}/${severity}`);
    return p ? policyRow(p) : { kind, severity, ...DEFAULT_SLA_TARGETS[kind][severity], updatedAt: null, builtin: true };
  }));
}

/** The targets a work order of this kind and severity opens (or is re-targeted) with. */
export async function policyFor(db: Db, kind: WorkOrderKind, severity: Severity): Promise<SlaTargets> {
  const p = await db.slaPolicy.findUnique({ where: { kind_severity: { kind, severity } } });
  if (p) return { clock: asClock(p.clock), responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes, warnShare: shareText(p.warnShare) };
  const fallback = DEFAULT_SLA_TARGETS[kind]?.[severity];
  if (!fallback) throw new AppError("sla.policy.unknown", `未知的工单类型或级别：${kind} / ${severity}`);
  return { ...fallback };
}

/** A year of minutes: longer targets are typing mistakes. */
const MAX_MINUTES = 366 * 24 * 60;
const minutes = (what: string) => z.number({ error: `请填写${what}` }).int(`${what}须为整分钟`).min(1, `${what}至少 1 分钟`).max(MAX_MINUTES, `${what}不能超过一年`);

export const slaPolicySchema = z.object({
  kind: z.enum(WORK_ORDER_KINDS, { error: "未知的工单类型" }),
  severity: z.enum(SEVERITIES, { error: "未知的级别" }),
  clock: z.enum(SLA_CLOCKS, { error: "请选择计时方式" }),
  responseMinutes: minutes("响应时限"),
  resolutionMinutes: minutes("解决时限"),
  warnShare: z.union([z.number(), z.string().trim()], { error: "请填写预警比例" })
    .transform((v, ctx) => {
      const text = String(v);
      if (!/^\d+(\.\d+)?$/.test(text)) { ctx.addIssue({ code: "custom", message: "预警比例须为 0 到 1 之间的小数" }); return z.NEVER; }
      const d = new Decimal(text);
      if (d.lte(0) || d.gte(1)) { ctx.addIssue({ code: "custom", message: "预警比例须大于 0 且小于 1" }); return z.NEVER; }
      if (d.decimalPlaces() > 3) { ctx.addIssue({ code: "custom", message: "预警比例最多 3 位小数" }); return z.NEVER; }
      return d.toString();
    }),
}).refine((p) => p.responseMinutes <= p.resolutionMinutes, { path: ["resolutionMinutes"], message: "解决时限不能短于响应时限" });
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

/** Creates or changes the policy of a kind × severity. Open work orders keep their copied targets until re-targeted. */
export async function saveSlaPolicy(db: Db, actor: Actor, input: SlaPolicyInput): Promise<SlaPolicyRow> {
  if (!can(actor, "itsm.sla.manage")) throw new AppError("auth.forbidden", "您没有管理 SLA 策略的权限", undefined, 403);
  const p = slaPolicySchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.slaPolicy.findUnique({ where: { kind_severity: { kind: p.kind, severity: p.severity } } });
    const data = { clock: p.clock, responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes, warnShare: p.warnShare, updatedAt: new Date() };
    const after = await tx.slaPolicy.upsert({ where: { kind_severity: { kind: p.kind, severity: p.severity } }, create: { kind: p.kind, severity: p.severity, ...data }, update: data });
    await recordAudit(tx, {
      actor: auditActorOf(actor), action: "sla.policy.save", entity: "sla-policy", entityId: `${p.kind}/${p.severity}`,
      summary: `修改 SLA 策略：${WORK_ORDER_KIND_NAMES[p.kind]} ${SEVERITY_NAMES[p.severity]}（${p.severity}），响应 ${p.responseMinutes} 分钟，解决 ${p.resolutionMinutes} 分钟，${p.clock === "working" ? "工作时间" : "自然时间"}，预警 ${p.warnShare}`,
      before: before ? policyRow(before) : undefined, after: policyRow(after),
    });
    return policyRow(after);
  });
}

/** The default policies for the pairs that have no row; rows an operator saved are left alone. */
export async function ensureDefaultSlaPolicies(db: Db): Promise<{ created: number }> {
  const data = WORK_ORDER_KINDS.flatMap((kind) => SEVERITIES.map((severity) => ({ kind, severity, ...DEFAULT_SLA_TARGETS[kind][severity] })));
  const { count } = await db.slaPolicy.createMany({ data, skipDuplicates: true });
  return { created: count };
}
