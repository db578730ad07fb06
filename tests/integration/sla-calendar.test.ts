// The working calendar, SLA policies and templates against a real database: the package import (manual
// overrides survive it), overrides and working hours as the clock sees them, policies with their fallback,
// template validation, the idempotent defaults, and an audit event for every change.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadActorByUsername, type Actor } from "../../lib/auth/actor";
import { createUser } from "../../lib/auth/users";
import { AppError } from "../../lib/errors";
import { dueAt } from "../../lib/sla/clock";
import {
  importHolidays, listCalendarDays, loadWorkingCalendar, loadWorkingHours, removeCalendarDay, setCalendarDay, updateWorkingHours,
} from "../../lib/sla/calendar";
import { ensureSlaDefaults } from "../../lib/sla/ensure-defaults";
import { packageYears } from "../../lib/sla/holiday-package";
import { DEFAULT_SLA_TARGETS, listSlaPolicies, policyFor, saveSlaPolicy } from "../../lib/sla/policies";
import { getTemplate, listTemplates, saveTemplate, validateTemplateFields } from "../../lib/sla/templates";
import { ensureDefaultDictionaries } from "../../lib/system/dictionaries";
import { createTestDatabase, dropTemplate, type TestDb } from "../support/test-db";

let t: TestDb;
let admin: Actor;
let leader: Actor;

const sh = (text: string) => { const [d, hm] = text.split(" "); const [h, m] = hm.split(":").map(Number); return new Date(Date.parse(`${d}T00:00:00Z`) + ((h - 8) * 60 + m) * 60_000); };
const auditOf = (action: string) => t.db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return { code: e.code, status: e.status, message: e.message, fieldErrors: (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors };
};
const zodFailure = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x) as { issues?: { path: PropertyKey[]; message: string }[] } | null;
  return (e?.issues ?? []).map((i) => [i.path.join("."), i.message]);
};

beforeAll(async () => {
  t = await createTestDatabase("it_sla_calendar");
  await createUser(t.db, { username: "sla-admin", password: "admin-pass-1", displayName: "管理员", role: "supervisor" });
  await createUser(t.db, { username: "sla-leader", password: "leader-pass-1", displayName: "领导", role: "leader" });
  admin = (await loadActorByUsername(t.db, "sla-admin"))!;
  leader = (await loadActorByUsername(t.db, "sla-leader"))!;
});

afterAll(async () => {
  await t?.drop();
  await dropTemplate();
});

