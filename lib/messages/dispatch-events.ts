import type { Db } from "../db";

/** Turns undispatched domain events into notifications and outbound messages by the rules, each event once. */
export async function dispatchEvents(_db: Db, _now: Date): Promise<{ events: number; notifications: number }> {
  return { events: 0, notifications: 0 }; // implemented with the message center
}
