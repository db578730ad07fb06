import type { Messages } from "./locale";

// The words of SLA policies, the working calendar, templates and timeliness.
export const SLA_MESSAGES = {
} as const satisfies Messages;
