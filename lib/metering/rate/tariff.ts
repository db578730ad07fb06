import { Dec } from "../../money";

/** The units a price item can have; each rates one kind of factor. */
export const UNITS = ["CNY/month", "CNY/hour", "CNY/GB/month", "CNY/Mbps/month", "CNY/GB", "CNY/10k"] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_FACTORS: Record<Unit, readonly string[]> = {
  "CNY/month": ["duration"],
  "CNY/hour": ["duration"],
  "CNY/GB/month": ["size"],
  "CNY/Mbps/month": ["size"],
  "CNY/GB": ["upflow", "downflow"],
  "CNY/10k": ["numberofrequests"],
};

const GIB = "1073741824";

/**
 * quantity = numerator / denominator, in the unit's terms. Kept as a fraction so that a bill line can sum
 * numerators exactly and divide once: the only inexact step is a Duration value shared out across a month
 * boundary (value x part seconds / period seconds), carried to 60 significant digits.
 */
export function quantityOf(
  unit: Unit,
  input: { value: string; partSeconds: number; periodSeconds: number; monthSeconds: number },
): { numerator: string; denominator: string } {
  const { value, partSeconds, periodSeconds, monthSeconds } = input;
  const durationShare = () => (partSeconds === periodSeconds ? value : new Dec(value).mul(partSeconds).div(periodSeconds).toFixed());
  switch (unit) {
    case "CNY/month":
      return { numerator: durationShare(), denominator: String(monthSeconds) };
    case "CNY/hour":
      return { numerator: durationShare(), denominator: "3600" };
    case "CNY/GB/month":
    case "CNY/Mbps/month":
      return { numerator: new Dec(value).mul(partSeconds).toFixed(), denominator: String(monthSeconds) };
    case "CNY/GB":
      return { numerator: value, denominator: GIB };
    case "CNY/10k":
      return { numerator: value, denominator: "10000" };
  }
}
