import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";

/** Who an audit event is attributed to: a user, or the system itself (CLI, migrations, jobs). */
export type AuditActor = { userId: number | null; name: string };
export const SYSTEM_ACTOR: AuditActor = { userId: null, name: "system" };

export type AuditEntry = {
  actor: AuditActor;
  /** dotted verb, e.g. auth.sign-in, user.update, role.create, price.publish, billing.close */
  action: string;
  entity: string;
  entityId?: string | number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
};

type Tx = Pick<Db, "auditEvent">;

// JSON columns get plain data: Decimals and Dates as strings, never a password hash.
const plain = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === undefined || v === null ? undefined : JSON.parse(JSON.stringify(v, (k, x) => (k === "passwordHash" ? undefined : typeof x === "bigint" ? x.toString() : x)));

/** Writes one audit event; pass the transaction that makes the change so that both commit or neither does. */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: e.actor.userId, actorName: e.actor.name, action: e.action, entity: e.entity, entityId: e.entityId == null ? null : String(e.entityId),
      summary: e.summary, before: plain(e.before), after: plain(e.after),
    },
  });
}

export const auditActorOf = (a: { userId: number; displayName: string; username: string }): AuditActor => ({ userId: a.userId, name: `${a.displayName}（${a.username}）` });
