import type { Db } from "../db";
import type { MessageChannel } from "./channels";
import { MAX_ATTEMPTS, retryDelayMs } from "./schedule";

const BATCH = 20;
/** A claimed message is someone's for this long: a sender that dies mid-send leaves it to be retried after. */
const LEASE_MS = 10 * 60_000;

type Claimed = { id: bigint; channel: string; recipient: string; subject: string; body: string; attempts: number };

/**
 * Sends pending outbound messages whose time has come over their channels; failures retry with backoff (1, 2, 4,
 * 8 minutes) and give up after MAX_ATTEMPTS. Concurrent senders claim different messages: a claim counts the
 * attempt and moves notBefore past a lease in one statement (SKIP LOCKED), so nothing is sent twice unless a
 * sender dies between sending and recording it. Messages of channels without a sender here stay pending.
 */
export async function sendOutbound(db: Db, channels: MessageChannel[], now: Date): Promise<{ sent: number; retrying: number; failed: number }> {
  const byCode = new Map(channels.map((c) => [c.code, c]));
  const result = { sent: 0, retrying: 0, failed: 0 };
  if (!byCode.size) return result;
  for (;;) {
    const claimed = await db.$queryRaw<Claimed[]>`
      UPDATE outbound_message SET attempts = attempts + 1, not_before = ${new Date(now.getTime() + LEASE_MS)}
       WHERE id IN (SELECT id FROM outbound_message
                     WHERE status = 'pending' AND not_before <= ${now} AND channel = ANY(${[...byCode.keys()]}::text[])
                     ORDER BY not_before, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING id, channel, recipient, subject, body, attempts`;
    for (const m of claimed) {
      try {
        await byCode.get(m.channel)!.send({ recipient: m.recipient, subject: m.subject, body: m.body });
        await db.outboundMessage.update({ where: { id: m.id }, data: { status: "sent", sentAt: now, lastError: null } });
        result.sent++;
      } catch (e) {
        const lastError = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
        const giveUp = m.attempts >= MAX_ATTEMPTS;
        await db.outboundMessage.update({
          where: { id: m.id },
          data: giveUp ? { status: "failed", lastError } : { lastError, notBefore: new Date(now.getTime() + retryDelayMs(m.attempts)) },
        });
        if (giveUp) result.failed++;
        else result.retrying++;
      }
    }
    if (claimed.length < BATCH) return result;
  }
}
