import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { requireDatabaseUrl } from "./env";

export type Db = PrismaClient;
export type DbContext = { db: Db; pool: pg.Pool; close: () => Promise<void> };

// Timestamps travel as instants (timestamptz) and billing months are computed in code in Asia/Shanghai, so
// nothing here depends on the database session's TimeZone (tests run with an unusual one to prove it).

/** Prisma for ordinary queries and the same pg pool for COPY and hand-written SQL. */
export function connectDb(url = requireDatabaseUrl(), max = 6): DbContext {
  // Prisma's pg adapter sends a Date as text without an offset, which PostgreSQL reads in the session TimeZone:
  // the sessions are pinned to UTC so that stored instants are right whatever the server's or database's setting.
  const pool = new pg.Pool({ connectionString: url, max, options: "-c TimeZone=UTC" });
  // an idle connection dropped by the server (restart, DROP DATABASE) must not crash the process
  pool.on("error", (e) => console.error(`database connection lost: ${e.message}`));
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { db, pool, close: async () => { await db.$disconnect(); await pool.end().catch(() => {}); } };
}

let shared: DbContext | undefined;

/** The process-wide connection (the portal and the workers use this one). */
export function getDb(): DbContext {
  shared ??= connectDb();
  return shared;
}
