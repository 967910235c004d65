import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {
  checkDistribution, crossEntropy, crossEntropyGradLogits, crossEntropyLog, entropy, kl, klLog, logitsFor,
  logSoftmax, measures, mixingPath, perplexity, setProbability, softmax, temperaturePath, toUnits, linspace
} from "../../labs/loss/categorical.js";

const LN2 = Math.log(2);

/** Random probability vectors with K in 2..20, entries bounded away from 0. */
const distPair = fc.integer({min: 2, max: 20}).chain((K) =>
  fc.tuple(
    fc.array(fc.double({min: 0.01, max: 1, noNaN: true}), {minLength: K, maxLength: K}),
    fc.array(fc.double({min: 0.01, max: 1, noNaN: true}), {minLength: K, maxLength: K})
  )
);
const normalise = (v: number[]) => {
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
};

describe("logSoftmax / softmax", () => {
  it("logSoftmax([1000, -1000]) is exactly [0, -2000]: no overflow", () => {
    expect(Array.from(logSoftmax([1000, -1000]))).toEqual([0, -2000]);
    expect(Array.from(softmax([1000, -1000]))).toEqual([1, 0]);
  });
  it("softmax([1000, 1000, 1000]) is uniform and finite", () => {
    for (const v of softmax([1000, 1000, 1000])) expect(v).toBeCloseTo(1 / 3, 15);
    for (const v of softmax([-1000, -1000])) expect(v).toBeCloseTo(0.5, 15);
  });
  it("softmax([0, ln 2], T) matches p ∝ 2^(k/T) in closed form", () => {
    const z = [0, LN2];
    expect(Array.from(softmax(z, 1))).toEqual([expect.closeTo(1 / 3, 14), expect.closeTo(2 / 3, 14)]);
    expect(Array.from(softmax(z, 0.5))).toEqual([expect.closeTo(1 / 5, 14), expect.closeTo(4 / 5, 14)]);
    expect(Array.from(softmax(z, 2))).toEqual([expect.closeTo(1 / (1 + Math.SQRT2), 14), expect.closeTo(Math.SQRT2 / (1 + Math.SQRT2), 14)]);
  });
  it("logSoftmax with a -∞ logit gives probability exactly 0", () => {
    const lp = logSoftmax([0, -Infinity, 0]);
    expect(lp[1]).toBe(-Infinity);
    expect(lp[0]).toBeCloseTo(-LN2, 15);
  });
  it("logSoftmax rejects temperature 0, NaN, +∞ and all -∞ with an InputError", () => {
    expect(() => logSoftmax([1, 2], 0)).toThrow(InputError);
    expect(() => logSoftmax([1, 2], 0)).toThrow(/Temperature must be a positive number/);
    expect(() => logSoftmax([1, NaN])).toThrow(InputError);
    expect(() => logSoftmax([1, Infinity])).toThrow(InputError);
    expect(() => logSoftmax([-Infinity, -Infinity])).toThrow(/cannot all be -∞/);
  });
});

