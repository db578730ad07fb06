import type Decimal from "decimal.js";
import { Dec, roundFen } from "../money";

/**
 * A bill line from the exact sum of its records' numerators: quantity = numerator / denominator,
 * amount = quantity x unit price rounded once to the fen (half up), net = amount x discount rate rounded once.
 */
export function lineAmount(input: { numerator: Decimal.Value; denominator: Decimal.Value; unitPrice: Decimal.Value; discountRate: Decimal.Value | null }) {
  const quantity = new Dec(input.numerator).div(input.denominator);
  const amount = roundFen(quantity.mul(input.unitPrice));
  const net = input.discountRate === null ? amount : roundFen(amount.mul(input.discountRate));
  return { quantity, amount, net };
}
