import type { Db } from "../db";
import { departmentWhere, type DataScope } from "../auth/scope";

/** The months that have bills the actor may see, newest first. */
export async function listBillMonths(db: Db, scope: DataScope): Promise<string[]> {
  const rows = await db.bill.findMany({ where: departmentWhere(scope), distinct: ["month"], select: { month: true }, orderBy: { month: "desc" } });
  return rows.map((r) => r.month);
}