describe("the working calendar", () => {
  test("defaults to Monday–Friday 08:00–18:00 without a row", async () => {
    expect(await loadWorkingHours(t.db)).toEqual({ workWeekdays: [1, 2, 3, 4, 5], workStart: 480, workEnd: 1080 });
    const cal = await loadWorkingCalendar(t.db);
    expect(cal.days.size).toBe(0);
  });

  test("imports the package's 2024 holidays with names, audited; the clock then skips Labour Day", async () => {
    const result = await importHolidays(t.db, admin, [2024]);
    expect(result).toEqual({ years: [2024], created: 36, updated: 0, unchanged: 0, removed: 0, keptManual: 0 });
    const days = await listCalendarDays(t.db, 2024);
    expect(days.filter((d) => d.date >= "2024-04-28" && d.date <= "2024-05-11")).toEqual([
      { date: "2024-04-28", kind: "workday", name: "劳动节", nameEn: "Labour Day", source: "package" },
      ...["01", "02", "03", "04", "05"].map((d) => ({ date: `2024-05-${d}`, kind: "holiday", name: "劳动节", nameEn: "Labour Day", source: "package" })),
      { date: "2024-05-11", kind: "workday", name: "劳动节", nameEn: "Labour Day", source: "package" },
    ]);
    expect(days.find((d) => d.date === "2024-10-01")).toEqual({ date: "2024-10-01", kind: "holiday", name: "国庆节", nameEn: "National Day", source: "package" });
    const cal = await loadWorkingCalendar(t.db);
    expect(dueAt(cal, "working", sh("2024-04-26 17:00"), 240, [])).toEqual(sh("2024-04-28 11:00"));
    const audits = await auditOf("sla.calendar.import");
    expect(audits.map((a) => [a.actorName, a.summary])).toEqual([["管理员（sla-admin）", "从节假日数据包导入 2024 年：新增 36，更新 0，删除 0，保留人工设置 0"]]);
  });

  test("manual overrides survive an import; a removed package day comes back with the next import", async () => {
    await setCalendarDay(t.db, admin, { date: "2024-05-01", kind: "workday", name: "值班" });
    await setCalendarDay(t.db, admin, { date: "2024-12-31", kind: "holiday", name: "单位休假" });
    await removeCalendarDay(t.db, admin, "2024-06-10");
    expect((await listCalendarDays(t.db, 2024)).find((d) => d.date === "2024-06-10")).toBeUndefined();
    const result = await importHolidays(t.db, admin, [2024]);
    expect(result).toEqual({ years: [2024], created: 1, updated: 0, unchanged: 34, removed: 0, keptManual: 1 });
    const days = await listCalendarDays(t.db, 2024);
    expect(days.find((d) => d.date === "2024-05-01")).toEqual({ date: "2024-05-01", kind: "workday", name: "值班", nameEn: null, source: "manual" });
    expect(days.find((d) => d.date === "2024-12-31")).toEqual({ date: "2024-12-31", kind: "holiday", name: "单位休假", nameEn: null, source: "manual" });
    expect(days.find((d) => d.date === "2024-06-10")?.source).toBe("package");
    const cal = await loadWorkingCalendar(t.db);
    // 05-01 is now worked: Tuesday 04-30 16:00 + 4 h = Wednesday 05-01 10:00
    expect(dueAt(cal, "working", sh("2024-04-30 16:00"), 240, [])).toEqual(sh("2024-05-01 10:00"));
    expect((await auditOf("sla.calendar.day.set")).map((a) => a.summary)).toEqual(["设置 2024-05-01 为工作日（值班）", "设置 2024-12-31 为休息日（单位休假）"]);
    expect((await auditOf("sla.calendar.day.remove")).map((a) => a.summary)).toEqual(["删除 2024-06-10 的日历设置（端午）"]);
    // the manual day's change is kept in the audit's before/after
    expect((await auditOf("sla.calendar.day.set"))[0].before).toMatchObject({ kind: "holiday", source: "package" });
  });

  test("validates overrides and refuses years the package lacks", async () => {
    expect(await zodFailure(setCalendarDay(t.db, admin, { date: "2024-02-30", kind: "holiday", name: "x" }))).toEqual([["date", "日期无效"]]);
    expect(await zodFailure(setCalendarDay(t.db, admin, { date: "2024-03-01", kind: "rest" as "holiday", name: " " }))).toEqual([["kind", "请选择休息日或工作日"], ["name", "请填写名称"]]);
    const next = Math.max(...packageYears()) + 1;
    expect(await failure(importHolidays(t.db, admin, [next]))).toMatchObject({ code: "sla.calendar.no-data" });
    expect(await failure(removeCalendarDay(t.db, admin, "2024-03-01"))).toMatchObject({ code: "sla.calendar.not-found", status: 404 });
    expect(await failure(setCalendarDay(t.db, leader, { date: "2024-03-01", kind: "holiday", name: "x" }))).toMatchObject({ code: "auth.forbidden", status: 403 });
  });

  test("working hours: validated, audited, and what the clock uses", async () => {
    expect(await zodFailure(updateWorkingHours(t.db, admin, { workWeekdays: [1, 2], workStart: 1080, workEnd: 480 }))).toEqual([["workEnd", "下班时间须晚于上班时间"]]);
    expect(await zodFailure(updateWorkingHours(t.db, admin, { workWeekdays: [], workStart: 480, workEnd: 1080 }))).toEqual([["workWeekdays", "至少选择一个工作日"]]);
    expect(await updateWorkingHours(t.db, admin, { workWeekdays: [6, 1, 2, 3, 4, 5], workStart: 540, workEnd: 1050 })).toEqual({ workWeekdays: [1, 2, 3, 4, 5, 6], workStart: 540, workEnd: 1050 });
    const cal = await loadWorkingCalendar(t.db);
    // Monday 2024-04-22 17:00 + 1 h: 30 min to 17:30, then Tuesday 09:00 + 30 min
    expect(dueAt(cal, "working", sh("2024-04-22 17:00"), 60, [])).toEqual(sh("2024-04-23 09:30"));
    expect((await auditOf("sla.calendar.hours")).map((a) => a.summary)).toEqual(["修改工作时间：每周 1、2、3、4、5、6，09:00–17:30"]);
    await updateWorkingHours(t.db, admin, { workWeekdays: [1, 2, 3, 4, 5], workStart: 480, workEnd: 1080 });
  });
});

