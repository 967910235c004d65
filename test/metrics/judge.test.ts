import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {DEFAULT_JUDGE, simulateJudge, truePreferenceRate, wilson} from "../../labs/metrics/index.js";

/** E[σ(δ + s z)] by Monte Carlo-free midpoint sum over a wide grid, written independently of the module. */
function referenceRate(delta: number, s: number): number {
  let sum = 0;
  const h = 0.001;
  for (let z = -12 + h / 2; z < 12; z += h) sum += (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)) * h / (1 + Math.exp(-(delta + s * z)));
  return sum;
}

describe("truePreferenceRate", () => {
  it("truePreferenceRate(δ, s) matches a midpoint-rule integral; δ = 0 gives exactly ½ by symmetry", () => {
    for (const [d, s] of [[0.4, 1], [-1, 2], [2, 0.3]]) expect(truePreferenceRate(d, s)).toBeCloseTo(referenceRate(d, s), 8);
    expect(truePreferenceRate(0, 1.7)).toBeCloseTo(0.5, 12);
    expect(truePreferenceRate(0.7, 0)).toBeCloseTo(1 / (1 + Math.exp(-0.7)), 15);
  });
});

describe("wilson", () => {
  it("wilson(0, 10) starts at 0 and stays inside [0, 1]; wilson(5, 10) is symmetric about ½", () => {
    const a = wilson(0, 10);
    expect(a.low).toBeCloseTo(0, 12);
    expect(a.high).toBeLessThan(1);
    const b = wilson(5, 10);
    expect(b.low + b.high).toBeCloseTo(1, 12);
    // the textbook Wilson 95% interval for 5/10 is 0.2366–0.7634
    expect(b.low).toBeCloseTo(0.2366, 4);
    expect(b.high).toBeCloseTo(0.7634, 4);
  });
});

describe("simulateJudge", () => {
  const seeds = Array.from({length: 40}, (_, i) => 1000 + i);
  const covered = (over: Partial<typeof DEFAULT_JUDGE>, key: "raw" | "swap" | "lengthControlled") =>
    seeds.filter((seed) => {
      const run = simulateJudge({...DEFAULT_JUDGE, pairs: 800, ...over, seed});
      const e = run.final[key];
      return e.low <= run.truth && run.truth <= e.high;
    }).length / seeds.length;

  it("simulateJudge with zero bias: all three 95% intervals hold the true preference rate in ≥ 85% of 40 seeds", () => {
    for (const key of ["raw", "swap", "lengthControlled"] as const) expect(covered({positionBias: 0, lengthBias: 0}, key)).toBeGreaterThanOrEqual(0.85);
  });
  it("simulateJudge with zero bias at the default seed: each interval holds the truth", () => {
    const run = simulateJudge({...DEFAULT_JUDGE, positionBias: 0, lengthBias: 0});
    for (const e of [run.final.raw, run.final.swap, run.final.lengthControlled]) {
      expect(e.low).toBeLessThanOrEqual(run.truth);
      expect(e.high).toBeGreaterThanOrEqual(run.truth);
    }
  });
  it("simulateJudge with a position bias: the raw rate (candidate always first) misses the truth, swapping repairs most of it", () => {
    const run = simulateJudge({...DEFAULT_JUDGE, pairs: 5000, positionBias: 1, lengthBias: 0});
    expect(run.final.raw.low).toBeGreaterThan(run.truth + 0.1);
    expect(Math.abs(run.final.swap.estimate - run.truth)).toBeLessThan(0.05);
  });
  it("simulateJudge with a length bias toward the more verbose candidate: raw and swap overstate, length control recovers", () => {
    const run = simulateJudge({...DEFAULT_JUDGE, pairs: 5000, positionBias: 0, lengthBias: 0.8, lengthGap: 0.5});
    expect(run.final.raw.low).toBeGreaterThan(run.truth);
    expect(run.final.swap.low).toBeGreaterThan(run.truth);
    expect(run.final.lengthControlled.low).toBeLessThanOrEqual(run.truth);
    expect(run.final.lengthControlled.high).toBeGreaterThanOrEqual(run.truth);
  });
  it("simulateJudge is deterministic for a seed and its checkpoints grow to N", () => {
    const a = simulateJudge({...DEFAULT_JUDGE, seed: 7});
    const b = simulateJudge({...DEFAULT_JUDGE, seed: 7});
    expect(a).toEqual(b);
    expect(a.checkpoints[0].n).toBe(10);
    expect(a.final.n).toBe(DEFAULT_JUDGE.pairs);
  });
  it("simulateJudge rejects too few pairs, NaN settings and a zero length spread with InputErrors", () => {
    expect(() => simulateJudge({...DEFAULT_JUDGE, pairs: 5})).toThrow(/from 10 to 20000/);
    expect(() => simulateJudge({...DEFAULT_JUDGE, positionBias: NaN})).toThrow(InputError);
    expect(() => simulateJudge({...DEFAULT_JUDGE, lengthSpread: 0})).toThrow(/length spread/);
  });
});
