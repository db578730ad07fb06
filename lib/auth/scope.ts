/**
 * What an actor may see of tenant data. Every query over tenant data takes a scope and puts it in its WHERE
 * clause; nothing is loaded first and checked after.
 */
export type DataScope = { kind: "all" } | { kind: "departments"; departmentIds: number[] } | { kind: "providers"; providerIds: number[] };

export const ALL: DataScope = { kind: "all" };

/**
 * How a role or a user is scoped (分权分域): everything, their own organisation (a department with its VDCs and
 * projects), their own provider, or a custom list of departments.
 */
export const SCOPE_KINDS = ["all", "org", "provider", "custom"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const SCOPE_KIND_NAMES: Record<ScopeKind, string> = { all: "全部数据", org: "本单位及下级", provider: "本服务商", custom: "自定义单位" };

/** The scope of a user: their own scope kind if set, else their role's; an organisation the kind needs but the user lacks yields nothing. */
export function resolveScope(input: { kind: ScopeKind; departmentId: number | null; providerId: number | null; customDepartmentIds: number[] }): DataScope {
  switch (input.kind) {
    case "all":
      return ALL;
    case "org":
      return { kind: "departments", departmentIds: input.departmentId ? [input.departmentId] : [] };
    case "provider":
      return { kind: "providers", providerIds: input.providerId ? [input.providerId] : [] };
    case "custom":
      return { kind: "departments", departmentIds: [...new Set(input.customDepartmentIds)].sort((a, b) => a - b) };
  }
}

/** Whether everything `inner` shows is also visible under `outer` (an operator never grants more than they see). */
export function scopeCovers(outer: DataScope, inner: DataScope): boolean {
  if (outer.kind === "all") return true;
  if (inner.kind === "all" || inner.kind !== outer.kind) return false;
  const mine = new Set<number>(outer.kind === "departments" ? outer.departmentIds : outer.providerIds);
  return (inner.kind === "departments" ? inner.departmentIds : inner.providerIds).every((id) => mine.has(id));
}

/** A where-fragment on a model that has departmentId. */
export function departmentWhere(scope: DataScope): { departmentId?: { in: number[] } } {
  if (scope.kind === "all") return {};
  if (scope.kind === "departments") return { departmentId: { in: scope.departmentIds } };
  return { departmentId: { in: [] } };
}

/**
 * A where-fragment on a model that carries both departmentId and providerId (requests, work orders, alarms): a
 * department scope sees its departments' rows, a provider scope its provider's.
 */
export function orgWhere(scope: DataScope): { departmentId?: { in: number[] }; providerId?: { in: number[] } } {
  if (scope.kind === "all") return {};
  if (scope.kind === "departments") return { departmentId: { in: scope.departmentIds } };
  return { providerId: { in: scope.providerIds } };
}

/** A SQL condition on a usage_record alias, with its parameters appended to params. */
export function usageScopeSql(scope: DataScope, alias: string, params: unknown[]): string {
  if (scope.kind === "all") return "TRUE";
  params.push(scope.kind === "departments" ? scope.departmentIds : scope.providerIds);
  return `${alias}.${scope.kind === "departments" ? "department_id" : "provider_id"} = ANY($${params.length}::int[])`;
}

type UserOrgs = { departmentId: number | null; providerId: number | null; scopeDepartmentIds: number[] };

/**
 * Whether an operator's scope covers a user whatever scope kind the user's role has now or is given later: the
 * scope in force, and every organisation the user carries (their department, their provider, a custom list).
 * Checking only the scope in force would let a later role change turn a stored organisation into visible data.
 */
export function coversUser(operator: DataScope, user: UserOrgs & { scope: DataScope }): boolean {
  if (!scopeCovers(operator, user.scope)) return false;
  if (user.departmentId && !scopeCovers(operator, { kind: "departments", departmentIds: [user.departmentId] })) return false;
  if (user.providerId && !scopeCovers(operator, { kind: "providers", providerIds: [user.providerId] })) return false;
  return !user.scopeDepartmentIds.length || scopeCovers(operator, { kind: "departments", departmentIds: user.scopeDepartmentIds });
}
