// Operations CLI: npm run cli -- <command>. JSON goes to stdout, progress to stderr.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createApiToken } from "../lib/auth/api-tokens";
import { createUser } from "../lib/auth/users";
import { recordAudit } from "../lib/audit/record-audit";
import { loadActorByUsername } from "../lib/auth/actor";
import { can, type Permission } from "../lib/auth/permissions";
import { ALL, type DataScope } from "../lib/auth/scope";
import { listBills } from "../lib/billing/list-bills";
import { refreshBills } from "../lib/billing/refresh-bills";
import { rerateAndRebill } from "../lib/billing/rerate-and-rebill";
import { connectDb } from "../lib/db";
import { migrate, schemaDiffSql } from "../lib/db/migrate";
import { ensureDefaults } from "../lib/system/ensure-defaults";
import { requireDatabaseUrl } from "../lib/env";
import { AppError } from "../lib/errors";
import { ingestLocalFile } from "../lib/metering/ingest-local-file";
import { listExceptions } from "../lib/metering/list-exceptions";
import { listFileSummaries } from "../lib/metering/list-files";
import { listLocalTree } from "../lib/metering/list-local-tree";
import { importReference } from "../lib/reference/import-reference";
import { isMonth } from "../lib/time/shanghai";

const USAGE = `usage: npm run cli -- <command>
  db migrate                                   apply prisma/migrations to DATABASE_URL and ensure the default settings
  db diff <old schema.prisma>                  print the SQL from that schema to prisma/schema.prisma (for a new migration)
  reference import <dir>                       providers.csv, tenants.csv, catalog.csv (then re-rates usage)
  ingest <dir> [--order <file>] [--source <name>]   a local folder laid out like the SFTP root
  files --json                                 every file (latest version) with status, records, error lines
  bills --month YYYY-MM --json [--as <user>]   the month's bills (--as: only what that user may see)
  billing rebuild --month YYYY-MM              rebuild a month's bills
  exceptions --json [--as <user>]              unassigned and unrated usage
  rerate                                       rate stored usage again with the current catalog and mappings
  token create --user <username> [--name <n>]  an API token for GET /api/v1/...
  user create --user <username> --password <p> --role <code> --name <display name> [--department <code>] [--provider <code>]
                                               a login of any role (the portal lets an operator grant only what they hold)`;

function args() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { json: { type: "boolean" }, month: { type: "string" }, order: { type: "string" }, source: { type: "string" }, user: { type: "string" }, name: { type: "string" }, as: { type: "string" },
        password: { type: "string" }, role: { type: "string" }, department: { type: "string" }, provider: { type: "string" } },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}
const { positionals, values } = args();
const [cmd, sub, arg] = positionals;
// changes made from the command line are audited under the operating system's user name
const CLI_ACTOR = { userId: null, name: `命令行（${os.userInfo().username}）` };
const out = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + "\n");
const log = (s: string) => process.stderr.write(s + "\n");

function month(): string {
  if (!values.month) throw new AppError("cli.month", "--month YYYY-MM is required, e.g. --month 2025-03");
  if (!isMonth(values.month)) throw new AppError("cli.month", `--month must be YYYY-MM (e.g. 2025-03), not '${values.month}'`);
  return values.month;
}

/** The scope of the queries: everything for the operator, or that of the user named by --as (the portal's rules, from the database). */
async function scope(db: Parameters<typeof loadActorByUsername>[0], permission: Permission): Promise<DataScope> {
  if (!values.as) return ALL;
  const actor = await loadActorByUsername(db, values.as);
  if (!actor) throw new AppError("cli.user", `--as: no enabled user named ${values.as}`);
  if (!can(actor, permission)) throw new AppError("cli.forbidden", `--as: ${values.as} may not read this (permission ${permission})`);
  return actor.scope;
}

