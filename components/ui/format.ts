import { formatShanghai } from "@/lib/time/shanghai";

/** ¥ with thousands separators, from a decimal string, without going through a float. */
export function yuan(amount: string): string {
  const negative = amount.startsWith("-");
  const [int, frac = ""] = (negative ? amount.slice(1) : amount).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}¥${grouped}.${(frac + "00").slice(0, 2)}`;
}

/** Shanghai wall-clock time of an ISO instant, or a dash. */
export function shanghaiTime(iso: string | null): string {
  return iso ? formatShanghai(new Date(iso)) : "—";
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/**
 * A decimal string cut (not rounded) for display, trailing zeros dropped: at most `places` decimals, but a
 * small value keeps three significant digits (an SMS record's quantity is 0.0001 of a 10k-message unit).
 */
export function shortDecimal(value: string, places = 6): string {
  const [int, frac = ""] = value.split(".");
  const firstSignificant = frac.search(/[1-9]/);
  const keep = /^-?0$/.test(int) && firstSignificant >= places ? firstSignificant + 3 : places;
  const cut = frac.slice(0, keep).replace(/0+$/, "");
  return cut ? `${int}.${cut}` : int;
}

/** A rate such as "0.9000" as a percentage ("90%"), moving the decimal point in the string (0.57 x 100 is 56.99999999999999 in floats). */
export function percent(rate: string): string {
  const [int, frac = ""] = rate.split(".");
  const digits = frac.padEnd(2, "0");
  const whole = String(Number(int + digits.slice(0, 2)));
  const rest = digits.slice(2).replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""}%`;
}

const UNIT_NAMES: Record<string, string> = {
  "CNY/month": "元/月", "CNY/hour": "元/小时", "CNY/GB/month": "元/GB/月", "CNY/Mbps/month": "元/Mbps/月", "CNY/GB": "元/GB", "CNY/10k": "元/万次",
};

/** A price item's unit as users read it: 元/月 for CNY/month in Chinese, the code itself in English. */
export function unitName(unit: string, locale: string = "zh-CN"): string {
  return locale === "en" ? unit : UNIT_NAMES[unit] ?? unit;
}