describe("SLA policies", () => {
  test("fall back to the built-in defaults, save audited, validate", async () => {
    expect(await policyFor(t.db, "fault", "p1")).toEqual({ clock: "calendar", responseMinutes: 15, resolutionMinutes: 240, warnShare: "0.8" });
    expect(await policyFor(t.db, "consultation", "p4")).toEqual({ clock: "working", responseMinutes: 600, resolutionMinutes: 3000, warnShare: "0.8" });
    const saved = await saveSlaPolicy(t.db, admin, { kind: "fault", severity: "p2", clock: "working", responseMinutes: 20, resolutionMinutes: 360, warnShare: "0.75" });
    expect(saved).toMatchObject({ kind: "fault", severity: "p2", clock: "working", responseMinutes: 20, resolutionMinutes: 360, warnShare: "0.75", builtin: false });
    expect(await policyFor(t.db, "fault", "p2")).toEqual({ clock: "working", responseMinutes: 20, resolutionMinutes: 360, warnShare: "0.75" });
    const list = await listSlaPolicies(t.db);
    expect(list).toHaveLength(20);
    expect(list.filter((p) => !p.builtin).map((p) => `${p.kind}/${p.severity}`)).toEqual(["fault/p2"]);
    expect((await auditOf("sla.policy.save")).map((a) => a.summary)).toEqual(["修改 SLA 策略：故障 高（p2），响应 20 分钟，解决 360 分钟，工作时间，预警 0.75"]);
    expect(await zodFailure(saveSlaPolicy(t.db, admin, { kind: "fault", severity: "p2", clock: "working", responseMinutes: 600, resolutionMinutes: 60, warnShare: 1 }))).toEqual([
      ["warnShare", "预警比例须大于 0 且小于 1"],
    ]);
    expect(await zodFailure(saveSlaPolicy(t.db, admin, { kind: "fault", severity: "p2", clock: "working", responseMinutes: 600, resolutionMinutes: 60, warnShare: "0.8" }))).toEqual([
      ["resolutionMinutes", "解决时限不能短于响应时限"],
    ]);
    expect(await zodFailure(saveSlaPolicy(t.db, admin, { kind: "fault", severity: "p2", clock: "working", responseMinutes: 0, resolutionMinutes: 60, warnShare: "0.8125" }))).toEqual([
      ["responseMinutes", "响应时限至少 1 分钟"], ["warnShare", "预警比例最多 3 位小数"],
    ]);
    expect(await failure(saveSlaPolicy(t.db, leader, { kind: "fault", severity: "p2", clock: "working", responseMinutes: 20, resolutionMinutes: 360, warnShare: "0.8" }))).toMatchObject({ code: "auth.forbidden" });
  });
});

