// A user's own notification preferences, per event type and channel (absent = on).
import { z } from "zod";
import type { Db } from "../db";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { CATEGORY_READ, CHANNEL_CODES, EVENT_CATEGORY, EVENT_TYPES, type ChannelCode, type EventType } from "./event-catalog";

/** A switch: on or off for the user, and whether any enabled rule sends this event over this channel at all. */
export type PreferenceCell = { enabled: boolean; used: boolean };
export type PreferenceRow = { eventType: EventType; channels: Record<ChannelCode, PreferenceCell> };
export type Preferences = { email: string | null; rows: PreferenceRow[] };

/** The event types a user could be told of: those whose subjects their permissions let them open. */
export const eventTypesFor = (actor: Pick<Actor, "permissions">): EventType[] =>
  EVENT_TYPES.filter((t) => CATEGORY_READ[EVENT_CATEGORY[t]].some((p) => can(actor, p)));

export async function getPreferences(db: Db, actor: Actor): Promise<Preferences> {
  const [user, prefs, rules] = await Promise.all([
    db.user.findUnique({ where: { id: actor.userId }, select: { email: true } }),
    db.notificationPreference.findMany({ where: { userId: actor.userId } }),
    db.messageRule.findMany({ where: { enabled: true }, select: { eventType: true, channels: true } }),
  ]);
  const off = new Set(prefs.filter((p) => !p.enabled).map((p) => `${p.eventType}|${p.channel}`));
  const used = new Set(rules.flatMap((r) => r.channels.map((c) => `${r.eventType}|${c}`)));
  return {
    email: user?.email?.trim() || null,
    rows: eventTypesFor(actor).map((eventType) => ({
      eventType,
      channels: Object.fromEntries(CHANNEL_CODES.map((c) => [c, { enabled: !off.has(`${eventType}|${c}`), used: used.has(`${eventType}|${c}`) }])) as Record<ChannelCode, PreferenceCell>,
    })),
  };
}

export const preferenceSchema = z.object({ eventType: z.enum(EVENT_TYPES), channel: z.enum(CHANNEL_CODES), enabled: z.boolean() });
export type PreferenceInput = z.input<typeof preferenceSchema>;

/** Turns one of my channels on or off for one event type. */
export async function setPreference(db: Db, actor: Actor, input: PreferenceInput): Promise<void> {
  const p = preferenceSchema.parse(input);
  await db.notificationPreference.upsert({
    where: { userId_eventType_channel: { userId: actor.userId, eventType: p.eventType, channel: p.channel } },
    create: { userId: actor.userId, eventType: p.eventType, channel: p.channel, enabled: p.enabled },
    update: { enabled: p.enabled },
  });
}
