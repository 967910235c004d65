import {describe, expect, it} from "vitest";
import {mulberry32, randomNormal} from "../../labs/kit/random.js";
import {bestOfN, bonKlFormula, sampleBestOfN} from "../../labs/rlhf/bon.js";
import {simulateLabels, type Pair} from "../../labs/rlhf/labelers.js";
import {dpoInit, dpoLossGrad, dpoStep, implicitReward} from "../../labs/rlhf/dpo.js";
import {spearman} from "../../labs/rlhf/metrics.js";
import {frontier, logspace, optimalPolicy} from "../../labs/rlhf/optimum.js";
import {meanExpectation, meanKL, softmaxPerPrompt, winRate} from "../../labs/rlhf/policy.js";
import {DEFAULT_PPO, ppoInit, ppoPolicy, ppoStep} from "../../labs/rlhf/ppo.js";
import {sftInit, sftLogits, sftLossGrad, sftTrain} from "../../labs/rlhf/sft.js";
import {syntheticSpace, trainSpace, uniformPolicy} from "./helpers.js";

const space = trainSpace();
const piSft = softmaxPerPrompt(space, sftLogits(sftTrain(space)));
// A fixed reward: the hidden utility plus a length bonus (a stand-in for an imperfect RM).
const rm = Float64Array.from(space.utility, (u, i) => 0.8 * u + 0.02 * space.attrs[i].words);

describe("sftLossGrad / sftTrain", () => {
  it("gradient matches central differences", () => {
    const s = sftInit(space);
    const theta = Float64Array.from([0.3, -0.2, 0.5, 0.1, -0.4, 0.2]);
    const {grad} = sftLossGrad(s, theta);
    for (let f = 0; f < theta.length; f++) {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[f] += 1e-6;
      down[f] -= 1e-6;
      expect(grad[f]).toBeCloseTo((sftLossGrad(s, up).loss - sftLossGrad(s, down).loss) / 2e-6, 6);
    }
  });
  it("raises the likelihood of the demonstrations above the uniform start", () => {
    const s = sftTrain(space);
    expect(s.losses[s.losses.length - 1]).toBeLessThan(s.losses[0] - 0.2);
  });
});

describe("optimalPolicy(space, πref, r, β) = πref·exp(r/β)/Z", () => {
  it("beats random perturbations on E[r] − β·KL(π‖πref)", () => {
    const beta = 0.3;
    const star = optimalPolicy(space, piSft, rm, beta);
    const objective = (pi: Float64Array) => meanExpectation(space, pi, rm) - beta * meanKL(space, pi, piSft);
    const best = objective(star);
    const normal = randomNormal(mulberry32(7));
    for (let t = 0; t < 20; t++) {
      const z = Float64Array.from(star, (p) => Math.log(p) + 0.1 * normal());
      expect(objective(softmaxPerPrompt(space, z))).toBeLessThan(best);
    }
  });
  it("frontier: E_π*[r] rises and KL grows as β falls", () => {
    const f = frontier(space, piSft, rm, space.utility, logspace(10, 0.01, 12));
    for (let k = 1; k < f.length; k++) {
      expect(f[k].reward).toBeGreaterThanOrEqual(f[k - 1].reward - 1e-12);
      expect(f[k].kl).toBeGreaterThanOrEqual(f[k - 1].kl - 1e-12);
    }
  });
  it("rejects β ≤ 0 with a message", () => {
    expect(() => optimalPolicy(space, piSft, rm, 0)).toThrow(/β must be a number > 0/);
    expect(() => optimalPolicy(space, piSft, rm, -1)).toThrow(/β must be a number > 0/);
  });
});

