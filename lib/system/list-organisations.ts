import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import type { DataScope } from "../auth/scope";

export type OrganisationChoices = { departments: { id: number; code: string; name: string }[]; providers: { id: number; code: string; name: string }[] };

/** The departments and providers an operator may assign to a user: those their own scope shows. */
export async function listOrganisations(db: Db, scope: DataScope): Promise<OrganisationChoices> {
  const select = { id: true, code: true, name: true } as const;
  const departmentWhere: Prisma.DepartmentWhereInput = scope.kind === "all" ? {} : { id: { in: scope.kind === "departments" ? scope.departmentIds : [] } };
  const providerWhere: Prisma.ProviderWhereInput = scope.kind === "all" ? {} : { id: { in: scope.kind === "providers" ? scope.providerIds : [] } };
  const [departments, providers] = await Promise.all([
    db.department.findMany({ where: departmentWhere, select, orderBy: { code: "asc" } }),
    db.provider.findMany({ where: providerWhere, select, orderBy: { code: "asc" } }),
  ]);
  return { departments, providers };
}
