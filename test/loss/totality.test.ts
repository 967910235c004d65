// Issue 10.1: every labs/loss function that takes reader-controlled numbers is total over the range its
// validator accepts: property tests over each accepted domain, extremes included (subnormal and huge
// temperatures, logits of ±1e308 and -∞), asserting no NaN and the documented limits.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {logSoftmax, measures, softmax, temperatureSweep, mixingPath, toUnits, perplexity} from "../../labs/loss/categorical.js";
import {optimalLogitGap, sameLossSituations, smoothedLossAtGap, smoothingPerplexity} from "../../labs/loss/smoothing.js";
import {mixtureMoments} from "../../labs/loss/gaussian.js";
import {initKlFit, snapshotKlFit} from "../../labs/loss/kl-objective.js";
import {readControl} from "../../labs/kit/controls.js";
import {checkLogitCount, logitSpec} from "../../labs/loss/controls.js";
import {InputError} from "../../labs/kit/params.js";
import {compareLossScale} from "../../labs/loss/loss-scale.js";

const runs = {seed: 11, numRuns: 300};
/** Any double logSoftmax accepts: finite (to ±1.8e308) or -∞, at least one finite. */
const anyLogit = fc.oneof(fc.double({noNaN: true, noDefaultInfinity: true}), fc.constant(-Infinity));
const anyLogits = fc.array(anyLogit, {minLength: 1, maxLength: 20}).filter((z) => z.some(Number.isFinite));
/** What the page's logit boxes accept: |z| <= 1e6 or -inf. */
const pageLogit = fc.oneof({weight: 5, arbitrary: fc.double({min: -1e6, max: 1e6, noNaN: true})}, {weight: 1, arbitrary: fc.constant(-Infinity)});
/** Any temperature logSoftmax accepts: a positive double, subnormals and the largest included. */
const anyT = fc.oneof(fc.double({min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true}), fc.constantFrom(Number.MIN_VALUE, 1e-309, 1e-303, Number.MAX_VALUE));
const pageT = fc.oneof(fc.double({min: Number.MIN_VALUE, max: 100, noNaN: true}), fc.constantFrom(Number.MIN_VALUE, 1e-309, 1e-303, 100));
const pair = fc.integer({min: 2, max: 20}).chain((K) => fc.tuple(fc.array(pageLogit, {minLength: K, maxLength: K}), fc.array(pageLogit, {minLength: K, maxLength: K}), pageT, pageT))
  .filter(([zp, zq]) => zp.some(Number.isFinite) && zq.some(Number.isFinite));

describe("softmax on legal extremes (issue 10.1)", () => {
  it("softmax([1e6, 0], 1e-303) = [1, 0]; softmax([1, 2], 1e-309) = [0, 1]; softmax([1e308, 1e308], 0.5) = [0.5, 0.5]", () => {
    expect(Array.from(softmax([1e6, 0], 1e-303))).toEqual([1, 0]);
    expect(Array.from(softmax([1, 2], 1e-309))).toEqual([0, 1]);
    expect(Array.from(softmax([1e308, 1e308], 0.5))).toEqual([0.5, 0.5]);
    expect(Array.from(softmax([1e308, -1e308], 1e-300))).toEqual([1, 0]);
  });
  it("softmax(z, T) over every accepted z and T: entries in [0, 1], no NaN, sum 1, -∞ logits get exactly 0", () => {
    fc.assert(fc.property(anyLogits, anyT, (z, T) => {
      const lp = logSoftmax(z, T);
      const p = softmax(z, T);
      let sum = 0;
      p.forEach((v, i) => {
        expect(Number.isNaN(v)).toBe(false);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(lp[i] <= 0).toBe(true);
        if (z[i] === -Infinity) expect(v).toBe(0);
        sum += v;
      });
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12 * z.length);
    }), runs);
  });
  it("softmax(z, T → 0) is one-hot on the largest logit (shared equally by ties)", () => {
    // At the smallest T (5e-324) the limit is reached for every gap max z − z_k above 745·T ≈ 4e-321.
    const separated = anyLogits.filter((z) => z.every((v) => v === Math.max(...z) || Math.max(...z) - v > 1e-300));
    fc.assert(fc.property(separated, (z) => {
      const max = Math.max(...z);
      const ties = z.filter((v) => v === max).length;
      Array.from(softmax(z, Number.MIN_VALUE)).forEach((v, i) => expect(v).toBeCloseTo(z[i] === max ? 1 / ties : 0, 14));
    }), runs);
  });
  it("softmax(z, T → ∞) is uniform over the classes with a finite logit", () => {
    fc.assert(fc.property(fc.array(pageLogit, {minLength: 1, maxLength: 20}).filter((z) => z.some(Number.isFinite)), (z) => {
      const finite = z.filter(Number.isFinite).length;
      Array.from(softmax(z, Number.MAX_VALUE)).forEach((v, i) => expect(v).toBeCloseTo(Number.isFinite(z[i]) ? 1 / finite : 0, 12));
    }), runs);
  });
});

