import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {crossEntropy, crossEntropyGradLogits, entropy, kl, softmax} from "../../labs/loss/categorical.js";
import {optimalLogitGap, sameLossSituations, smoothTargets, smoothedLossAtGap, smoothedOneHot, smoothingPerplexity} from "../../labs/loss/smoothing.js";
import {mulberry32} from "../../labs/kit/random.js";

describe("label smoothing", () => {
  it("smoothedOneHot(4, 1, 0.2) = [0.05, 0.85, 0.05, 0.05]", () => {
    const y = smoothedOneHot(4, 1, 0.2);
    [0.05, 0.85, 0.05, 0.05].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 15));
  });
  it("optimalLogitGap(10, 0.1) = ln 91 and is the argmin of smoothedLossAtGap (brute force over a grid)", () => {
    expect(optimalLogitGap(10, 0.1)).toBeCloseTo(Math.log(91), 14);
    let best = {gap: 0, loss: Infinity};
    for (let gap = 0; gap <= 20; gap += 0.001) {
      const loss = smoothedLossAtGap(10, 0.1, gap);
      if (loss < best.loss) best = {gap, loss};
    }
    expect(best.gap).toBeCloseTo(Math.log(91), 2);
  });
  it("optimalLogitGap(K, 0) = ∞: without smoothing the loss keeps falling as the gap grows", () => {
    expect(optimalLogitGap(5, 0)).toBe(Infinity);
    let previous = Infinity;
    for (let gap = 0; gap <= 30; gap += 1) {
      const loss = smoothedLossAtGap(5, 0, gap);
      expect(loss).toBeLessThan(previous);
      previous = loss;
    }
  });
  it("gradient descent on logits under smoothed targets converges to q = smoothTargets(p, ε)", () => {
    const p = [0.6, 0.3, 0.1, 0, 0];
    const target = smoothTargets(p, 0.1);
    const z = new Float64Array(5);
    for (let t = 0; t < 5000; t++) {
      const g = crossEntropyGradLogits(target, z);
      for (let i = 0; i < 5; i++) z[i] -= 1.0 * g[i];
    }
    const q = softmax(z);
    target.forEach((v, i) => expect(q[i]).toBeCloseTo(v, 8));
  });
  it("no random q beats the smoothed targets under CE (Gibbs' inequality, 2000 draws)", () => {
    const target = smoothTargets([0, 1, 0, 0, 0, 0], 0.1);
    const floor = crossEntropy(target, target);
    const random = mulberry32(11);
    for (let n = 0; n < 2000; n++) {
      const raw = Array.from({length: 6}, () => random() + 1e-9);
      const s = raw.reduce((a, b) => a + b, 0);
      expect(crossEntropy(target, raw.map((v) => v / s))).toBeGreaterThanOrEqual(floor);
    }
  });
  it("smoothingPerplexity(one-hot, 0.1) with K = 10: perplexity 1 becomes 1/0.91", () => {
    const p = new Array(10).fill(0);
    p[3] = 1;
    const r = smoothingPerplexity(p, 0.1);
    expect(r.optimum).toBe(1);
    expect(r.smoothed).toBeCloseTo(1 / 0.91, 12);
  });
  it("smoothTargets rejects ε outside [0, 1]", () => {
    expect(() => smoothTargets([1, 0], 1.5)).toThrow(InputError);
    expect(() => optimalLogitGap(1, 0.1)).toThrow(/K must be/);
  });
});

describe("sameLossSituations", () => {
  it("sameLossSituations(ce, K) gives two models with CE = ce: one with KL = 0, one with H(p) = 0", () => {
    for (const [ce, K] of [[0.5, 3], [1.2, 10], [2.5, 4]] as const) {
      const {perfect: maybe, poor} = sameLossSituations(ce, K);
      const perfect = maybe!;
      expect(crossEntropy(perfect.p, perfect.q)).toBeCloseTo(ce, 10);
      expect(kl(perfect.p, perfect.q)).toBe(0);
      expect(crossEntropy(poor.p, poor.q)).toBeCloseTo(ce, 12);
      expect(entropy(poor.p)).toBe(0);
      expect(kl(poor.p, poor.q)).toBeCloseTo(ce, 12);
      expect(Math.log(perfect.K)).toBeGreaterThan(ce);
    }
    expect(sameLossSituations(1000, 5).perfect).toBeNull(); // would need e^1000 classes
    expect(sameLossSituations(1000, 5).poor.KL).toBe(1000);
  });
});
