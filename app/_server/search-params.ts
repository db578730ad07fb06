export type SearchParams = Record<string, string | string[] | undefined>;

/** A search parameter as a list: repeated keys, or one comma-separated value. */
export function listParam(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(",")).map((v) => v.trim()).filter(Boolean);
}

/** The last value of a search parameter. */
export function oneParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A positive page number, 1 when absent or not a number. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(oneParam(value));
  return Number.isInteger(n) && n > 0 ? n : 1;
}
