import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {accumulate} from "../../labs/sft/accumulation.js";
import {attentionMask, bestFitDecreasing, crossExamplePairs, onePerRow, packNaive, packWithReset} from "../../labs/sft/packing.js";
import {mulberry32} from "../../labs/kit/random.js";

describe("packing", () => {
  const examples = [[10, 11, 12], [20, 21]];
  it("packNaive / packWithReset([[a,b,c],[d,e]]) give positions 0..4 vs 0,1,2,0,1", () => {
    expect([...packNaive(examples).positionIds]).toEqual([0, 1, 2, 3, 4]);
    expect([...packWithReset(examples).positionIds]).toEqual([0, 1, 2, 0, 1]);
    expect([...packWithReset(examples).ids]).toEqual([10, 11, 12, 20, 21]);
  });
  it("attentionMask(naive) is lower-triangular; block-diagonal keeps two causal blocks", () => {
    const seq = packWithReset(examples);
    // prettier-ignore
    expect([...attentionMask(seq, "naive")]).toEqual([
      1,0,0,0,0,
      1,1,0,0,0,
      1,1,1,0,0,
      1,1,1,1,0,
      1,1,1,1,1]);
    // prettier-ignore
    expect([...attentionMask(seq, "block-diagonal")]).toEqual([
      1,0,0,0,0,
      1,1,0,0,0,
      1,1,1,0,0,
      0,0,0,1,0,
      0,0,0,1,1]);
    expect(crossExamplePairs(seq, attentionMask(seq, "naive"))).toBe(6);
    expect(crossExamplePairs(seq, attentionMask(seq, "block-diagonal"))).toBe(0);
  });
  it("bestFitDecreasing([5,4,3,3,2,1], 8) = rows [5,3] [4,3,1] [2], padding 6/24 vs 30/48 unpacked", () => {
    const p = bestFitDecreasing([5, 4, 3, 3, 2, 1], 8);
    expect(p.rows).toEqual([[0, 2], [1, 3, 5], [4]]);
    expect(p.paddingFraction).toBeCloseTo(6 / 24, 12);
    expect(onePerRow([5, 4, 3, 3, 2, 1], 8).paddingFraction).toBeCloseTo(30 / 48, 12);
  });
  it("bestFitDecreasing(random lengths) places every example once, never overfills, and needs ≥ ⌈Σ/L⌉ rows", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const L = 16 + Math.floor(random() * 64);
      const lengths = Array.from({length: 1 + Math.floor(random() * 40)}, () => 1 + Math.floor(random() * L));
      const p = bestFitDecreasing(lengths, L);
      expect(p.rows.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
      for (const row of p.rows) expect(row.reduce((a, i) => a + lengths[i], 0)).toBeLessThanOrEqual(L);
      expect(p.rows.length).toBeGreaterThanOrEqual(Math.ceil(lengths.reduce((a, b) => a + b, 0) / L));
      // No two rows could be merged (a best-fit invariant): every pair together overflows.
      const fill = p.rows.map((row) => row.reduce((a, i) => a + lengths[i], 0));
      for (let a = 0; a < fill.length; a++) for (let b = a + 1; b < fill.length; b++) expect(fill[a] + fill[b]).toBeGreaterThan(L);
    }
  });
  it("bestFitDecreasing(...) rejects an example longer than the row and an empty dataset", () => {
    expect(() => bestFitDecreasing([3, 9], 8)).toThrow(InputError);
    expect(() => bestFitDecreasing([], 8)).toThrow(InputError);
    expect(() => packNaive([])).toThrow(InputError);
  });
});

describe("gradient accumulation", () => {
  it("accumulate([[1, 3], [1,1,1,1,1,1]]) gives 1.5 as a mean of means and 1.25 per token", () => {
    const a = accumulate([[1, 3], [1, 1, 1, 1, 1, 1]]);
    expect(a.meanOfMeans).toBe(1.5);
    expect(a.tokenMean).toBe(1.25);
    expect(a.counts).toEqual([2, 6]);
  });
  it("accumulate(...) per token equals the mean of one big batch; the two agree when counts are equal", () => {
    const big = [0.5, 2, 1, 4, 3, 0.25];
    expect(accumulate([big.slice(0, 1), big.slice(1)]).tokenMean).toBeCloseTo(big.reduce((a, b) => a + b) / big.length, 14);
    const even = accumulate([[1, 2], [3, 6]]);
    expect(even.meanOfMeans).toBeCloseTo(even.tokenMean, 14);
    expect(() => accumulate([[1], []])).toThrow(InputError);
  });
});