describe("ppoStep", () => {
  it("with a very large β (1000) stays within KL 0.01 of π_SFT", () => {
    const s = ppoInit(space, piSft, rm, {...DEFAULT_PPO, beta: 1000}, mulberry32(1));
    while (s.step < 100) ppoStep(s);
    expect(s.history[100].kl).toBeLessThan(0.01);
  });
  for (const method of ["ppo", "reinforce"] as const)
    it(`${method} moves toward π* (KL(π‖π*) falls below 10% of its start)`, () => {
      const star = optimalPolicy(space, piSft, rm, 0.2);
      const s = ppoInit(space, piSft, rm, {...DEFAULT_PPO, method, beta: 0.2}, mulberry32(2), star);
      while (s.step < 200) ppoStep(s);
      expect(s.history[200].klToOptimum).toBeLessThan(0.1 * s.history[0].klToOptimum);
    });
  it("same seed → same curves; another seed → different", () => {
    const run = (seed: number) => {
      const s = ppoInit(space, piSft, rm, {...DEFAULT_PPO}, mulberry32(seed));
      while (s.step < 20) ppoStep(s);
      return s.history;
    };
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
  });
  it("rejects β ≤ 0 with a message", () => {
    expect(() => ppoInit(space, piSft, rm, {...DEFAULT_PPO, beta: 0}, mulberry32(1))).toThrow(/β must be a number > 0/);
  });
});

describe("dpoLossGrad / dpoStep", () => {
  it("gradient matches central differences", () => {
    const pairs = simulateLabels(space, {nPairs: 50, nLabelers: 2, noise: 1, disagreement: 0.3}, mulberry32(3));
    const s = dpoInit(space, piSft, pairs, {beta: 0.5, steps: 1, lr: 0.1});
    const z = Float64Array.from(s.z, (x, i) => x + 0.3 * Math.sin(i));
    const {grad} = dpoLossGrad(s, z);
    for (const i of [pairs[0].chosen, pairs[0].rejected, pairs[1].chosen]) {
      const up = Float64Array.from(z);
      const down = Float64Array.from(z);
      up[i] += 1e-6;
      down[i] -= 1e-6;
      expect(grad[i]).toBeCloseTo((dpoLossGrad(s, up).loss - dpoLossGrad(s, down).loss) / 2e-6, 6);
    }
  });
  it("on Bradley–Terry labels from a reward r, moves toward π* ∝ π_ref·exp(r/β)", () => {
    // 3 prompts × 4 candidates, 3000 labelled pairs per prompt drawn with P(i ≻ j) = σ(r_i − r_j)
    const small = syntheticSpace([4, 4, 4]);
    const r = Float64Array.from([0, 1, 2, -1, 0.5, 0.5, 1.5, 0, 2, 1, 0, -0.5]);
    const random = mulberry32(11);
    const pairs: Pair[] = [];
    for (let p = 0; p < 3; p++)
      for (let t = 0; t < 3000; t++) {
        const i = 4 * p + Math.floor(random() * 4);
        let j = 4 * p + Math.floor(random() * 3);
        if (j >= i) j++;
        const iWins = random() < 1 / (1 + Math.exp(-(r[i] - r[j])));
        pairs.push({chosen: iWins ? i : j, rejected: iWins ? j : i, labeler: 0, margin: 0});
      }
    const beta = 0.5;
    const ref = softmaxPerPrompt(small, Float64Array.from([0.2, -0.1, 0.4, 0, 0, 0.3, -0.2, 0.1, 0.5, 0, 0, -0.3]));
    const star = optimalPolicy(small, ref, r, beta);
    const s = dpoInit(small, ref, pairs, {beta, steps: 400, lr: 0.05}, {piStar: star});
    while (s.step < 400) dpoStep(s);
    expect(s.history[400].klToOptimum).toBeLessThan(0.05 * s.history[0].klToOptimum);
    // the implicit reward recovers r's ranking in each prompt
    const rhat = implicitReward(s);
    for (let p = 0; p < 3; p++) expect(spearman(rhat.slice(4 * p, 4 * p + 4), r.slice(4 * p, 4 * p + 4))).toBeGreaterThan(0.9);
  });
  it("rejects β ≤ 0, a missing reference and an empty label set with messages", () => {
    const pairs = simulateLabels(space, {nPairs: 5, nLabelers: 1, noise: 1, disagreement: 0}, mulberry32(3));
    expect(() => dpoInit(space, piSft, pairs, {beta: 0, steps: 1, lr: 0.1})).toThrow(/β must be a number > 0/);
    expect(() => dpoInit(space, new Float64Array(0), pairs, {beta: 0.1, steps: 1, lr: 0.1})).toThrow(/reference policy/);
    expect(() => dpoInit(space, piSft, [], {beta: 0.1, steps: 1, lr: 0.1})).toThrow(/label set is empty/);
  });
});

