import type { Messages } from "./locale";

export const PAGE_MESSAGES = {
} as const satisfies Messages;