describe("the page's measures over its whole input domain", () => {
  it("measures(logSoftmax(z_p, T_p), logSoftmax(z_q, T_q)): no NaN, all >= 0, KL(p‖q) = +∞ exactly when q = 0 < p somewhere", () => {
    fc.assert(fc.property(pair, ([zp, zq, Tp, Tq]) => {
      const lp = logSoftmax(zp, Tp);
      const lq = logSoftmax(zq, Tq);
      const m = measures(lp, lq);
      for (const v of Object.values(m)) {
        expect(Number.isNaN(v)).toBe(false);
        expect(v).toBeGreaterThanOrEqual(0);
      }
      // q = 0 means a probability that is exactly zero (log q = -∞), not one that underflows to 0 in a float.
      const qZeroWherePPositive = Array.from(lq).some((v, i) => v === -Infinity && lp[i] > -Infinity);
      expect(m.KLpq === Infinity).toBe(qZeroWherePPositive);
      expect(m.CEpq === Infinity).toBe(qZeroWherePPositive);
      expect(Number.isFinite(m.Hp)).toBe(true);
      for (const v of [toUnits(m.KLpq, "bits"), perplexity(m.Hp)]) expect(Number.isNaN(v)).toBe(false);
    }), runs);
  });
  it("temperatureSweep(z_p, T_p) for any page T_p (subnormal included): finite τ > 0, no NaN, CE − KL = H(p) where finite", () => {
    fc.assert(fc.property(fc.array(pageLogit, {minLength: 2, maxLength: 20}).filter((z) => z.some(Number.isFinite)), pageT, (z, T) => {
      const path = temperatureSweep(z, T, 21);
      for (const pt of path) {
        expect(pt.t > 0 && Number.isFinite(pt.t)).toBe(true);
        for (const v of [pt.ce, pt.kl, pt.hp]) expect(Number.isNaN(v)).toBe(false);
        if (Number.isFinite(pt.ce) && pt.ce < 1e6) expect(pt.ce - pt.kl).toBeCloseTo(pt.hp, 6);
      }
    }), {seed: 5, numRuns: 100});
  });
  it("mixingPath(p, q) from page distributions: no NaN, KL(p‖q_1) = 0", () => {
    fc.assert(fc.property(pair, ([zp, zq, Tp, Tq]) => {
      const p = softmax(zp, Tp);
      const q = softmax(zq, Tq);
      const path = mixingPath(p, q, [0, 0.25, 0.5, 1]);
      for (const pt of path) for (const v of [pt.ce, pt.kl, pt.hp]) expect(Number.isNaN(v)).toBe(false);
      expect(path[3].kl).toBe(0);
    }), runs);
  });
  it("the logit boxes (readControl(logitSpec) + checkLogitCount) accept exactly what logSoftmax can take", () => {
    fc.assert(fc.property(fc.array(pageLogit, {minLength: 2, maxLength: 20}), (z) => {
      const text = z.map((v) => (v === -Infinity ? "-inf" : String(v))).join(", ");
      const read = readControl(logitSpec("p", z.length, 1), text);
      const parsed = read.ok ? checkLogitCount(read.value as number[], z.length, "p") : read;
      expect(parsed.ok).toBe(z.some(Number.isFinite));
      if (parsed.ok) expect(Array.from(softmax(parsed.value, 1e-300)).some(Number.isNaN)).toBe(false);
    }), runs);
  });
});

