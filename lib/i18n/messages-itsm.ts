import type { Messages } from "./locale";

// The words of service requests and work orders.
export const ITSM_MESSAGES = {
} as const satisfies Messages;
