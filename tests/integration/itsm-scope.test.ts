// Who sees which work orders, requests and files: a provider user only their provider's, a tenant user only their
// department's, in the lib (list, get, timeline, attachment download) and through the routes (the REST API with a
// token, the attachment upload and download, the xlsx export). Out of scope is "not found", never "forbidden".
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

// attachments go to DATA_DIR, read once when lib/env loads: a directory of this test's own
const dataDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/itsm-scope-${process.pid}`;
  process.env.DATA_DIR = dir;
  return dir;
});

import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createUser } from "../../lib/auth/users";
import type { DbContext } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { readXlsxRows } from "../../lib/export/table-xlsx";
import { attachmentForDownload, saveAttachment } from "../../lib/itsm/attachments";
import { getRequest, listRequests, reviewRequest, submitRequest } from "../../lib/itsm/requests";
import { getWorkOrderDetail, getWorkOrderTimeline } from "../../lib/itsm/work-order-detail";
import { listWorkOrders } from "../../lib/itsm/work-orders";
import { importReference } from "../../lib/reference/import-reference";
import { ensureSlaDefaults } from "../../lib/sla/ensure-defaults";
import { ensureDefaultDictionaries } from "../../lib/system/dictionaries";
import { referenceDir } from "../support/paths";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

// the routes take the process-wide connection; point it at this test's database
let current: DbContext;
vi.mock("../../lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../lib/db")>()), getDb: () => current }));
const listRoute = await import("../../app/api/v1/work-orders/route");
const getRoute = await import("../../app/api/v1/work-orders/[id]/route");
const actionsRoute = await import("../../app/api/v1/work-orders/[id]/actions/route");
const requestsRoute = await import("../../app/api/v1/requests/route");
const uploadRoute = await import("../../app/api/attachments/route");
const downloadRoute = await import("../../app/api/attachments/[id]/route");
const exportRoute = await import("../../app/api/export/work-orders/route");

let t: TestDb;
const actors = {} as Record<"sup" | "wjw" | "jw" | "ct" | "cu", Actor>;
const tokens = {} as Record<"wjw" | "jw" | "ct" | "cu", string>;
let ctOrder: { id: number; number: string; requestId: number };
let cuOrder: { id: number; number: string };
let orderFile: number;
let requestFile: number;

const notFound = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).status).toBe(404);
};
const bearer = (who: keyof typeof tokens, init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${tokens[who]}` } });
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

