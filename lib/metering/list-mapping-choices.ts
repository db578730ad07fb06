import type { Db } from "../db";
import { departmentWhere, type DataScope } from "../auth/scope";

export type MappingChoices = {
  vdcs: { id: number; code: string; name: string; departmentCode: string; departmentName: string }[];
  providers: { id: number; code: string; name: string; regionCodes: string[] }[];
};

/** What the exception forms offer: the VDCs (within the scope) a project can be mapped to, the providers a price can belong to. */
export async function listMappingChoices(db: Db, scope: DataScope): Promise<MappingChoices> {
  const [vdcs, providers] = await Promise.all([
    db.vdc.findMany({ where: departmentWhere(scope), include: { department: true }, orderBy: { code: "asc" } }),
    db.provider.findMany({ orderBy: { code: "asc" } }),
  ]);
  return {
    vdcs: vdcs.map((v) => ({ id: v.id, code: v.code, name: v.name, departmentCode: v.department.code, departmentName: v.department.name })),
    providers: providers.map((p) => ({ id: p.id, code: p.code, name: p.name, regionCodes: p.regionCodes })),
  };
}
