import Decimal from "decimal.js";

// Exact decimal arithmetic for quantities and money. 60 significant digits keep every intermediate exact
// for anything a CDR can carry; the only rounding in the product is roundFen, applied to bill lines.
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Dec = Decimal;

/** Round to the fen (0.01 CNY), half up. Used once per bill line amount and once per line net amount. */
export function roundFen(value: Decimal.Value): Decimal {
  return new Dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function fen(value: Decimal.Value): string {
  return new Dec(value).toFixed(2);
}
