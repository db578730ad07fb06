// Applies prisma/migrations with Prisma's WebAssembly schema engine over the pg driver adapter, because the
// native engine cannot be downloaded on these machines. Same folders and _prisma_migrations table as
// `prisma migrate deploy`, so deployments with internet can use the normal CLI.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";

type Cfg = { host: string; port: number; user: string; password: string; database: string };

let wasmReady = false;
function loadWasm() {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"), "../schema_engine_bg.wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), { "./schema_engine_bg.js": engineModule });
  engineModule.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  // The adapter cannot deserialize PostgreSQL's internal "char" type (OID 18) that introspection returns.
  for (const C of [pg.Pool, pg.Client] as unknown as { prototype: { query: (...a: unknown[]) => unknown } }[]) {
    const query = C.prototype.query;
    C.prototype.query = function (...args: unknown[]) {
      const r = query.apply(this, args) as { then?: unknown } | undefined;
      return r && typeof r.then === "function"
        ? (r as Promise<{ fields?: { dataTypeID: number }[] }>).then((x) => {
            x?.fields?.forEach((f) => { if (f.dataTypeID === 18) f.dataTypeID = 25; });
            return x;
          })
        : r;
    };
  }
  wasmReady = true;
}

function configFrom(url: string): Cfg {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) };
}

async function admin(cfg: Cfg, sql: string) {
  const c = new pg.Client(cfg);
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

export async function migrate(options: { databaseUrl: string; root?: string }): Promise<string[]> {
  loadWasm();
  const cfg = configFrom(options.databaseUrl);
  const root = options.root ?? process.cwd();
  const dir = path.join(root, "prisma/migrations");
  const schemaPath = path.join(root, "prisma/schema.prisma");
  const content = fs.readFileSync(schemaPath, "utf8");
  const filters = { externalTables: [], externalEnums: [] };
  const lock = path.join(dir, "migration_lock.toml");
  const read = (f: string) => fs.readFileSync(f, "utf8");
  const list = () => ({
    baseDir: dir,
    shadowDbInitScript: "",
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? read(lock) : null },
    migrationDirectories: (fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory()).sort() : [])
      .map((d) => ({ path: d, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: read(path.join(dir, d, "migration.sql")) } } })),
  });
  const engine = await engineModule.SchemaEngine.new({ datamodels: [[schemaPath, content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(new PrismaPg(cfg)));
  const applied = await engine.applyMigrations({ migrationsList: list(), filters });
  return applied.appliedMigrationNames as string[];
}

/**
 * The SQL that takes a database from one schema.prisma to another, without any database: how new migrations are
 * written on machines without the native engine (`npm run cli -- db diff <old schema.prisma>`).
 */
export async function schemaDiffSql(fromSchema: string, toSchema: string): Promise<string> {
  loadWasm();
  const cfg = configFrom("postgresql://postgres@127.0.0.1:5432/postgres");
  const engine = await engineModule.SchemaEngine.new({ datamodels: [["schema.prisma", toSchema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(new PrismaPg(cfg)));
  const out = await engine.diff({
    from: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromSchema }] },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toSchema }] },
    script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] },
  });
  return out.stdout ?? "";
}
