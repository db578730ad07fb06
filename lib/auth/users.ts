import bcrypt from "bcryptjs";
import { z } from "zod";
import type { Db } from "../db";

export const ROLES = ["supervisor", "admin", "leader", "tenant", "provider"] as const;
export type Role = (typeof ROLES)[number];

export const newUserSchema = z
  .object({
    username: z.string().trim().min(2).max(64),
    password: z.string().min(8),
    displayName: z.string().trim().min(1).max(64),
    role: z.enum(ROLES),
    departmentId: z.number().int().positive().optional(),
    providerId: z.number().int().positive().optional(),
  })
  // A tenant or provider user without their organisation would see nothing, or (worse) be mistaken for a global role.
  .refine((u) => u.role !== "tenant" || u.departmentId, { message: "a tenant user needs a department", path: ["departmentId"] })
  .refine((u) => u.role !== "provider" || u.providerId, { message: "a provider user needs a provider", path: ["providerId"] });

export type NewUser = z.infer<typeof newUserSchema>;

/** The user as the session and scope need it; never carries the password hash. */
export type AuthUser = { id: number; username: string; displayName: string; role: Role; departmentId: number | null; providerId: number | null };

const toAuthUser = (u: { id: number; username: string; displayName: string; role: string; departmentId: number | null; providerId: number | null }): AuthUser => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, departmentId: u.departmentId, providerId: u.providerId,
});

export async function createUser(db: Db, input: NewUser): Promise<AuthUser> {
  const u = newUserSchema.parse(input);
  const passwordHash = await bcrypt.hash(u.password, 10);
  const row = await db.user.create({
    data: { username: u.username, displayName: u.displayName, role: u.role, passwordHash, departmentId: u.departmentId ?? null, providerId: u.providerId ?? null },
  });
  return toAuthUser(row);
}

/** Creates the user when the username is free, else returns the existing one unchanged (seeds run more than once). */
export async function ensureUser(db: Db, input: NewUser): Promise<AuthUser> {
  const existing = await db.user.findUnique({ where: { username: input.username } });
  if (existing) return toAuthUser(existing);
  try {
    return await createUser(db, input);
  } catch (e) {
    // Two seeds racing: the other one created it.
    const raced = await db.user.findUnique({ where: { username: input.username } });
    if (raced) return toAuthUser(raced);
    throw e;
  }
}

/** The enabled user with this username and password, or null. */
export async function verifyCredentials(db: Db, input: { username: string; password: string }): Promise<AuthUser | null> {
  const row = await db.user.findUnique({ where: { username: input.username.trim() } });
  if (!row || !row.enabled) return null;
  return (await bcrypt.compare(input.password, row.passwordHash)) ? toAuthUser(row) : null;
}
