import type { Db } from "../db";
import { env } from "../env";
import { actorOf, type Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import type { DataScope } from "../auth/scope";
import type { Prisma } from "../generated/prisma/client";
import {
  CATEGORY_HANDLER, CATEGORY_READ, CATEGORY_SUPERVISOR, EVENT_CATEGORY, isEventType, ROLE_RECIPIENT, type EventCategory,
} from "./event-catalog";
import { isExternalChannel, RECIPIENT_ADDRESS } from "./channels";
import { dedupKeyOf, linkFor, renderMessage, templateVariables, type EventNames } from "./render-template";
import { dedupSince, quietHoursOf, releaseTime } from "./schedule";

type Tx = Prisma.TransactionClient;
const BATCH = 50;

type EventRow = { id: bigint; type: string; subject: string; payload: Record<string, unknown>; at: Date };
type Recipient = { id: number; email: string | null; phone: string | null; actor: Actor };
type Rule = Prisma.MessageRuleGetPayload<object>;
type Template = Prisma.MessageTemplateGetPayload<object>;

/** What a batch needs about the world, read once: rules, templates, the enabled users as actors, org names. */
type Context = {
  rules: Map<string, Rule[]>;
  templates: Map<string, Template>;
  users: Recipient[];
  providers: Map<number, { name: string; regionCodes: string[] }>;
  departments: Map<number, { name: string; code: string }>;
};

async function loadContext(tx: Tx): Promise<Context> {
  const [rules, templates, users, providers, departments] = await Promise.all([
    tx.messageRule.findMany({ where: { enabled: true }, orderBy: { id: "asc" } }),
    tx.messageTemplate.findMany(),
    tx.user.findMany({ where: { enabled: true }, include: { roleRef: true }, orderBy: { id: "asc" } }),
    tx.provider.findMany({ select: { id: true, name: true, regionCodes: true } }),
    tx.department.findMany({ select: { id: true, name: true, code: true } }),
  ]);
  const byType = new Map<string, Rule[]>();
  for (const r of rules) byType.set(r.eventType, [...(byType.get(r.eventType) ?? []), r]);
  return {
    rules: byType,
    templates: new Map(templates.map((t) => [t.code, t])),
    users: users.map((u) => ({ id: u.id, email: u.email, phone: u.phone, actor: actorOf(u) })),
    providers: new Map(providers.map((p) => [p.id, p])),
    departments: new Map(departments.map((d) => [d.id, d])),
  };
}

/** The organisations an event is about: whom it concerns and who may see it. */
type Subject = { category: EventCategory; departmentId: number | null; providerIds: number[] };

const idOf = (p: Record<string, unknown>, k: string) => (typeof p[k] === "number" ? (p[k] as number) : null);

async function subjectOf(tx: Tx, ctx: Context, category: EventCategory, p: Record<string, unknown>): Promise<Subject> {
  if (category === "file") {
    // a file belongs to the provider whose region it came from (its folder names no provider)
    const fileId = idOf(p, "fileId");
    const file = fileId ? await tx.cdrFile.findUnique({ where: { id: fileId }, select: { regionCode: true } }) : null;
    const region = file?.regionCode;
    return { category, departmentId: null, providerIds: region ? [...ctx.providers].filter(([, v]) => v.regionCodes.includes(region)).map(([id]) => id) : [] };
  }
  const providerId = idOf(p, "providerId");
  return { category, departmentId: idOf(p, "departmentId"), providerIds: providerId ? [providerId] : [] };
}

/** Whether a user may open what the event is about: a read permission of its category, and the subject in their scope. */
function maySee(actor: Actor, s: Subject): boolean {
  if (!CATEGORY_READ[s.category].some((p) => can(actor, p))) return false;
  const scope: DataScope = actor.scope;
  if (scope.kind === "all") return true;
  if (scope.kind === "departments") return s.category !== "file" && s.departmentId !== null && scope.departmentIds.includes(s.departmentId);
  return s.category !== "bill" && s.providerIds.some((id) => scope.providerIds.includes(id));
}

function resolveRecipients(ctx: Context, recipients: string[], s: Subject, p: Record<string, unknown>): Recipient[] {
  const handler = CATEGORY_HANDLER[s.category];
  const providerHandlers = () => (handler ? ctx.users.filter((u) => u.actor.providerId !== null && s.providerIds.includes(u.actor.providerId) && can(u.actor, handler)) : []);
  const byId = (id: number | null) => (id === null ? [] : ctx.users.filter((u) => u.id === id));
  const picked: Recipient[] = [];
  for (const r of recipients) {
    if (r === "assignee") {
      // a work order not yet given to someone concerns every handler of its provider
      if (s.category === "workorder") picked.push(...(idOf(p, "assigneeId") === null ? providerHandlers() : byId(idOf(p, "assigneeId"))));
    } else if (r === "requester") picked.push(...byId(idOf(p, "requesterId")));
    else if (r === "provider") picked.push(...providerHandlers());
    else if (r === "department") picked.push(...(s.departmentId === null ? [] : ctx.users.filter((u) => u.actor.departmentId === s.departmentId)));
    else if (r === "supervisors") {
      const sup = CATEGORY_SUPERVISOR[s.category];
      picked.push(...ctx.users.filter((u) => can(u.actor, sup.permission) && (!sup.scopeAll || u.actor.scope.kind === "all")));
    } else {
      const role = ROLE_RECIPIENT.exec(r)?.[1];
      if (role) picked.push(...ctx.users.filter((u) => u.actor.role === role));
    }
  }
  return picked.filter((u) => maySee(u.actor, s));
}

function namesOf(ctx: Context, s: Subject, p: Record<string, unknown>): EventNames {
  const department = s.departmentId === null ? undefined : ctx.departments.get(s.departmentId);
  return {
    providerName: s.providerIds.length ? s.providerIds.map((id) => ctx.providers.get(id)?.name ?? String(id)).join("、") : null,
    departmentName: s.departmentId === null ? null : department?.name ?? (typeof p.departmentName === "string" ? p.departmentName : null),
    departmentCode: department?.code ?? null,
  };
}

type Counts = { events: number; notifications: number; outbound: number };

/** One event by its rules, inside the batch's transaction. */
async function dispatchOne(tx: Tx, ctx: Context, e: EventRow, now: Date, portalUrl: string | undefined): Promise<Omit<Counts, "events">> {
  const counts = { notifications: 0, outbound: 0 };
  const rules = isEventType(e.type) ? ctx.rules.get(e.type) ?? [] : [];
  if (!rules.length) return counts;
  const p = e.payload ?? {};
  const s = await subjectOf(tx, ctx, EVENT_CATEGORY[e.type as keyof typeof EVENT_CATEGORY], p);
  const names = namesOf(ctx, s, p);
  const link = linkFor(e.type, p, names);
  const dedupKey = dedupKeyOf(e);
  const vars = templateVariables(e.type, p, { locale: "zh-CN", at: e.at, link, names });
  const done = new Set<number>();
  for (const rule of rules) {
    const template = ctx.templates.get(rule.templateCode);
    if (!template) continue;
    // one message per user and event: a user named by two rules gets the first rule's
    const users = resolveRecipients(ctx, rule.recipients, s, p).filter((u) => !done.has(u.id) && done.add(u.id));
    if (!users.length) continue;
    const ids = users.map((u) => u.id);
    const since = dedupSince(now, rule.dedupMinutes);
    const [prefs, recentBell, recentOutbound] = await Promise.all([
      tx.notificationPreference.findMany({ where: { userId: { in: ids }, eventType: e.type } }),
      since ? tx.notification.findMany({ where: { userId: { in: ids }, dedupKey, createdAt: { gt: since } }, select: { userId: true } }) : [],
      since ? tx.outboundMessage.findMany({ where: { userId: { in: ids }, dedupKey, createdAt: { gt: since } }, select: { userId: true, channel: true } }) : [],
    ]);
    const off = new Set(prefs.filter((x) => !x.enabled).map((x) => `${x.userId}|${x.channel}`));
    const bellSent = new Set(recentBell.map((x) => x.userId));
    const sent = new Set(recentOutbound.map((x) => `${x.userId}|${x.channel}`));
    const message = renderMessage({ title: template.titleZh, body: template.bodyZh }, vars);
    const externalBody = link ? `${message.body}\n\n查看详情：${portalUrl ? new URL(link, portalUrl).toString() : link}` : message.body;
    const notBefore = releaseTime(now, quietHoursOf(rule));
    for (const u of users) {
      let notificationId: bigint | null = null;
      if (rule.channels.includes("inapp") && !off.has(`${u.id}|inapp`) && !bellSent.has(u.id)) {
        const n = await tx.notification.create({ data: { userId: u.id, eventId: e.id, eventType: e.type, dedupKey, title: message.title, body: message.body, link, createdAt: now }, select: { id: true } });
        notificationId = n.id;
        counts.notifications++;
      }
      for (const channel of rule.channels) {
        if (!isExternalChannel(channel) || off.has(`${u.id}|${channel}`) || sent.has(`${u.id}|${channel}`)) continue;
        const recipient = RECIPIENT_ADDRESS[channel](u);
        if (!recipient) continue;
        await tx.outboundMessage.create({ data: { notificationId, userId: u.id, dedupKey, channel, recipient, subject: message.title, body: externalBody, notBefore, createdAt: now } });
        counts.outbound++;
      }
    }
  }
  return counts;
}

/**
 * Turns undispatched domain events into notifications and outbound messages by the rules, each event once.
 * Events are taken in id order, a batch per transaction, rows locked with SKIP LOCKED so concurrent ticks take
 * different events; each batch also locks its dedup keys (in one global order) so two ticks handling repeats of
 * the same event never both notify. An event is marked dispatched in the transaction that notified for it.
 */
export async function dispatchEvents(db: Db, now: Date, options: { portalUrl?: string } = {}): Promise<Counts> {
  const portalUrl = options.portalUrl ?? env.PORTAL_URL;
  const total: Counts = { events: 0, notifications: 0, outbound: 0 };
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const events = await tx.$queryRaw<EventRow[]>`
        SELECT id, type, subject, payload, at FROM domain_event WHERE dispatched_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      const counts: Counts = { events: events.length, notifications: 0, outbound: 0 };
      if (!events.length) return counts;
      const keys = [...new Set(events.map(dedupKeyOf))];
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended('notify|' || k, 0) AS h FROM unnest(${keys}::text[]) AS k ORDER BY 1) AS keys`;
      const ctx = await loadContext(tx);
      for (const e of events) {
        const c = await dispatchOne(tx, ctx, e, now, portalUrl);
        counts.notifications += c.notifications;
        counts.outbound += c.outbound;
      }
      await tx.domainEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { dispatchedAt: now } });
      return counts;
    }, { timeout: 120_000, maxWait: 30_000 });
    total.events += batch.events;
    total.notifications += batch.notifications;
    total.outbound += batch.outbound;
    if (batch.events < BATCH) return total;
  }
}
