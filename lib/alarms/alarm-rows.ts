import type { Alarm } from "../generated/prisma/client";
import type { Db } from "../db";
import type { AlarmSeverity } from "../itsm/codes";
import { attributesOf, type AlarmAttributes } from "./matchers";

/** An alarm occurrence as lists, the API and exports show it. status: firing | cleared. */
export type AlarmRow = {
  id: number; fingerprint: string; source: string; name: string; severity: AlarmSeverity; resource: string | null; summary: string | null;
  status: "firing" | "cleared"; firstAt: string; lastAt: string; count: number;
  ackedAt: string | null; ackComment: string | null; clearedAt: string | null; clearedBy: string | null; clearConfirmedAt: string | null;
  escalationLevel: number; suppressedByPolicyId: number | null; suppressedByPolicyName: string | null; workOrderId: number | null;
  providerId: number | null; providerCode: string | null; providerName: string | null; departmentId: number | null; departmentCode: string | null; departmentName: string | null;
  attributes: AlarmAttributes;
};

/** Rows with their provider, department and filter policy names (each looked up once for the page). */
export async function toAlarmRows(db: Db, alarms: Alarm[]): Promise<AlarmRow[]> {
  const ids = (pick: (a: Alarm) => number | null) => [...new Set(alarms.map(pick).filter((x): x is number => x !== null))];
  const [providers, departments, policies] = await Promise.all([
    db.provider.findMany({ where: { id: { in: ids((a) => a.providerId) } }, select: { id: true, code: true, name: true } }),
    db.department.findMany({ where: { id: { in: ids((a) => a.departmentId) } }, select: { id: true, code: true, name: true } }),
    db.alarmFilterPolicy.findMany({ where: { id: { in: ids((a) => a.suppressedByPolicyId) } }, select: { id: true, name: true } }),
  ]);
  const provider = new Map(providers.map((p) => [p.id, p]));
  const department = new Map(departments.map((d) => [d.id, d]));
  const policy = new Map(policies.map((p) => [p.id, p.name]));
  return alarms.map((a) => ({
    id: a.id, fingerprint: a.fingerprint, source: a.source, name: a.name, severity: a.severity as AlarmSeverity, resource: a.resource, summary: a.summary,
    status: a.status as AlarmRow["status"], firstAt: a.firstAt.toISOString(), lastAt: a.lastAt.toISOString(), count: a.count,
    ackedAt: a.ackedAt?.toISOString() ?? null, ackComment: a.ackComment, clearedAt: a.clearedAt?.toISOString() ?? null, clearedBy: a.clearedBy,
    clearConfirmedAt: a.clearConfirmedAt?.toISOString() ?? null, escalationLevel: a.escalationLevel,
    suppressedByPolicyId: a.suppressedByPolicyId, suppressedByPolicyName: a.suppressedByPolicyId ? policy.get(a.suppressedByPolicyId) ?? null : null, workOrderId: a.workOrderId,
    providerId: a.providerId, providerCode: a.providerId ? provider.get(a.providerId)?.code ?? null : null, providerName: a.providerId ? provider.get(a.providerId)?.name ?? null : null,
    departmentId: a.departmentId, departmentCode: a.departmentId ? department.get(a.departmentId)?.code ?? null : null, departmentName: a.departmentId ? department.get(a.departmentId)?.name ?? null : null,
    attributes: attributesOf(a.attributes),
  }));
}
