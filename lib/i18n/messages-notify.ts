import type { Messages } from "./locale";

// The words of the message center, the bell, templates and rules.
export const NOTIFY_MESSAGES = {
} as const satisfies Messages;
