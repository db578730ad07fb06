/** One external channel (e-mail, SMS ...): the outbound sender hands it messages addressed to its recipients. */
export type OutboundMail = { recipient: string; subject: string; body: string };
export interface MessageChannel {
  /** the code rules and preferences name: email, sms, ... */
  readonly code: string;
  send(message: OutboundMail): Promise<void>;
}
