import pg from "pg";
import { connectDb, type Db } from "../../lib/db";
import { migrate } from "../../lib/db/migrate";
import { projectRoot } from "./paths";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const TEMPLATE = `test_template_${process.pid}`;
let templateReady: Promise<void> | undefined;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

export function urlFor(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A migrated template, made once per test process; each test database is a cheap copy of it. */
function template(): Promise<void> {
  templateReady ??= (async () => {
    // templates left behind by test runs that were killed
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const stale = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'test_template_%'");
    await c.end();
    // only those of test processes that are gone: another run on this machine may be using its own
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    for (const { datname } of stale.rows) {
      if (!alive(Number(datname.slice("test_template_".length)))) await admin(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin(`CREATE DATABASE ${TEMPLATE}`);
    await migrate({ databaseUrl: urlFor(TEMPLATE), root: projectRoot });
    // the schema engine's connections may outlive migrate(); a template must have no sessions
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE}' AND pid <> pg_backend_pid()`);
  })();
  return templateReady;
}

export type TestDb = { name: string; url: string; db: Db; pool: pg.Pool; drop: () => Promise<void> };

/** A fresh, migrated database on the real PostgreSQL; `sessionTimeZone` sets the database's default TimeZone. */
export async function createTestDatabase(name: string, options: { sessionTimeZone?: string } = {}): Promise<TestDb> {
  await template();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  if (options.sessionTimeZone) await admin(`ALTER DATABASE ${name} SET timezone TO '${options.sessionTimeZone}'`);
  const url = urlFor(name);
  const { db, pool, close } = connectDb(url);
  return {
    name, url, db, pool,
    drop: async () => {
      await close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function dropTemplate() {
  if (templateReady) await admin(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
}