describe("bestOfN / bonKlFormula", () => {
  it("KL of best-of-n over 4000 distinct, equally likely candidates matches log n − (n−1)/n (±0.01)", () => {
    const big = syntheticSpace([4000]);
    const ref = uniformPolicy(big);
    for (const n of [1, 2, 4, 16, 64]) expect(Math.abs(meanKL(big, bestOfN(big, ref, big.features, n), ref) - bonKlFormula(n))).toBeLessThan(0.01);
  });
  it("the formula matches sampling: binned KL of 20,000 best-of-n draws over 1000 candidates vs log n − (n−1)/n (±0.04)", () => {
    const big = syntheticSpace([1000]);
    const ref = uniformPolicy(big);
    const random = mulberry32(12);
    const B = 20;
    for (const n of [2, 4, 8]) {
      const bins = new Float64Array(B);
      const S = 20000;
      for (let t = 0; t < S; t++) bins[Math.floor((sampleBestOfN(big, ref, big.features, n, 0, random) / 1000) * B)] += 1 / S;
      let kl = 0;
      for (const q of bins) if (q > 0) kl += q * Math.log(q * B);
      expect(Math.abs(kl - bonKlFormula(n))).toBeLessThan(0.04);
    }
  });
  it("exact best-of-n matches the frequencies of sampled best-of-n on the lab's data (±0.02)", () => {
    const b = bestOfN(space, piSft, rm, 4);
    const random = mulberry32(13);
    const counts = new Float64Array(space.nResponses);
    const S = 4000;
    for (let t = 0; t < S; t++) counts[sampleBestOfN(space, piSft, rm, 4, 0, random)] += 1 / S;
    for (let i = space.offsets[0]; i < space.offsets[1]; i++) expect(Math.abs(counts[i] - b[i])).toBeLessThan(0.02);
  });
  it("with few candidates the formula is only an upper bound (8 candidates, n = 64)", () => {
    const few = syntheticSpace([8]);
    const ref = uniformPolicy(few);
    const kl = meanKL(few, bestOfN(few, ref, few.features, 64), ref);
    expect(kl).toBeLessThanOrEqual(Math.log(8) + 1e-12); // can never exceed log(1/π_ref(best))
    expect(kl).toBeLessThan(bonKlFormula(64) - 1);
  });
  it("rejects n < 1 and non-integer n with a message", () => {
    expect(() => bonKlFormula(0)).toThrow(/n must be a whole number ≥ 1/);
    expect(() => bestOfN(space, piSft, rm, 2.5)).toThrow(/n must be a whole number ≥ 1/);
  });
});

describe("winRate(space, π, ρ, v)", () => {
  it("is ½ against itself and 1 for the argmax policy against a policy with no mass on it", () => {
    const s = syntheticSpace([3]);
    const pi = Float64Array.from([0.2, 0.3, 0.5]);
    expect(winRate(s, pi, pi, s.features)).toBeCloseTo(0.5, 12);
    expect(winRate(s, Float64Array.from([0, 0, 1]), Float64Array.from([0.5, 0.5, 0]), s.features)).toBe(1);
  });
});

describe("dpoStep determinism", () => {
  it("same pairs → same DPO curves (no randomness inside DPO)", () => {
    const pairs = simulateLabels(space, {nPairs: 200, nLabelers: 3, noise: 1, disagreement: 0.3}, mulberry32(21));
    const run = () => {
      const s = dpoInit(space, piSft, pairs, {beta: 0.1, steps: 30, lr: 0.05});
      while (s.step < 30) dpoStep(s);
      return s.history;
    };
    expect(run()).toEqual(run());
  });
});