describe("entropy / crossEntropy / kl", () => {
  it("entropy(uniform K) = ln K; entropy([1, 0]) = 0 (0·log 0 = 0); [1/2, 1/4, 1/4] = 1.5 bits", () => {
    for (const K of [2, 5, 20]) expect(entropy(new Array(K).fill(1 / K))).toBeCloseTo(Math.log(K), 14);
    expect(entropy([1, 0])).toBe(0);
    expect(toUnits(entropy([0.5, 0.25, 0.25]), "bits")).toBeCloseTo(1.5, 14);
  });
  it("kl([1/2, 1/2], [1/4, 3/4]) matches the hand computation", () => {
    const expected = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
    expect(kl([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(expected, 15);
    expect(crossEntropy([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(-0.5 * Math.log(0.25) - 0.5 * Math.log(0.75), 15);
  });
  it("crossEntropy(p, q) = entropy(p) + kl(p, q), and kl >= 0, for random p, q (K = 2..20)", () => {
    fc.assert(
      fc.property(distPair, ([a, b]) => {
        const p = normalise(a);
        const q = normalise(b);
        const ce = crossEntropy(p, q);
        expect(ce).toBeCloseTo(entropy(p) + kl(p, q), 12);
        expect(kl(p, q)).toBeGreaterThanOrEqual(0);
        expect(kl(p, p)).toBeCloseTo(0, 14);
      }),
      {seed: 7, numRuns: 200}
    );
  });
  it("kl(p, q) = +∞ when q = 0 < p, never NaN; the reverse direction stays finite", () => {
    expect(kl([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(kl([1, 0], [0.5, 0.5])).toBeCloseTo(LN2, 15);
    expect(kl([1, 0], [1, 0])).toBe(0); // 0·log(0/0) = 0
    expect(Number.isNaN(klLog([0, -Infinity], [0, -Infinity]))).toBe(false);
  });
  it("klLog from logits ±1000 is finite and exact: KL(softmax[0,0] ‖ softmax[1000,-1000]) = 1000 - ln 2", () => {
    const lp = logSoftmax([0, 0]);
    const lq = logSoftmax([1000, -1000]);
    expect(klLog(lp, lq)).toBeCloseTo(1000 - LN2, 10);
    expect(crossEntropyLog(lp, lq)).toBeCloseTo(1000, 10);
    const m = measures(lp, lq);
    expect(Object.values(m).every((v) => !Number.isNaN(v))).toBe(true);
    expect(m.KLqp).toBeCloseTo(LN2, 12); // KL([1,0] ‖ [1/2,1/2])
  });
  it("checkDistribution rejects negative probabilities and sums ≠ 1 with a readable message", () => {
    expect(() => checkDistribution([-0.2, 1.2])).toThrow(/negative/);
    expect(() => checkDistribution([0.2, 0.2])).toThrow(/sum to 0.4/);
    expect(() => checkDistribution([NaN, 1])).toThrow(InputError);
  });
  it("toUnits and perplexity: ln 2 nats = 1 bit; perplexity(ln K) = K", () => {
    expect(toUnits(LN2, "bits")).toBeCloseTo(1, 15);
    expect(toUnits(1, "bits")).toBeCloseTo(1.4426950408889634, 15);
    expect(perplexity(Math.log(7))).toBeCloseTo(7, 12);
  });
});

describe("gradients", () => {
  it("crossEntropyGradLogits(p, z) = softmax(z) - p matches central finite differences", () => {
    fc.assert(
      fc.property(distPair, ([a, b]) => {
        const p = normalise(a);
        const z = b.map((v) => 4 * Math.log(v)); // logits in about [-18, 0]
        const g = crossEntropyGradLogits(p, z);
        const h = 1e-5;
        const lp = Float64Array.from(p, Math.log);
        for (let i = 0; i < z.length; i++) {
          const up = z.slice();
          const dn = z.slice();
          up[i] += h;
          dn[i] -= h;
          const fd = (crossEntropyLog(lp, logSoftmax(up)) - crossEntropyLog(lp, logSoftmax(dn))) / (2 * h);
          expect(g[i]).toBeCloseTo(fd, 6);
        }
      }),
      {seed: 3, numRuns: 50}
    );
  });
});

describe("editing and paths", () => {
  it("setProbability(p, i, v) sets p_i = v, keeps the others' ratios, sums to 1", () => {
    const p = setProbability([0.2, 0.3, 0.5], 0, 0.6);
    expect(p[0]).toBe(0.6);
    expect(p[1] / p[2]).toBeCloseTo(0.3 / 0.5, 14);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 14);
    expect(Array.from(setProbability([1, 0, 0], 0, 0.4))).toEqual([0.4, 0.3, 0.3]);
    expect(() => setProbability([0.5, 0.5], 0, -0.1)).toThrow(InputError);
  });
  it("logitsFor(p, T) reproduces p at temperature T", () => {
    const p = [0.1, 0.6, 0.3];
    const back = softmax(logitsFor(p, 2.5), 2.5);
    p.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 14));
  });
  it("temperaturePath: CE - KL = H(p) everywhere, both minimised at τ = T_p where KL = 0", () => {
    const z = [2, 0.5, -1, 0];
    const taus = linspace(0.1, 10, 201, true);
    const path = temperaturePath(z, 1, taus);
    const hp = entropy(softmax(z));
    for (const pt of path) expect(pt.ce - pt.kl).toBeCloseTo(hp, 12);
    const best = path.reduce((a, b) => (b.kl < a.kl ? b : a));
    expect(best.t).toBeCloseTo(1, 1);
    expect(temperaturePath(z, 1, [1])[0].kl).toBe(0);
  });
  it("mixingPath: KL falls to 0 at λ = 1; CE ends at H(p)", () => {
    const p = [0.7, 0.2, 0.1];
    const q = [0.1, 0.1, 0.8];
    const path = mixingPath(p, q, linspace(0, 1, 11));
    for (let i = 1; i < path.length; i++) expect(path[i].kl).toBeLessThan(path[i - 1].kl); // convex in λ, minimum at 1
    expect(path[10].kl).toBe(0);
    expect(path[10].ce).toBeCloseTo(entropy(p), 14);
  });
});
