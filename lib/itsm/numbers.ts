import type { Prisma } from "../generated/prisma/client";
import { formatShanghai } from "../time/shanghai";

type Tx = Prisma.TransactionClient;

const TABLES = { SR: "service_request", WO: "work_order" } as const;

/**
 * The next number of the Shanghai day: SR-20261204-0001, WO-20261204-0001. A transaction-scoped advisory lock per
 * kind serialises concurrent creations, so two transactions never read the same last number.
 */
export async function nextTicketNumber(tx: Tx, prefix: keyof typeof TABLES, now: Date): Promise<string> {
  const day = formatShanghai(now).slice(0, 10).replaceAll("-", "");
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `ticket-number:${prefix}`);
  const [row] = await tx.$queryRawUnsafe<{ last: number | null }[]>(
    `SELECT max(split_part(number, '-', 3)::int) AS last FROM ${TABLES[prefix]} WHERE number LIKE $1`, `${prefix}-${day}-%`,
  );
  return `${prefix}-${day}-${String((row?.last ?? 0) + 1).padStart(4, "0")}`;
}
