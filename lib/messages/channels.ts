import type { ChannelCode } from "./event-catalog";

/** One external channel (e-mail, SMS ...): the outbound sender hands it messages addressed to its recipients. */
export type OutboundMail = { recipient: string; subject: string; body: string };
/**
 * The seam for external senders. Adding one (say SMS):
 * 1. add its code and name to CHANNEL_CODES / CHANNEL_NAMES in event-catalog.ts (rules, preferences and the admin
 *    page offer it from there) and to the notify.channel.<code> words;
 * 2. say which field of a user it is addressed to in RECIPIENT_ADDRESS below (sms: the user's phone);
 * 3. implement MessageChannel with that code (like createSmtpChannel in smtp-channel.ts): send() resolves once the
 *    provider accepted the message and throws otherwise (the outbound sender retries with backoff);
 * 4. build it from its settings in channelsFromEnv (channels-from-env.ts, settings in lib/env.ts).
 * Messages of a channel with no sender configured wait as pending until one is.
 */
export interface MessageChannel {
  /** the code rules and preferences name: email, sms, ... */
  readonly code: string;
  send(message: OutboundMail): Promise<void>;
  /** releases connections (a worker shutting down) */
  close?(): void;
}

export type ExternalChannel = Exclude<ChannelCode, "inapp">;

/** Where a user receives each external channel's messages; null = the user gets none over it. */
export const RECIPIENT_ADDRESS: Record<ExternalChannel, (user: { email: string | null; phone: string | null }) => string | null> = {
  email: (u) => u.email?.trim() || null,
};

export const isExternalChannel = (code: string): code is ExternalChannel => Object.hasOwn(RECIPIENT_ADDRESS, code);
