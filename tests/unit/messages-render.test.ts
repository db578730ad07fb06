import { describe, expect, it } from "vitest";
import { SAMPLE_NAMES, SAMPLE_PAYLOADS } from "../../lib/messages/event-catalog";
import { DEFAULT_TEMPLATES } from "../../lib/messages/message-defaults";
import { dedupKeyOf, linkFor, placeholdersOf, renderMessage, renderTemplate, templateVariables } from "../../lib/messages/render-template";
import { dedupSince, hhmmToMinutes, inQuietHours, minutesToHhmm, quietHoursOf, releaseTime, retryDelayMs, shanghaiMinuteOfDay, withinDedupWindow } from "../../lib/messages/schedule";

const at = (iso: string) => new Date(iso);
const NIGHT = { start: 22 * 60, end: 7 * 60 }; // 22:00–07:00 Shanghai, crossing midnight
const LUNCH = { start: 12 * 60, end: 13 * 60 + 30 };

describe("template rendering", () => {
  it("fills variables, leaves unknown ones visible, tolerates spaces inside the braces", () => {
    expect(renderTemplate("工单 {{number}}：{{ title }}（{{nope}}）", { number: "WO-1", title: "断网" })).toBe("工单 WO-1：断网（{{nope}}）");
    expect(renderTemplate("{{a}}{{a}} {b} {{}}", { a: "x" })).toBe("xx {b} {{}}");
    expect(placeholdersOf("{{a}} {{b}} {{a}}")).toEqual(["a", "b"]);
  });

  it("computes names, Shanghai due times, the link and the empty value from an event", () => {
    const vars = templateVariables("workorder.warning", SAMPLE_PAYLOADS["workorder.warning"], {
      locale: "zh-CN", at: at("2026-12-04T01:30:00Z"), link: "/service/work-orders/12", names: { providerName: "中国电信政务云", departmentName: null },
    });
    expect(vars).toMatchObject({
      number: "WO-20261204-0012", severityName: "P2 高", kindName: "故障", targetName: "解决", dueAt: "2026-12-04 11:00",
      eventTime: "2026-12-04 09:30", link: "/service/work-orders/12", providerName: "中国电信政务云", departmentName: "—", workOrderId: "12",
    });
    const m = renderMessage({ title: DEFAULT_TEMPLATES["workorder.warning"].titleZh, body: DEFAULT_TEMPLATES["workorder.warning"].bodyZh }, vars);
    expect(m.title).toBe("工单即将超时：WO-20261204-0012 卫健委门户网站无法访问（解决截止 2026-12-04 11:00）");
    expect(m.body).toBe("工单 WO-20261204-0012「卫健委门户网站无法访问」（P2 高）的解决时限将于 2026-12-04 11:00 到期，请尽快处理。");
    const en = templateVariables("workorder.warning", SAMPLE_PAYLOADS["workorder.warning"], { locale: "en", at: at("2026-12-04T01:30:00Z"), link: null });
    expect([en.severityName, en.kindName, en.targetName, en.link]).toEqual(["P2 high", "Fault", "resolution", "—"]);
  });

  it("names alarm severities as alarms and a null resource as empty", () => {
    const vars = templateVariables("alarm.unacked", { ...SAMPLE_PAYLOADS["alarm.unacked"], resource: null }, { locale: "zh-CN", at: at("2026-12-04T00:00:00Z"), link: "/alarms?alarm=31" });
    expect([vars.severityName, vars.resource, vars.minutes, vars.level]).toEqual(["重要", "—", "30", "1"]);
  });

  it("renders every default template without a placeholder left over, in both languages", () => {
    for (const [type, t] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const locale of ["zh-CN", "en"] as const) {
        const payload = SAMPLE_PAYLOADS[type as keyof typeof SAMPLE_PAYLOADS];
        const vars = templateVariables(type, payload, { locale, at: at("2026-12-04T00:00:00Z"), link: linkFor(type, payload, SAMPLE_NAMES), names: SAMPLE_NAMES });
        const m = renderMessage(locale === "en" ? { title: t.titleEn, body: t.bodyEn } : { title: t.titleZh, body: t.bodyZh }, vars);
        expect(`${m.title} ${m.body}`, `${type} ${locale}`).not.toMatch(/\{\{/);
      }
    }
  });

  it("links each event to its page", () => {
    expect(linkFor("workorder.breached", SAMPLE_PAYLOADS["workorder.breached"])).toBe("/service/work-orders/12");
    expect(linkFor("request.reviewed", SAMPLE_PAYLOADS["request.reviewed"])).toBe("/service/requests/7");
    expect(linkFor("alarm.unacked", SAMPLE_PAYLOADS["alarm.unacked"])).toBe("/alarms?alarm=31");
    expect(linkFor("bill.ready", SAMPLE_PAYLOADS["bill.ready"], { departmentCode: "WJW" })).toBe("/billing/2026-11/WJW");
    expect(linkFor("bill.ready", SAMPLE_PAYLOADS["bill.ready"])).toBe("/billing?month=2026-11");
    expect(linkFor("file.quarantined", SAMPLE_PAYLOADS["file.quarantined"])).toBe("/metering/files/88");
    expect(linkFor("something.else", {})).toBeNull();
    expect(dedupKeyOf({ type: "workorder.warning", subject: "workorder:12:response" })).toBe("workorder.warning|workorder:12:response");
  });
});

describe("quiet hours in Shanghai time", () => {
  it("reads the minute of the Shanghai day whatever the process time zone", () => {
    expect(shanghaiMinuteOfDay(at("2026-12-04T14:00:00Z"))).toBe(22 * 60);
    expect(shanghaiMinuteOfDay(at("2026-12-04T15:59:59.999Z"))).toBe(23 * 60 + 59);
    expect(shanghaiMinuteOfDay(at("2026-12-04T16:00:00Z"))).toBe(0);
  });

  it("holds a message inside a window crossing midnight until 07:00, the start minute inside, the end minute outside", () => {
    const cases: [string, boolean, string][] = [
      ["2026-12-04T13:59:59.999Z", false, "2026-12-04T13:59:59.999Z"], // 21:59:59 — still sent now
      ["2026-12-04T14:00:00.000Z", true, "2026-12-04T23:00:00.000Z"], // 22:00 sharp — held to 07:00 next morning
      ["2026-12-04T15:59:00.000Z", true, "2026-12-04T23:00:00.000Z"], // 23:59
      ["2026-12-04T16:00:00.000Z", true, "2026-12-04T23:00:00.000Z"], // 00:00 of the 5th
      ["2026-12-04T18:30:00.000Z", true, "2026-12-04T23:00:00.000Z"], // 02:30
      ["2026-12-04T22:59:59.999Z", true, "2026-12-04T23:00:00.000Z"], // 06:59:59.999
      ["2026-12-04T23:00:00.000Z", false, "2026-12-04T23:00:00.000Z"], // 07:00 — the window is over
      ["2026-12-05T04:00:00.000Z", false, "2026-12-05T04:00:00.000Z"], // noon
    ];
    for (const [now, inside, release] of cases) {
      expect(inQuietHours(at(now), NIGHT), now).toBe(inside);
      expect(releaseTime(at(now), NIGHT).toISOString(), now).toBe(release);
    }
  });

  it("holds a window within one day until its end the same day", () => {
    expect(releaseTime(at("2026-12-04T03:59:00Z"), LUNCH).toISOString()).toBe("2026-12-04T03:59:00.000Z"); // 11:59
    expect(releaseTime(at("2026-12-04T04:00:00Z"), LUNCH).toISOString()).toBe("2026-12-04T05:30:00.000Z"); // 12:00
    expect(releaseTime(at("2026-12-04T05:29:00Z"), LUNCH).toISOString()).toBe("2026-12-04T05:30:00.000Z"); // 13:29
    expect(releaseTime(at("2026-12-04T05:30:00Z"), LUNCH).toISOString()).toBe("2026-12-04T05:30:00.000Z"); // 13:30
  });

  it("crosses a month and a year end", () => {
    expect(releaseTime(at("2026-12-31T15:00:00Z"), NIGHT).toISOString()).toBe("2026-12-31T23:00:00.000Z"); // 23:00 on 12-31 -> 07:00 on 01-01
  });

  it("has no window without both ends or with equal ends", () => {
    expect(quietHoursOf({ quietStart: null, quietEnd: 420 })).toBeNull();
    expect(quietHoursOf({ quietStart: 420, quietEnd: 420 })).toBeNull();
    expect(quietHoursOf({ quietStart: 1320, quietEnd: 420 })).toEqual(NIGHT);
    expect(releaseTime(at("2026-12-04T14:00:00Z"), null).toISOString()).toBe("2026-12-04T14:00:00.000Z");
    expect([hhmmToMinutes("22:00"), hhmmToMinutes("07:05"), hhmmToMinutes("24:00"), hhmmToMinutes("7:00")]).toEqual([1320, 425, null, null]);
    expect([minutesToHhmm(1320), minutesToHhmm(425), minutesToHhmm(0)]).toEqual(["22:00", "07:05", "00:00"]);
  });
});

describe("dedup window and retries", () => {
  const now = at("2026-12-04T03:00:00Z");
  it("suppresses a repeat strictly within the window", () => {
    expect(withinDedupWindow(at("2026-12-04T02:00:00.001Z"), now, 60)).toBe(true);
    expect(withinDedupWindow(at("2026-12-04T02:00:00.000Z"), now, 60)).toBe(false);
    expect(withinDedupWindow(at("2026-12-04T02:59:59Z"), now, 0)).toBe(false);
    expect(dedupSince(now, 60)?.toISOString()).toBe("2026-12-04T02:00:00.000Z");
    expect(dedupSince(now, 0)).toBeNull();
  });

  it("backs off 1, 2, 4, 8 minutes", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
});
