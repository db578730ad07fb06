import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import { importReference } from "../../lib/reference/import-reference";
import { referenceDir } from "../support/paths";
import { createTestDatabase, type TestDb } from "../support/test-db";

describe("the actor behind a session", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDatabase("it_actor");
    await importReference(t.db, referenceDir);
  });
  afterAll(async () => t.drop());

  it("follows the database: a role or department change applies at once, a disabled user has none", async () => {
    const [wjw, jw] = await Promise.all(["WJW", "JW"].map((code) => t.db.department.findUniqueOrThrow({ where: { code } })));
    const u = await createUser(t.db, { username: "tenant1", password: "password-1", displayName: "租户", role: "tenant", departmentId: wjw.id });
    expect(await loadActor(t.db, u.id)).toMatchObject({ role: "tenant", departmentId: wjw.id });
    await t.db.user.update({ where: { id: u.id }, data: { departmentId: jw.id } });
    expect(await loadActor(t.db, u.id)).toMatchObject({ departmentId: jw.id });
    await t.db.user.update({ where: { id: u.id }, data: { enabled: false } });
    expect(await loadActor(t.db, u.id)).toBeNull();
  });
});