describe("templates", () => {
  test("save (audited) and validate field values with messages per field", async () => {
    await saveTemplate(t.db, admin, {
      code: "net-fault", kind: "fault", name: "网络故障", nameEn: "Network fault", sort: 5, fields: [
        { key: "category", label: "故障类别", labelEn: "Category", type: "select", required: true, options: [{ value: "network", label: "网络", labelEn: "Network" }, { value: "storage", label: "存储", labelEn: "Storage" }] },
        { key: "hosts", label: "主机数", labelEn: "Hosts", type: "number", required: false },
        { key: "since", label: "开始日期", labelEn: "Since", type: "date", required: true },
        { key: "note", label: "说明", labelEn: "Note", type: "text", required: false, options: [{ value: "x", label: "x", labelEn: "x" }] },
      ],
    });
    const tpl = (await getTemplate(t.db, "net-fault"))!;
    expect(tpl.fields.find((f) => f.key === "note")).toEqual({ key: "note", label: "说明", labelEn: "Note", type: "text", required: false });
    expect(validateTemplateFields(tpl, { category: "network", hosts: "12", since: "2026-03-01", extra: "dropped" })).toEqual({ category: "network", hosts: 12, since: "2026-03-01", note: null });
    const e = (() => { try { validateTemplateFields(tpl, { category: "cpu", hosts: "many", since: "2026-02-30" }); } catch (x) { return x as AppError; } })()!;
    expect([e.code, e.message]).toEqual(["sla.fields.invalid", "请检查工单字段"]);
    expect(e.details).toEqual({ fieldErrors: {
      "fields.category": ["故障类别须为以下之一：网络、存储"], "fields.hosts": ["主机数须为数字"], "fields.since": ["开始日期须为 YYYY-MM-DD 格式的日期"],
    } });
    expect(() => validateTemplateFields(tpl, null)).toThrow(AppError);
    expect((() => { try { validateTemplateFields(tpl, {}); } catch (x) { return (x as AppError).details; } })()).toEqual({ fieldErrors: { "fields.category": ["请选择故障类别"], "fields.since": ["请填写开始日期"] } });
    expect((await auditOf("sla.template.save")).map((a) => a.summary)).toEqual(["新增工单模板 网络故障（故障，4 个字段）"]);
    expect(await zodFailure(saveTemplate(t.db, admin, { code: "bad", kind: "fault", name: "x", nameEn: "x", fields: [
      { key: "a", label: "甲", labelEn: "A", type: "select", required: false, options: [] },
      { key: "a", label: "乙", labelEn: "B", type: "text", required: false },
    ] }))).toEqual([["fields.0.options", "下拉字段“甲”至少需要一个选项"], ["fields", "字段键不能重复"]]);
  });
});

describe("ensureSlaDefaults", () => {
  test("is idempotent and never overwrites what an operator edited", async () => {
    await ensureDefaultDictionaries(t.db);
    const first = await ensureSlaDefaults(t.db);
    // 2024 was imported above; the other default years the package has are imported once
    const others = [2025, 2026, 2027].filter((y) => packageYears().includes(y));
    // the hours row exists since updateWorkingHours above
    expect(first).toMatchObject({ calendarCreated: false, policiesCreated: 19, templatesCreated: 5 });
    expect(first.holidays?.years).toEqual(others);
    const second = await ensureSlaDefaults(t.db);
    expect(second).toEqual({ calendarCreated: false, holidays: null, policiesCreated: 0, templatesCreated: 0 });
    expect(await policyFor(t.db, "fault", "p2")).toEqual({ clock: "working", responseMinutes: 20, resolutionMinutes: 360, warnShare: "0.75" });
    expect((await listCalendarDays(t.db, 2024)).find((d) => d.date === "2024-05-01")?.source).toBe("manual");
    expect((await listSlaPolicies(t.db)).every((p) => !p.builtin)).toBe(true);
    const templates = await listTemplates(t.db, { kind: "fault", enabledOnly: true });
    expect(templates.map((x) => x.code)).toEqual(["net-fault", "fault"]);
    expect(templates[1].fields.map((f) => [f.key, f.label, f.type, f.required])).toEqual([
      ["category", "故障类别", "select", true], ["impact", "影响范围", "textarea", true], ["occurredOn", "发生时间", "date", true],
    ]);
    expect(templates[1].fields[0].options?.map((o) => o.value)).toEqual(["network", "compute", "storage", "security", "platform"]);
    expect((await listTemplates(t.db)).map((x) => x.kind).sort()).toEqual(["change", "consultation", "fault", "fault", "inspection", "provisioning"]);
    expect(DEFAULT_SLA_TARGETS.fault.p1).toEqual({ clock: "calendar", responseMinutes: 15, resolutionMinutes: 240, warnShare: "0.8" });
  });
});
