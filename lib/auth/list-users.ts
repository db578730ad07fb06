import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import type { DataScope } from "./scope";

export const userQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  role: z.string().trim().max(32).optional(),
  enabled: z.enum(["true", "false"]).optional(),
  sort: z.enum(["username", "displayName", "lastLoginAt", "createdAt"]).default("username"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(20),
});
export type UserQuery = z.input<typeof userQuerySchema>;

export type UserRow = {
  id: number; username: string; displayName: string; role: string; roleName: string; departmentId: number | null; departmentName: string | null;
  providerId: number | null; providerName: string | null; scopeKind: string | null; scopeDepartmentIds: number[]; phone: string | null; email: string | null;
  enabled: boolean; locked: boolean; lastLoginAt: string | null; createdAt: string;
};

/** The users an operator's scope covers: all, those of their departments, or those of their provider. */
export function userScopeWhere(scope: DataScope): Prisma.UserWhereInput {
  if (scope.kind === "all") return {};
  if (scope.kind === "departments") return { departmentId: { in: scope.departmentIds } };
  return { providerId: { in: scope.providerIds } };
}

export async function listUsers(db: Db, raw: UserQuery, scope: DataScope, now = new Date()): Promise<{ rows: UserRow[]; total: number }> {
  const q = userQuerySchema.parse(raw);
  const where: Prisma.UserWhereInput = {
    AND: [
      userScopeWhere(scope),
      q.q ? { OR: [{ username: { contains: q.q, mode: "insensitive" } }, { displayName: { contains: q.q, mode: "insensitive" } }, { phone: { contains: q.q } }] } : {},
      q.role ? { role: q.role } : {},
      q.enabled ? { enabled: q.enabled === "true" } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, include: { roleRef: true, department: true, provider: true }, orderBy: [q.sort === "lastLoginAt" ? { lastLoginAt: { sort: q.order, nulls: "last" } } : { [q.sort]: q.order }, { id: "asc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.user.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((u) => ({
      id: u.id, username: u.username, displayName: u.displayName, role: u.role, roleName: u.roleRef.name, departmentId: u.departmentId, departmentName: u.department?.name ?? null,
      providerId: u.providerId, providerName: u.provider?.name ?? null, scopeKind: u.scopeKind, scopeDepartmentIds: u.scopeDepartmentIds, phone: u.phone, email: u.email,
      enabled: u.enabled, locked: !!u.lockedUntil && u.lockedUntil > now, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
    })),
  };
}
