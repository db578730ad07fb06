import type { Role } from "./users";

// Roles as data: what each role may do beyond reading its scope. Checked through `can` only.
const PERMISSIONS = {
  "metering.files.read": ["supervisor", "admin", "leader", "provider"],
  "metering.exceptions.resolve": ["supervisor"],
  "billing.read": ["supervisor", "admin", "leader", "tenant", "provider"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
