import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {formatLogits, parseLogits, parseProbabilities, seededLogits, tidyLogits} from "../../labs/loss/text.js";

describe("parseLogits / formatLogits", () => {
  it("parseLogits(\"1.5, -inf, −∞, 0\", 4) reads -inf and −∞ as -Infinity and round-trips through formatLogits", () => {
    const parsed = parseLogits("1.5, -inf, −∞, 0", 4);
    expect(parsed).toEqual({ok: true, value: [1.5, -Infinity, -Infinity, 0]});
    if (parsed.ok) expect(formatLogits(parsed.value)).toBe("1.5, -inf, -inf, 0");
  });
  it("parseLogits rejects text, wrong length, all -inf and huge values with a reader-facing message", () => {
    expect(parseLogits("1, abc", 2)).toEqual({ok: false, error: expect.stringMatching(/Logit 2 of p is “abc”/)});
    expect(parseLogits("1, 2", 3)).toEqual({ok: false, error: expect.stringMatching(/2 logits but K = 3/)});
    expect(parseLogits("-inf, -inf", 2)).toEqual({ok: false, error: expect.stringMatching(/cannot all be -inf/)});
    expect(parseLogits("1e9, 0", 2).ok).toBe(false);
    expect(parseLogits("", 2).ok).toBe(false);
    expect(parseLogits("1, , 2", 3).ok).toBe(false);
  });
});

describe("parseProbabilities", () => {
  it("parseProbabilities accepts a distribution and rejects negative, > 1 and non-normalised input", () => {
    expect(parseProbabilities("0.5, 0.25, 0.25", 3)).toEqual({ok: true, value: [0.5, 0.25, 0.25]});
    expect(parseProbabilities("0.5, -0.1, 0.6", 3)).toEqual({ok: false, error: expect.stringMatching(/cannot be negative/)});
    expect(parseProbabilities("1.5, 0, 0", 3)).toEqual({ok: false, error: expect.stringMatching(/cannot exceed 1/)});
    expect(parseProbabilities("0.5, 0.2, 0.2", 3)).toEqual({ok: false, error: expect.stringMatching(/sum to 0.9/)});
    expect(parseProbabilities("0.5, 0.5", 3).ok).toBe(false);
  });
});

describe("tidyLogits / seededLogits", () => {
  it("tidyLogits shifts the largest logit to 0 and keeps -inf", () => {
    expect(tidyLogits([3, 1, -Infinity])).toEqual([0, -2, -Infinity]);
  });
  it("seededLogits is deterministic per seed and prefix-stable in K", () => {
    const a = seededLogits(mulberry32(5), 7);
    expect(seededLogits(mulberry32(5), 7)).toEqual(a);
    expect(seededLogits(mulberry32(5), 4)).toEqual(a.slice(0, 4));
    expect(seededLogits(mulberry32(6), 7)).not.toEqual(a);
  });
});
