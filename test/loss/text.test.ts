import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {parseProbabilities, seededLogits, tidyLogits} from "../../labs/loss/text.js";

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
