import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { requireDatabaseUrl } from "./env";

export type Db = PrismaClient;

// Timestamps travel as instants; forcing UTC on every connection keeps date arithmetic in SQL independent
// of the server's default TimeZone (billing months are computed in code, in Asia/Shanghai).
const sessionOptions = "-c TimeZone=UTC";

export function createPool(url = requireDatabaseUrl(), max = 5): pg.Pool {
  return new pg.Pool({ connectionString: url, max, options: sessionOptions });
}

export function createDb(url = requireDatabaseUrl()): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: sessionOptions }) });
}

let shared: { db: Db; pool: pg.Pool } | undefined;

/** The process-wide client and pool (the portal and the workers use these). */
export function getDb(): { db: Db; pool: pg.Pool } {
  shared ??= { db: createDb(), pool: createPool() };
  return shared;
}
