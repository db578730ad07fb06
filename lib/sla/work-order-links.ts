import { OPEN_WORK_ORDER_STATUSES, WORK_ORDER_STATUSES } from "../itsm/codes";

// Links from a timeliness figure to the work order list filtered behind it. The list's query parameters are its
// contract (lib/itsm/work-orders.ts): provider, month (opened in that Shanghai month), breached=1, delayReason,
// status (repeatable). Pure, so client components can build them.

export type WorkOrderListFilter = { provider?: number; month?: string; breached?: boolean; delayReason?: string; status?: readonly string[] };

/** The statuses the figures count: everything but cancelled. */
export const COUNTED_STATUSES = WORK_ORDER_STATUSES.filter((s) => s !== "cancelled");
export const STILL_OPEN_STATUSES = OPEN_WORK_ORDER_STATUSES;

export function workOrderListUrl(f: WorkOrderListFilter): string {
  const sp = new URLSearchParams();
  if (f.provider !== undefined) sp.set("provider", String(f.provider));
  if (f.month) sp.set("month", f.month);
  if (f.breached) sp.set("breached", "1");
  if (f.delayReason) sp.set("delayReason", f.delayReason);
  for (const s of f.status ?? []) sp.append("status", s);
  const q = sp.toString();
  return q ? `/service/work-orders?${q}` : "/service/work-orders";
}
