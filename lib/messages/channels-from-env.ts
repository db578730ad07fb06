import type { Env } from "../env";
import type { MessageChannel } from "./channels";
import { createSmtpChannel } from "./smtp-channel";

/** The external channels the settings configure: e-mail when SMTP_HOST is set; none otherwise (the bell needs none). */
export function channelsFromEnv(env: Pick<Env, "SMTP_HOST" | "SMTP_PORT" | "SMTP_SECURE" | "SMTP_USER" | "SMTP_PASSWORD" | "SMTP_FROM">): MessageChannel[] {
  const channels: MessageChannel[] = [];
  if (env.SMTP_HOST) {
    channels.push(createSmtpChannel({
      host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE, user: env.SMTP_USER, password: env.SMTP_PASSWORD,
      from: env.SMTP_FROM ?? env.SMTP_USER ?? `noreply@${env.SMTP_HOST}`,
    }));
  }
  return channels;
}
