// GET /api/v1/bills through its route handler against a real database: token checks, input checks, and the
// token user's scope in the result.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createApiToken, revokeApiToken } from "../../lib/auth/api-tokens";
import { ALL } from "../../lib/auth/scope";
import { createUser } from "../../lib/auth/users";
import { listBills } from "../../lib/billing/list-bills";
import type { DbContext } from "../../lib/db";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

// The route takes the process-wide connection; point it at this test's database.
let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const { GET } = await import("../../app/api/v1/bills/route");

let t: TestDb;
const tokens: Record<"supervisor" | "tenant" | "provider" | "revoked", string> = { supervisor: "", tenant: "", provider: "", revoked: "" };

const call = (query: string, token?: string) => GET(new Request(`http://portal.test/api/v1/bills${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }));

beforeAll(async () => {
  t = await createTestDatabase("it_api_bills");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  await runCase(t, path.join(casesDir, "c01-basic-spaced"));
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  const ct = await t.db.provider.findUniqueOrThrow({ where: { code: "CT" } });
  const users = {
    supervisor: await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管", role: "supervisor" }),
    tenant: await createUser(t.db, { username: "wjw", password: "password-1", displayName: "卫健委", role: "tenant", departmentId: wjw.id }),
    provider: await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信", role: "provider", providerId: ct.id }),
  };
  for (const k of ["supervisor", "tenant", "provider"] as const) tokens[k] = (await createApiToken(t.db, { userId: users[k].id, name: k })).token;
  const revoked = await createApiToken(t.db, { userId: users.supervisor.id, name: "old" });
  await revokeApiToken(t.db, { userId: users.supervisor.id, tokenId: revoked.id });
  tokens.revoked = revoked.token;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("GET /api/v1/bills", () => {
  test("401 with a JSON error without a valid bearer token", async () => {
    for (const res of [await call("?month=2025-03"), await call("?month=2025-03", "csp_unknown"), await call("?month=2025-03", tokens.revoked)]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    const basic = await GET(new Request("http://portal.test/api/v1/bills?month=2025-03", { headers: { Authorization: `Basic ${tokens.supervisor}` } }));
    expect(basic.status).toBe(401);
  });

  test("400 with a message for a missing or malformed month", async () => {
    for (const query of ["", "?month=2025-3", "?month=2025-13", "?month=march"]) {
      const res = await call(query, tokens.supervisor);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/month/);
    }
  });

  test("a supervisor gets every department's bills, exactly as the CLI prints them", async () => {
    const res = await call("?month=2025-03", tokens.supervisor);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(await listBills(t.db, { month: "2025-03", scope: ALL }));
    expect(body.map((b: { department: string }) => b.department)).toEqual(["JW", "WJW"]);
  });

  test("a tenant user's token sees only their department; a provider user's sees no bills", async () => {
    const tenant = await (await call("?month=2025-03", tokens.tenant)).json();
    expect(tenant.map((b: { department: string }) => b.department)).toEqual(["WJW"]);
    expect(await (await call("?month=2025-03", tokens.provider)).json()).toEqual([]);
  });

  test("a month without bills is an empty list", async () => {
    expect(await (await call("?month=2024-01", tokens.supervisor)).json()).toEqual([]);
  });
});
