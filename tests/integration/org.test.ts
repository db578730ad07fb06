// The org tree on the real PostgreSQL: moving a project moves its usage to the other department's bill once
// re-rated, a discount change reports the open months to rebuild, and a department-scoped admin stays in scope.
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import { closeMonth } from "../../lib/billing/close-month";
import { listBills } from "../../lib/billing/list-bills";
import { refreshBills } from "../../lib/billing/refresh-bills";
import { rerateAndRebill } from "../../lib/billing/rerate-and-rebill";
import { ALL } from "../../lib/auth/scope";
import { getOrgTree, saveDepartment, saveProject, saveVdc } from "../../lib/org/manage-org";
import { casesDir } from "../support/paths";
import { runCase } from "../support/run-case";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let admin: Actor;
let jwAdmin: Actor;
const MONTH = "2025-03";
const nets = async () => Object.fromEntries((await listBills(t.db, { month: MONTH, scope: ALL })).map((b) => [b.department, b.net]));

beforeAll(async () => {
  t = await createTestDatabase("it_org");
  await runCase(t, path.join(casesDir, "c01-basic-spaced")); // JW 0.06 and WJW 0.81
  await createUser(t.db, { username: "adm", password: "password-1", displayName: "管理员", role: "admin" });
  admin = (await loadActorByUsername(t.db, "adm"))!;
  await t.db.role.create({ data: { code: "jw-org", name: "教委组织管理", permissions: ["home.read", "system.org"], scopeKind: "org" } });
  const jw = await t.db.department.findUniqueOrThrow({ where: { code: "JW" } });
  await createUser(t.db, { username: "jworg", password: "password-1", displayName: "教委管理员", role: "jw-org", departmentId: jw.id });
  jwAdmin = (await loadActorByUsername(t.db, "jworg"))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

test("moving a project to another department's VDC moves its usage onto that bill after re-rating, audited", async () => {
  expect(await nets()).toEqual({ JW: "0.06", WJW: "0.81" });
  const tree = await getOrgTree(t.db, admin);
  const jwVdc = tree.departments.find((d) => d.code === "JW")!.vdcs[0];
  const jwProject = jwVdc.projects[0];
  const wjwVdc = tree.departments.find((d) => d.code === "WJW")!.vdcs[0];
  expect(await saveProject(t.db, admin, { id: jwProject.id, projectId: jwProject.projectId, name: jwProject.name, vdcId: wjwVdc.id })).toMatchObject({ rerate: true });
  await rerateAndRebill(t);
  expect(await nets()).toEqual({ WJW: "0.87" });
  expect(await t.db.auditEvent.count({ where: { action: "org.project-update", entityId: jwProject.projectId } })).toBe(1);
  // and back
  await saveProject(t.db, admin, { id: jwProject.id, projectId: jwProject.projectId, name: jwProject.name, vdcId: jwVdc.id });
  await rerateAndRebill(t);
  expect(await nets()).toEqual({ JW: "0.06", WJW: "0.81" });
});

test("a discount change reports the open months to rebuild, and the rebuilt bill applies it", async () => {
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" } });
  expect(await saveDepartment(t.db, admin, { id: wjw.id, code: "WJW", name: wjw.name, discountRate: "0.50" })).toEqual({ id: wjw.id, rebuild: [MONTH] });
  await refreshBills(t, MONTH);
  expect((await nets()).WJW).toBe("0.41"); // each line's net is rounded on its own (0.81 of lines, not 0.81 x 0.5)
  // the same rate again changes nothing to rebuild; a closed month is never reported
  expect((await saveDepartment(t.db, admin, { id: wjw.id, code: "WJW", name: wjw.name, discountRate: "0.5" })).rebuild).toEqual([]);
  await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管", role: "supervisor" });
  await closeMonth(t, (await loadActorByUsername(t.db, "sup"))!, MONTH);
  expect((await saveDepartment(t.db, admin, { id: wjw.id, code: "WJW", name: wjw.name, discountRate: "" })).rebuild).toEqual([]);
  await expect(saveDepartment(t.db, admin, { id: wjw.id, code: "WJW", name: wjw.name, discountRate: "1.5" })).rejects.toThrow();
});

test("a department-scoped admin sees and changes only their department's tree", async () => {
  const tree = await getOrgTree(t.db, jwAdmin);
  expect(tree.departments.map((d) => d.code)).toEqual(["JW"]);
  expect(tree.providers).toEqual([]);
  const wjw = await t.db.department.findUniqueOrThrow({ where: { code: "WJW" }, include: { vdcs: true } });
  const jwVdc = tree.departments[0].vdcs[0];
  await expect(saveVdc(t.db, jwAdmin, { id: jwVdc.id, code: jwVdc.code, name: jwVdc.name, departmentId: wjw.id })).rejects.toThrow(/数据范围/);
  await expect(saveVdc(t.db, jwAdmin, { id: wjw.vdcs[0].id, code: wjw.vdcs[0].code, name: "改名", departmentId: tree.departments[0].id })).rejects.toThrow(/不存在/);
  await expect(saveDepartment(t.db, jwAdmin, { code: "NEW", name: "新单位" })).rejects.toThrow(/全部数据范围/);
  await expect(saveDepartment(t.db, jwAdmin, { id: wjw.id, code: "WJW", name: "改名" })).rejects.toThrow(/不存在/);
  await expect(saveProject(t.db, jwAdmin, { projectId: "p-new", name: "新项目", vdcId: wjw.vdcs[0].id })).rejects.toThrow(/数据范围/);
  expect(await saveProject(t.db, jwAdmin, { projectId: "p-new", name: "新项目", vdcId: jwVdc.id })).toMatchObject({ rerate: true });
  await expect(saveVdc(t.db, jwAdmin, { code: jwVdc.code, name: "重复", departmentId: tree.departments[0].id })).rejects.toThrow(/编码已存在/);
});