describe("label smoothing, the same-loss situations and the loss-scale callout over their domains", () => {
  it("optimalLogitGap, smoothedLossAtGap, smoothingPerplexity for K in 2..20, ε in [0, 1]: no NaN, gap >= 0", () => {
    fc.assert(fc.property(fc.integer({min: 2, max: 20}), fc.oneof(fc.double({min: 0, max: 1, noNaN: true}), fc.constantFrom(0, 1, Number.MIN_VALUE)), fc.double({min: 0, max: 24, noNaN: true}), (K, eps, gap) => {
      const best = optimalLogitGap(K, eps);
      expect(best >= 0).toBe(true);
      expect(Number.isNaN(smoothedLossAtGap(K, eps, gap))).toBe(false);
      const oneHot = Array.from({length: K}, (_, i) => (i === 0 ? 1 : 0));
      const r = smoothingPerplexity(oneHot, eps);
      expect(Number.isNaN(r.smoothed)).toBe(false);
      expect(r.smoothed).toBeGreaterThanOrEqual(r.optimum);
    }), runs);
  });
  it("sameLossSituations(ce, K) for ce in (0, 1.8e308]: no NaN; the poor model's CE is ce", () => {
    fc.assert(fc.property(fc.double({min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true}), fc.integer({min: 2, max: 20}), (ce, K) => {
      const {perfect, poor} = sameLossSituations(ce, K);
      for (const v of poor.q) expect(Number.isNaN(v)).toBe(false);
      expect(poor.CE).toBe(ce);
      if (perfect) expect(perfect.Hp).toBeCloseTo(ce, 6);
    }), {seed: 2, numRuns: 100});
  });
  it("compareLossScale(p, c = 10) on any page distribution: no NaN", () => {
    fc.assert(fc.property(pair, ([zp, , Tp]) => {
      const p = softmax(zp, Tp);
      for (const optimizer of ["sgd", "adam"] as const) {
        const r = compareLossScale(p, {scale: 10, optimizer, lr: 0.1, steps: 5});
        for (const v of [r.firstStepRatio, r.lossPlain, r.lossScaled]) expect(Number.isNaN(v)).toBe(false);
      }
    }), {seed: 4, numRuns: 100});
  });
});

describe("the Gaussian fit over the page's control ranges", () => {
  it("initKlFit for distance 0..20, σ 0.05..5, weight 0.05..0.95, any seed: finite start, both KLs finite and >= 0", () => {
    fc.assert(fc.property(fc.double({min: 0, max: 20, noNaN: true}), fc.double({min: 0.05, max: 5, noNaN: true}), fc.double({min: 0.05, max: 0.95, noNaN: true}), fc.integer({min: 0, max: 2 ** 32 - 1}), (sep, sd, w, seed) => {
      const mixture = {weights: [w, 1 - w], means: [-sep / 2, sep / 2], sds: [sd, sd]};
      const {variance} = mixtureMoments(mixture);
      expect(variance).toBeGreaterThan(0);
      const s = snapshotKlFit(initKlFit({mixture, learningRate: 0.1, steps: 10, seed, gridSize: 200}));
      for (const f of [s.forward, s.reverse]) for (const v of [f.mu, f.sd, f.klPQ, f.klQP]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v === f.mu || v >= 0).toBe(true);
      }
    }), {seed: 8, numRuns: 60});
  });
});

describe("entry points refuse inputs outside their domain with an InputError naming the value (issue 10.3)", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["logSoftmax([1, NaN])", () => logSoftmax([1, NaN]), /got NaN/],
    ["logSoftmax([1, 2], -1)", () => logSoftmax([1, 2], -1), /got -1/],
    ["toUnits(NaN)", () => toUnits(NaN, "nats"), /got NaN/],
    ["perplexity(-1)", () => perplexity(-1), /got -1/],
    ["measures([0.5, NaN], …)", () => measures([Math.log(0.5), NaN], [0, -Infinity]), /got NaN/],
    ["measures(log p > 0)", () => measures([2, 0], [0, -Infinity]), /got 2/],
    ["mixingPath(p, q) with λ = 2", () => mixingPath([0.5, 0.5], [0.5, 0.5], [2]), /got 2/],
    ["mixingPath(negative p)", () => mixingPath([-0.5, 1.5], [0.5, 0.5], [0]), /-0.5 is negative/],
    ["temperatureSweep(z, 0)", () => temperatureSweep([1, 2], 0), /got 0/],
    ["smoothedLossAtGap(4, 0.1, NaN)", () => smoothedLossAtGap(4, 0.1, NaN), /got NaN/],
    ["optimalLogitGap(4, 1.5)", () => optimalLogitGap(4, 1.5), /got 1.5/],
    ["sameLossSituations(-1, 4)", () => sameLossSituations(-1, 4), /got -1/],
    ["mixtureMoments(σ = 0)", () => mixtureMoments({weights: [1], means: [0], sds: [0]}), /got 0/],
    ["initKlFit(seed = 1.5)", () => initKlFit({mixture: {weights: [1], means: [0], sds: [1]}, learningRate: 0.1, steps: 10, seed: 1.5}), /got 1.5/],
    ["compareLossScale(scale = -2)", () => compareLossScale([0.5, 0.5], {scale: -2, optimizer: "sgd", lr: 0.1, steps: 1}), /got -2/]
  ];
  for (const [call, f, message] of cases) {
    it(`${call} throws an InputError naming the value`, () => {
      expect(f).toThrow(InputError);
      expect(f).toThrow(message);
    });
  }
});