beforeAll(async () => {
  t = await createTestDatabase("itsm_scope");
  current = { db: t.db, pool: t.pool, close: async () => {} };
  await importReference(t.db, referenceDir);
  await ensureDefaultDictionaries(t.db);
  await ensureSlaDefaults(t.db);
  const dept = async (code: string) => (await t.db.department.findUniqueOrThrow({ where: { code } })).id;
  const provider = async (code: string) => (await t.db.provider.findUniqueOrThrow({ where: { code } })).id;
  const users = {
    sup: await createUser(t.db, { username: "sup", password: "password-1", displayName: "监管员", role: "supervisor" }),
    wjw: await createUser(t.db, { username: "wjw", password: "password-1", displayName: "卫健委用户", role: "tenant", departmentId: await dept("WJW") }),
    jw: await createUser(t.db, { username: "jw", password: "password-1", displayName: "教委用户", role: "tenant", departmentId: await dept("JW") }),
    ct: await createUser(t.db, { username: "ct", password: "password-1", displayName: "电信工程师", role: "provider", providerId: await provider("CT") }),
    cu: await createUser(t.db, { username: "cu", password: "password-1", displayName: "联通工程师", role: "provider", providerId: await provider("CU") }),
  };
  for (const k of Object.keys(users) as (keyof typeof users)[]) actors[k] = (await loadActorByUsername(t.db, k))!;
  for (const k of ["wjw", "jw", "ct", "cu"] as const) tokens[k] = (await createApiToken(t.db, { userId: users[k].id, name: k })).token;

  const report = (actor: Actor, providerId: number, title: string) => submitRequest(t.db, actor, {
    kind: "fault", providerId, faultCategory: "network", severity: "p3", templateCode: "fault", title, description: title, fields: { impact: "业务", occurredOn: "2026-01-05" },
  });
  const a = await report(actors.wjw, actors.ct.providerId!, "卫健委专线中断");
  const ra = await reviewRequest(t.db, actors.sup, a.id, { decision: "approved" });
  ctOrder = { id: ra.workOrderId!, number: ra.workOrderNumber!, requestId: a.id };
  const b = await report(actors.jw, actors.cu.providerId!, "教委机房断电");
  const rb = await reviewRequest(t.db, actors.sup, b.id, { decision: "approved" });
  cuOrder = { id: rb.workOrderId!, number: rb.workOrderNumber! };
  orderFile = (await saveAttachment(t.db, actors.ct, { fileName: "现场照片.png", data: PNG, target: { workOrderId: ctOrder.id } })).id;
  requestFile = (await saveAttachment(t.db, actors.wjw, { fileName: "error.txt", data: Buffer.from("502 Bad Gateway\n"), target: { requestId: a.id } })).id;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("in the lib", () => {
  test("a provider user sees only their provider's work orders: list, get, timeline, files", async () => {
    expect((await listWorkOrders(t.db, actors.cu, { tab: "all" })).rows.map((r) => r.number)).toEqual([cuOrder.number]);
    expect((await listWorkOrders(t.db, actors.ct, { tab: "all" })).rows.map((r) => r.number)).toEqual([ctOrder.number]);
    expect((await listWorkOrders(t.db, actors.cu, { tab: "all", q: ctOrder.number })).total).toBe(0);
    await notFound(getWorkOrderDetail(t.db, actors.cu, ctOrder.id));
    await notFound(getWorkOrderTimeline(t.db, actors.cu, ctOrder.id));
    await notFound(attachmentForDownload(t.db, actors.cu, orderFile));
    await notFound(attachmentForDownload(t.db, actors.cu, requestFile));
    await notFound(getRequest(t.db, actors.cu, ctOrder.requestId));
    // the order's own provider sees its files and its request's
    expect((await attachmentForDownload(t.db, actors.ct, orderFile)).fileName).toBe("现场照片.png");
    expect((await attachmentForDownload(t.db, actors.ct, requestFile)).fileName).toBe("error.txt");
    expect((await getWorkOrderDetail(t.db, actors.ct, ctOrder.id)).attachments.map((a) => [a.fileName, a.scope])).toEqual([["error.txt", "request"], ["现场照片.png", "work-order"]]);
    expect((await getWorkOrderTimeline(t.db, actors.ct, ctOrder.id)).map((e) => e.action)).toEqual(["submit", "approve", "attach", "create", "attach"]);
  });

  test("a tenant user sees only their department's requests, orders and files", async () => {
    expect((await listWorkOrders(t.db, actors.wjw, { tab: "all" })).rows.map((r) => r.number)).toEqual([ctOrder.number]);
    expect((await listWorkOrders(t.db, actors.jw, { tab: "all" })).rows.map((r) => r.number)).toEqual([cuOrder.number]);
    expect((await listRequests(t.db, actors.jw, {})).rows.map((r) => r.title)).toEqual(["教委机房断电"]);
    await notFound(getWorkOrderDetail(t.db, actors.jw, ctOrder.id));
    await notFound(getRequest(t.db, actors.jw, ctOrder.requestId));
    await notFound(attachmentForDownload(t.db, actors.jw, orderFile));
    expect((await attachmentForDownload(t.db, actors.wjw, orderFile)).size).toBe(PNG.length);
    expect((await listWorkOrders(t.db, actors.sup, { tab: "all" })).total).toBe(2);
  });

  test("files: a draft is only its uploader's; a renamed executable and an unknown type are refused", async () => {
    const draft = await saveAttachment(t.db, actors.wjw, { fileName: "草稿.pdf", data: Buffer.from("%PDF-1.4\n%%EOF\n") });
    expect(draft.scope).toBe("draft");
    await notFound(attachmentForDownload(t.db, actors.jw, draft.id));
    expect((await attachmentForDownload(t.db, actors.wjw, draft.id)).mimeType).toBe("application/pdf");
    await expect(saveAttachment(t.db, actors.wjw, { fileName: "setup.pdf", data: Buffer.from("MZ\x90\x00") })).rejects.toThrow("文件内容与扩展名 .pdf 不符");
    await expect(saveAttachment(t.db, actors.wjw, { fileName: "run.exe", data: Buffer.from("MZ") })).rejects.toThrow("不支持的文件类型");
    await expect(saveAttachment(t.db, actors.cu, { fileName: "x.txt", data: Buffer.from("x"), target: { workOrderId: ctOrder.id } })).rejects.toMatchObject({ status: 404 });
    // the same content is stored once, by its hash
    expect(fs.readdirSync(path.join(dataDir, "attachments")).filter((f) => !f.startsWith(".")).length).toBe(3);
  });
});

describe("through the routes", () => {
  test("the REST API with a token: list, get with timeline, actions", async () => {
    const list = await listRoute.GET(new Request("http://portal.test/api/v1/work-orders?tab=all", bearer("cu")));
    expect(list.status).toBe(200);
    expect((await list.json()).rows.map((r: { number: string }) => r.number)).toEqual([cuOrder.number]);
    expect((await listRoute.GET(new Request("http://portal.test/api/v1/work-orders"))).status).toBe(401);
    expect((await listRoute.GET(new Request("http://portal.test/api/v1/work-orders?severity=p9", bearer("cu")))).status).toBe(400);

    const hidden = await getRoute.GET(new Request(`http://portal.test/api/v1/work-orders/${ctOrder.id}`, bearer("cu")), params(ctOrder.id));
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).error.code).toBe("workorder.not-found");
    const own = await getRoute.GET(new Request(`http://portal.test/api/v1/work-orders/${ctOrder.id}`, bearer("ct")), params(ctOrder.id));
    const body = await own.json();
    expect([own.status, body.number, body.actions.includes("accept")]).toEqual([200, ctOrder.number, true]);
    expect(body.timeline.map((e: { action: string }) => e.action)).toContain("create");

    const post = (who: keyof typeof tokens, id: number, payload: unknown) =>
      actionsRoute.POST(new Request(`http://portal.test/api/v1/work-orders/${id}/actions`, bearer(who, { method: "POST", body: JSON.stringify(payload), headers: { "Content-Type": "application/json" } })), params(id));
    expect((await post("cu", ctOrder.id, { action: "accept" })).status).toBe(404);
    const refused = await post("wjw", ctOrder.id, { action: "accept" });
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, "workorder.forbidden"]);
    expect((await post("ct", ctOrder.id, { action: "fly" })).status).toBe(400);
    const accepted = await post("ct", ctOrder.id, { action: "accept", comment: "已到场" });
    expect([accepted.status, (await accepted.json()).status]).toEqual([200, "in-progress"]);
    const again = await post("ct", ctOrder.id, { action: "accept" });
    expect([again.status, (await again.json()).error.message]).toEqual([409, "工单已被接单"]);

    const requests = await requestsRoute.GET(new Request("http://portal.test/api/v1/requests", bearer("jw")));
    expect((await requests.json()).rows.map((r: { title: string }) => r.title)).toEqual(["教委机房断电"]);
  });

  test("attachment upload and download check the scope of what they belong to", async () => {
    const get = (who: keyof typeof tokens, id: number) => downloadRoute.GET(new Request(`http://portal.test/api/attachments/${id}`, bearer(who)), params(id));
    expect((await get("cu", orderFile)).status).toBe(404);
    expect((await get("jw", requestFile)).status).toBe(404);
    const ok = await get("ct", requestFile);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain("filename*=UTF-8''error.txt");
    expect(await ok.text()).toBe("502 Bad Gateway\n");

    const upload = (who: keyof typeof tokens, fields: Record<string, string>, file: File) => {
      const form = new FormData();
      form.set("file", file);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return uploadRoute.POST(new Request("http://portal.test/api/attachments", bearer(who, { method: "POST", body: form })));
    };
    expect((await upload("cu", { workOrderId: String(ctOrder.id) }, new File(["x"], "x.txt"))).status).toBe(404);
    const added = await upload("ct", { workOrderId: String(ctOrder.id) }, new File(["处理记录"], "记录.txt"));
    expect(added.status).toBe(201);
    expect((await added.json()).scope).toBe("work-order");
    expect((await upload("ct", { workOrderId: String(ctOrder.id) }, new File(["x"], "a.exe"))).status).toBe(400);
  });

  test("the export holds only the user's own orders", async () => {
    const xlsx = async (who: keyof typeof tokens) => {
      const res = await exportRoute.GET(new Request("http://portal.test/api/export/work-orders?tab=all", bearer(who)));
      expect(res.status).toBe(200);
      return (await readXlsxRows(await res.arrayBuffer())).rows.map((r) => r.values["编号"]);
    };
    expect(await xlsx("cu")).toEqual([cuOrder.number]);
    expect(await xlsx("ct")).toEqual([ctOrder.number]);
    expect(await xlsx("wjw")).toEqual([ctOrder.number]);
    expect(await xlsx("jw")).toEqual([cuOrder.number]);
  });
});

