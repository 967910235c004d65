// Tick text: plain or scientific notation, never an SI prefix that reads as a unit ("20m", "300µ").
import {describe, expect, it} from "vitest";
import {axisNumber} from "../../labs/word2vec/format.js";

describe("axisNumber", () => {
  it("axisNumber(x) prints plain decimals between 1e-3 and 1e6", () => {
    expect(axisNumber(0)).toBe("0");
    expect(axisNumber(0.02)).toBe("0.02");
    expect(axisNumber(0.001)).toBe("0.001");
    expect(axisNumber(200_000)).toBe("200,000");
    expect(axisNumber(-1.5)).toBe("-1.5");
  });

  it("axisNumber(x) prints scientific notation outside, with no trailing zeros", () => {
    expect(axisNumber(3e-4)).toBe("3e-4");
    expect(axisNumber(1e-5)).toBe("1e-5");
    expect(axisNumber(2.5e6)).toBe("2.5e6");
    expect(axisNumber(1e6)).toBe("1e6");
  });

  it("axisNumber(x) never ends in an SI prefix letter", () => {
    for (let e = -8; e <= 8; e++) for (const m of [1, 2, 5]) expect(axisNumber(m * 10 ** e)).not.toMatch(/[kMGmµun]$/);
  });
});