async function main() {
  if (cmd === "db" && sub === "migrate") {
    const applied = await migrate({ databaseUrl: requireDatabaseUrl() });
    log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    const ctx = connectDb();
    try { await ensureDefaults(ctx.db); } finally { await ctx.close(); }
    log("defaults ensured (dictionaries, working calendar, SLA policies, templates, alarm and message settings)");
    return;
  }
  if (cmd === "db" && sub === "diff" && arg) {
    process.stdout.write(await schemaDiffSql(fs.readFileSync(arg, "utf8"), fs.readFileSync("prisma/schema.prisma", "utf8")));
    return;
  }
  const ctx = connectDb();
  const { db, pool } = ctx;
  try {
    switch (cmd) {
      case "reference": {
        if (sub !== "import" || !arg) throw new AppError("cli.usage", USAGE);
        out(await importReference(db, path.resolve(arg)));
        const { changed, months } = await rerateAndRebill(ctx);
        if (changed) log(`re-rated ${changed} usage rows; rebuilt bills for ${months.join(", ")}`);
        return;
      }
      case "ingest": {
        if (!sub) throw new AppError("cli.usage", USAGE);
        const root = path.resolve(sub);
        const order = values.order ? fs.readFileSync(values.order, "utf8").split(/\r?\n/) : undefined;
        const files = listLocalTree(root, order);
        const months = new Set<string>();
        const counts: Record<string, number> = {};
        let i = 0;
        for (const rel of files) {
          const r = await ingestLocalFile(ctx, { source: values.source ?? "local", path: rel, localPath: path.join(root, rel) });
          r.months.forEach((m) => months.add(m));
          counts[r.status] = (counts[r.status] ?? 0) + 1;
          if (++i % 500 === 0 || i === files.length) log(`ingest: ${i}/${files.length} files ${JSON.stringify(counts)}`);
        }
        for (const m of [...months].sort()) await refreshBills(ctx, m);
        log(`bills rebuilt for ${[...months].sort().join(", ") || "no month"}`);
        return;
      }
      case "files":
        out(await listFileSummaries(db));
        return;
      case "bills":
        out(await listBills(db, { month: month(), scope: await scope(db, "billing.read") }));
        return;
      case "billing":
        if (sub !== "rebuild") throw new AppError("cli.usage", USAGE);
        {
          const result = await refreshBills(ctx, month());
          await recordAudit(db, { actor: CLI_ACTOR, action: "billing.rebuild", entity: "billing-month", entityId: month(), summary: result.closed ? `${month()} 已月结，账单未重建` : `重建 ${month()} 的账单：${result.bills} 张，${result.lines} 行`, after: result });
          out(result);
        }
        return;
      case "exceptions":
        out(await listExceptions(pool, await scope(db, "metering.exceptions.read")));
        return;
      case "rerate": {
        const result = await rerateAndRebill(ctx, { onProgress: (n) => log(`rerate: ${n} rows`) });
        await recordAudit(db, { actor: CLI_ACTOR, action: "billing.rerate", entity: "billing", summary: `重新计费（命令行）：${result.changed} 条用量改变，重建账单 ${result.months.join("、") || "无"}`, after: result });
        out(result);
        return;
      }
      case "token": {
        if (sub !== "create" || !values.user) throw new AppError("cli.usage", USAGE);
        const user = await db.user.findUnique({ where: { username: values.user } });
        if (!user) throw new AppError("cli.user", `no user named ${values.user}`);
        const t = await createApiToken(db, { userId: user.id, name: values.name ?? "cli" });
        out({ token: t.token, name: t.name });
        return;
      }
      case "user": {
        if (sub !== "create" || !values.user || !values.password || !values.role || !values.name) throw new AppError("cli.usage", USAGE);
        const departmentId = values.department ? (await db.department.findUnique({ where: { code: values.department } }))?.id : null;
        const providerId = values.provider ? (await db.provider.findUnique({ where: { code: values.provider } }))?.id : null;
        if (departmentId === undefined) throw new AppError("cli.department", `no department with code ${values.department}`);
        if (providerId === undefined) throw new AppError("cli.provider", `no provider with code ${values.provider}`);
        const u = await createUser(db, { username: values.user, password: values.password, role: values.role, displayName: values.name, departmentId, providerId });
        out({ id: u.id, username: u.username, role: u.role });
        return;
      }
      default:
        throw new AppError("cli.usage", USAGE);
    }
  } finally {
    await ctx.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    log(e instanceof AppError ? e.message : e instanceof ZodError ? e.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n") : `error: ${e?.stack ?? e}`);
    process.exit(1);
  },
);
