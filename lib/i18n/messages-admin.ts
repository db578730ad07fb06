import type { Messages } from "./locale";

export const ADMIN_MESSAGES = {
} as const satisfies Messages;
