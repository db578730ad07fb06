import nodemailer from "nodemailer";
import type { MessageChannel } from "./channels";

export type SmtpSettings = { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };

/** The e-mail channel over SMTP (nodemailer): plain-text mail, one connection per message, bounded waits. */
export function createSmtpChannel(s: SmtpSettings): MessageChannel {
  const transport = nodemailer.createTransport({
    host: s.host, port: s.port, secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.password ?? "" } : undefined,
    // a server that never answers must not hold the operations tick (the claimed message's lease is longer)
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
  });
  return {
    code: "email",
    async send(m) {
      await transport.sendMail({ from: s.from, to: m.recipient, subject: m.subject, text: m.body });
    },
    close: () => transport.close(),
  };
}
