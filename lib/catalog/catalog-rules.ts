// The two rules every catalog change obeys, whether it comes from the portal, an import or the CLI:
// items with the same rating keys never overlap in time, and nothing changes the rating of a closed month.

/** Dates are Shanghai calendar dates 'YYYY-MM-DD'; `to` is exclusive, null = open-ended. */
export type Validity = { from: string; to: string | null };

export const ratingKey = (i: { providerId: number; serviceTypeCode: string; resourceTypeCode: string; resourceSpecCode: string; factor: string }) =>
  `${i.providerId}|${i.serviceTypeCode}|${i.resourceTypeCode}|${i.resourceSpecCode}|${i.factor.toLowerCase()}`;

export function overlaps(a: Validity, b: Validity): boolean {
  return (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);
}

/** The closed months ('YYYY-MM') that a change over [from, to) would touch. */
export function closedMonthsTouched(closed: string[], range: Validity): string[] {
  return closed.filter((m) => m >= range.from.slice(0, 7) && (range.to === null || `${m}-01` < range.to));
}

/** The range of dates whose rating differs between two validities of the same price (empty when equal). */
export function changedRange(before: Validity, after: Validity): Validity | null {
  if (before.from === after.from && before.to === after.to) return null;
  const from = before.from < after.from ? before.from : after.from;
  if (before.from !== after.from) {
    // the start moved: at least [min from, max from) changed; if the end moved too, everything to the later end
    if (before.to === after.to) return { from, to: before.from < after.from ? after.from : before.from };
    return { from, to: before.to === null || after.to === null ? null : before.to > after.to ? before.to : after.to };
  }
  const lo = before.to === null ? after.to! : after.to === null ? before.to : before.to < after.to ? before.to : after.to;
  const hi = before.to === null || after.to === null ? null : before.to > after.to ? before.to : after.to;
  return { from: lo, to: hi };
}
