// GET /api/messages/unread through its route handler: the signed-in user's own count and latest five, nobody else's.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import type { DbContext } from "../../lib/db";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let current: DbContext;
let signedIn: Actor | null = null;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
vi.mock("../../app/_server/actor", () => ({ getActor: async () => signedIn }));
const { GET } = await import("../../app/api/messages/unread/route");

let t: TestDb;

beforeAll(async () => {
  t = await createTestDatabase("it_messages_bell_route");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  const a = await createUser(t.db, { username: "alice", password: "password-1", displayName: "A", role: "supervisor" });
  const b = await createUser(t.db, { username: "bob", password: "password-1", displayName: "B", role: "supervisor" });
  const at = (m: number) => new Date(Date.parse("2026-12-04T02:00:00Z") + m * 60_000);
  for (let i = 0; i < 7; i++) {
    await t.db.notification.create({ data: { userId: a.id, eventType: "bill.ready", dedupKey: `bill.ready|bill:${i}`, title: `A${i}`, body: "", createdAt: at(i), readAt: i < 2 ? at(i) : null } });
  }
  await t.db.notification.create({ data: { userId: b.id, eventType: "bill.ready", dedupKey: "x", title: "B0", body: "", createdAt: at(10) } });
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

test("answers 401 when signed out", async () => {
  signedIn = null;
  expect((await GET()).status).toBe(401);
});

test("gives the user's unread count and their latest five, newest first", async () => {
  signedIn = await loadActorByUsername(t.db, "alice");
  const res = await GET();
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const body = await res.json();
  expect(body.unread).toBe(5);
  expect(body.latest.map((n: { title: string }) => n.title)).toEqual(["A6", "A5", "A4", "A3", "A2"]);
  signedIn = await loadActorByUsername(t.db, "bob");
  expect(await (await GET()).json()).toMatchObject({ unread: 1, latest: [{ title: "B0", readAt: null }] });
});
