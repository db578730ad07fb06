import type { Messages } from "./locale";

export const METERING_MESSAGES = {
} as const satisfies Messages;
