import type { Db } from "../db";
import type { MessageChannel } from "./channels";

/** Sends pending outbound messages whose time has come over their channels; failures retry with backoff. */
export async function sendOutbound(_db: Db, _channels: MessageChannel[], _now: Date): Promise<{ sent: number; failed: number }> {
  return { sent: 0, failed: 0 }; // implemented with the message center
}
