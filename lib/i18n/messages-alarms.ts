import type { Messages } from "./locale";

// The words of alarms, filter policies, rules and network quality.
export const ALARM_MESSAGES = {
} as const satisfies Messages;
