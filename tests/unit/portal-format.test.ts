import { describe, expect, test } from "vitest";
import { percent, shortDecimal, yuan } from "../../components/ui/format";

describe("portal number formatting (strings in, strings out: no float on the way)", () => {
  test("yuan groups thousands and keeps two decimals", () => {
    expect(yuan("25283.91")).toBe("¥25,283.91");
    expect(yuan("0.5")).toBe("¥0.50");
    expect(yuan("1234567")).toBe("¥1,234,567.00");
    expect(yuan("-1000.10")).toBe("-¥1,000.10");
  });

  test("percent moves the decimal point", () => {
    expect(percent("0.9000")).toBe("90%");
    expect(percent("0.85")).toBe("85%");
    expect(percent("0.875")).toBe("87.5%");
    expect(percent("1")).toBe("100%");
  });

  test("shortDecimal cuts to six places but keeps small values readable", () => {
    expect(shortDecimal("7.92280000000")).toBe("7.9228");
    expect(shortDecimal("100.0000000000")).toBe("100");
    expect(shortDecimal("0.00000012345678")).toBe("0.000000123");
    expect(shortDecimal("0.000000000000")).toBe("0");
  });
});
