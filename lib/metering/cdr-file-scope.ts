import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { DataScope } from "../auth/scope";

/**
 * The where-fragment on cdr_file for a scope. A file carries many tenants' records, so tenant users see no
 * files; a provider user sees the files of their regions.
 */
export async function cdrFileWhere(db: Db, scope: DataScope): Promise<Prisma.CdrFileWhereInput> {
  if (scope.kind === "all") return {};
  if (scope.kind === "departments") return { id: { in: [] } };
  const providers = await db.provider.findMany({ where: { id: { in: scope.providerIds } }, select: { regionCodes: true } });
  return { regionCode: { in: providers.flatMap((p) => p.regionCodes) } };
}
