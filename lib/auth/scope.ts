/**
 * What an actor may see of tenant data. Every query over tenant data takes a scope and puts it in its WHERE
 * clause; nothing is loaded first and checked after.
 */
export type DataScope = { kind: "all" } | { kind: "departments"; departmentIds: number[] } | { kind: "providers"; providerIds: number[] };

export const ALL: DataScope = { kind: "all" };

/** A where-fragment on a model that has departmentId. */
export function departmentWhere(scope: DataScope): { departmentId?: { in: number[] } } {
  if (scope.kind === "all") return {};
  if (scope.kind === "departments") return { departmentId: { in: scope.departmentIds } };
  return { departmentId: { in: [] } };
}

/** A SQL condition on a usage_record alias, with its parameters appended to params. */
export function usageScopeSql(scope: DataScope, alias: string, params: unknown[]): string {
  if (scope.kind === "all") return "TRUE";
  params.push(scope.kind === "departments" ? scope.departmentIds : scope.providerIds);
  return `${alias}.${scope.kind === "departments" ? "department_id" : "provider_id"} = ANY($${params.length}::int[])`;
}
