// Template rendering: {{variable}} from an event's payload plus computed names, links and Shanghai times. Pure.
import type { EventPayloads, EventType } from "../events/emit-event";
import type { Locale } from "../i18n/locale";
import { formatShanghai } from "../time/shanghai";
import { codeNames, EVENT_CATEGORY } from "./event-catalog";

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w]*)\s*\}\}/g;
/** How a known variable without a value reads. */
export const EMPTY_VALUE = "—";

/** Fills {{name}} placeholders; a name without a variable stays visible as written, so a typo shows in the preview. */
export function renderTemplate(text: string, variables: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(variables, name) ? variables[name] : whole));
}

/** The placeholders a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Shanghai wall-clock time to the minute, as people read deadlines: 2026-12-04 11:00. */
export const shanghaiMinute = (at: Date | string | number): string => formatShanghai(new Date(at)).slice(0, 16);

/** The dedup key of an event's notifications: the same thing happening again about the same subject. */
export const dedupKeyOf = (e: { type: string; subject: string }) => `${e.type}|${e.subject}`;

/** The names an event's ids stand for, looked up by the dispatcher (the payloads carry ids). */
export type EventNames = { providerName?: string | null; departmentName?: string | null; departmentCode?: string | null };

type AnyPayload = Record<string, unknown>;
const num = (p: AnyPayload, k: string) => (typeof p[k] === "number" ? (p[k] as number) : null);

/** The page an event's notification opens: the work order, the request, the alarm, the bill, the file. */
export function linkFor(type: string, payload: AnyPayload, names: EventNames = {}): string | null {
  switch (EVENT_CATEGORY[type as EventType]) {
    case "workorder": return num(payload, "workOrderId") ? `/service/work-orders/${num(payload, "workOrderId")}` : null;
    case "request": return num(payload, "requestId") ? `/service/requests/${num(payload, "requestId")}` : null;
    // the alarms page opens an alarm's detail from ?alarm=<id>
    case "alarm": return num(payload, "alarmId") ? `/alarms?alarm=${num(payload, "alarmId")}` : null;
    case "bill": {
      const month = typeof payload.month === "string" ? payload.month : null;
      if (!month) return null;
      return names.departmentCode ? `/billing/${month}/${encodeURIComponent(names.departmentCode)}` : `/billing?month=${month}`;
    }
    case "file": return num(payload, "fileId") ? `/metering/files/${num(payload, "fileId")}` : null;
    default: return null;
  }
}

const text = (v: unknown): string => (v === null || v === undefined || v === "" ? EMPTY_VALUE : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * The variables of an event in a language: every payload field as text, plus the names of its codes
 * (severityName, kindName, targetName, decisionName), the looked-up names, dueAt and eventTime in Shanghai time,
 * fileName and the link.
 */
export function templateVariables<T extends EventType>(
  type: T | string, payload: EventPayloads[T] | AnyPayload, o: { locale: Locale; at: Date; link: string | null; names?: EventNames },
): Record<string, string> {
  const p = payload as AnyPayload;
  const n = codeNames(o.locale);
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) vars[k] = text(v);
  const category = EVENT_CATEGORY[type as EventType];
  if (typeof p.severity === "string") vars.severityName = category === "alarm" ? n.alarmSeverity(p.severity) : n.severity(p.severity);
  if (typeof p.kind === "string") vars.kindName = n.kind(p.kind);
  if (typeof p.target === "string") vars.targetName = n.target(p.target);
  if (typeof p.decision === "string") vars.decisionName = n.decision(p.decision);
  if (typeof p.dueAt === "string" && !Number.isNaN(Date.parse(p.dueAt))) vars.dueAt = shanghaiMinute(p.dueAt);
  if (typeof p.path === "string") vars.fileName = p.path.split("/").pop() || p.path;
  if (o.names?.providerName !== undefined) vars.providerName = text(o.names.providerName);
  if (o.names?.departmentName !== undefined && !("departmentName" in p)) vars.departmentName = text(o.names.departmentName);
  vars.eventTime = shanghaiMinute(o.at);
  vars.link = o.link ?? EMPTY_VALUE;
  return vars;
}

export type RenderedMessage = { title: string; body: string };

/** A template's title and body in one language. */
export function renderMessage(template: { title: string; body: string }, variables: Record<string, string>): RenderedMessage {
  return { title: renderTemplate(template.title, variables), body: renderTemplate(template.body, variables) };
}
