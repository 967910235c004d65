// The page's view-model (labs/rlhf/view.ts), the input checks of the lab's entry points, the exact
// rejection sampler, the least-squares head (the ceiling of a frozen backbone), controls and the
// init/step algorithms behind loopStepper.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {readControl, checkSpec, type ControlSpec} from "../../labs/kit/controls.js";
import {canonical} from "../../labs/kit/first-state.js";
import {loopStepper} from "../../labs/kit/loop.js";
import {InputError} from "../../labs/kit/params.js";
import {mulberry32} from "../../labs/kit/random.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {bestOfN} from "../../labs/rlhf/bon.js";
import {CONTROLS, configsFrom, DEFAULT_VALUES, betaOf} from "../../labs/rlhf/controls.js";
import {buildSpace} from "../../labs/rlhf/dataset.js";
import {dpoInit} from "../../labs/rlhf/dpo.js";
import {simulateLabels} from "../../labs/rlhf/labelers.js";
import {frozenHeadCeiling, leastSquaresHead} from "../../labs/rlhf/linear-probe.js";
import {sigmoid, softplus} from "../../labs/rlhf/logistic.js";
import {spearman} from "../../labs/rlhf/metrics.js";
import {frontier, logspace, optimalPolicy} from "../../labs/rlhf/optimum.js";
import {softmaxPerPrompt} from "../../labs/rlhf/policy.js";
import {DEFAULT_PPO, ppoInit} from "../../labs/rlhf/ppo.js";
import {acceptanceRate, acceptProbability, sampleRejection} from "../../labs/rlhf/rejection.js";
import {rewardsOf} from "../../labs/rlhf/reward.js";
import {rmAlgorithm} from "../../labs/rlhf/rm-run.js";
import {sftAlgorithm, sftTrain, DEFAULT_SFT} from "../../labs/rlhf/sft.js";
import {candidateLabel, centredPerPrompt, lengthStance, readerPair, topMass, whichAbove} from "../../labs/rlhf/view.js";
import {dataset, syntheticSpace, trainSpace, uniformPolicy} from "./helpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("softplus, sigmoid", () => {
  it("softplus(x) = log(1 + eˣ) at closed-form points and without overflow", () => {
    expect(softplus(0)).toBeCloseTo(Math.log(2), 15);
    expect(softplus(Math.log(3))).toBeCloseTo(Math.log(4), 15);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
  });
});

describe("view helpers", () => {
  it("candidateLabel names the attributes", () => {
    expect(candidateLabel({correct: 1, detail: 1, tone: 1, filler: 2, words: 40, factCheck: 1}, 2)).toBe("#3 right+detail polite +2 filler");
    expect(candidateLabel({correct: 0, detail: 0, tone: -1, filler: 0, words: 9, factCheck: 0}, 0)).toBe("#1 wrong rude");
  });
  it("centredPerPrompt subtracts each prompt's mean", () => {
    const space = syntheticSpace([2, 3]);
    expect(Array.from(centredPerPrompt(space, [1, 3, 0, 3, 6]))).toEqual([-1, 1, -3, 0, 3]);
  });
  it("lengthStance(features, params): the verb follows the sign of the length weight; no length feature → null (issue 9.7)", () => {
    const f = ["fact-check", "polite", "rude", "length (words/25)"];
    expect(lengthStance(f, [1, 1, 1, 0.3, 0])).toEqual({weight: 0.3, verb: "pays for"});
    expect(lengthStance(f, [1, 1, 1, -0.096, 0])).toEqual({weight: -0.096, verb: "charges for"});
    expect(lengthStance(f, [1, 1, 1, 0.004, 0])?.verb).toBe("is almost indifferent to");
    expect(lengthStance(["correct", "detail", "polite", "rude", "filler"], [1, 2, 3, 4, 5, 0])).toBeNull();
  });
  it("whichAbove", () => {
    expect(whichAbove([2, 3], [1, 2])).toBe("a");
    expect(whichAbove([0, 1], [1, 2])).toBe("b");
    expect(whichAbove([0, 3], [1, 2])).toBe("crossing");
  });
  it("readerPair draws two distinct candidates of one prompt, the same for the same (seed, k)", () => {
    const space = trainSpace();
    for (let k = 0; k < 50; k++) {
      const {prompt, a, b} = readerPair(space, 42, k);
      expect(a).not.toBe(b);
      for (const y of [a, b]) expect(y >= space.offsets[prompt] && y < space.offsets[prompt + 1]).toBe(true);
    }
    expect(readerPair(space, 42, 3)).toEqual(readerPair(space, 42, 3));
  });
  it("topMass sums π over each prompt's top-reward candidates", () => {
    const space = syntheticSpace([2, 2]);
    expect(topMass(space, [0.3, 0.7, 0.5, 0.5], [1, 0, 2, 2])).toBeCloseTo((0.3 + 1) / 2, 15);
  });
});

describe("the default page's figures (issue 9.6)", () => {
  it("along π*'s frontier for the default RM, the hidden utility lies above the RM's reward (the page says so from whichAbove)", async () => {
    const c = configsFrom(DEFAULT_VALUES);
    const rm = await runToEnd(loopStepper(rmAlgorithm, {dataset, ...c.rmKey}), {stepsPerCall: 50});
    const space = trainSpace();
    const piSft = softmaxPerPrompt(space, Float64Array.from(space.attrs.map(() => 0)));
    const sft = await runToEnd(loopStepper(sftAlgorithm, {space, ...c.sftKey}), {stepsPerCall: 50});
    const front = frontier(space, Float64Array.from(sft.pi), Float64Array.from(rm.rewards), space.utility, logspace(20, 0.005, 48));
    // the reference: every point compared directly
    expect(front.every((f) => f.utility > f.reward)).toBe(true);
    expect(whichAbove(front.map((f) => f.reward), front.map((f) => f.utility))).toBe("b");
    expect(piSft.length).toBe(space.nResponses);
  });
});

describe("leastSquaresHead (the best a frozen backbone allows, issue 9.3)", () => {
  it("satisfies the normal equations: the residual is orthogonal to every feature and to the bias", () => {
    const space = trainSpace("surface");
    const w = leastSquaresHead(space, space.utility);
    const fit = rewardsOf(space, w);
    for (let d = 0; d <= space.dim; d++) {
      let dot = 0;
      for (let i = 0; i < space.nResponses; i++) dot += (fit[i] - space.utility[i]) * (d < space.dim ? space.features[i * space.dim + d] : 1);
      expect(Math.abs(dot)).toBeLessThan(1e-8);
    }
  });
  it("recovers the hidden utility exactly on the oracle features (Spearman 1) but not on the surface features", () => {
    const oracle = buildSpace(dataset, {split: "heldout", backbone: "oracle"});
    const surface = buildSpace(dataset, {split: "heldout", backbone: "surface"});
    const w = leastSquaresHead(oracle, oracle.utility);
    expect(Array.from(w)).toEqual([2.5, 1.2, 0.6, -1.0, -0.3, 0].map((x) => expect.closeTo(x, 10)));
    const fit = rewardsOf(oracle, w);
    for (let i = 0; i < fit.length; i++) expect(fit[i]).toBeCloseTo(oracle.utility[i], 10);
    expect(frozenHeadCeiling(oracle)).toBe(1);
    expect(frozenHeadCeiling(surface)).toBeLessThan(0.95);
  });
});

describe("rejection sampling (the notes' definition, against best-of-n)", () => {
  const space = syntheticSpace([3, 4]);
  const piRef = Float64Array.from([0.5, 0.3, 0.2, 0.1, 0.2, 0.3, 0.4]);
  const r = Float64Array.from([0, 1, 0.5, 2, 0, 1, 0.3]);
  const beta = 0.7;
  it("acceptanceRate = mean over prompts of Σ π_ref·e^{(r − max r)/β}, matched by 40,000 simulated draws (±0.01)", () => {
    const closed = (0.5 * Math.exp(-1 / beta) + 0.3 + 0.2 * Math.exp(-0.5 / beta) + 0.1 + 0.2 * Math.exp(-2 / beta) + 0.3 * Math.exp(-1 / beta) + 0.4 * Math.exp(-1.7 / beta)) / 2;
    expect(acceptanceRate(space, piRef, r, beta)).toBeCloseTo(closed, 12);
    const random = mulberry32(5);
    const accept = acceptProbability(space, r, beta);
    let draws = 0;
    const n = 20_000;
    for (let k = 0; k < n; k++) draws += sampleRejection(space, piRef, accept, 0, random).draws;
    const prompt0 = 0.5 * Math.exp(-1 / beta) + 0.3 + 0.2 * Math.exp(-0.5 / beta);
    expect(n / draws).toBeCloseTo(prompt0, 2);
  });
  it("its accepted draws follow π* = optimalPolicy(π_ref, r, β) (±0.01 over 40,000 draws); best-of-n's do not", () => {
    const star = optimalPolicy(space, piRef, r, beta);
    const accept = acceptProbability(space, r, beta);
    const random = mulberry32(6);
    const counts = new Float64Array(7);
    const n = 40_000;
    for (let k = 0; k < n; k++) counts[sampleRejection(space, piRef, accept, 1, random).y] += 1 / n;
    for (let i = 3; i < 7; i++) expect(Math.abs(counts[i] - star[i])).toBeLessThan(0.01);
    const bon = bestOfN(space, piRef, r, 4);
    expect(Math.abs(bon[3] - star[3])).toBeGreaterThan(0.05);
  });
});

describe("entry points refuse inputs outside their domain with an InputError naming the value (issue 10.3)", () => {
  const space = trainSpace();
  const piSft = softmaxPerPrompt(space, sftTrain(space).theta.length ? new Float64Array(space.nResponses) : new Float64Array(0));
  const pairs = simulateLabels(space, {nPairs: 40, nLabelers: 1, noise: 1, disagreement: 0}, mulberry32(2));
  it("dpoInit: π_ref = 0 for a response in a pair (log π_ref undefined) instead of training to NaN", () => {
    const ref = Float64Array.from(piSft);
    const y = pairs[0].chosen;
    const p = space.offsets.findIndex((o, k) => y >= o && y < space.offsets[k + 1]);
    const others = space.offsets[p + 1] - space.offsets[p] - 1;
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) ref[i] = i === y ? 0 : 1 / others;
    const run = () => dpoInit(space, ref, pairs, {beta: 0.1, steps: 5, lr: 0.05});
    expect(run).toThrow(InputError);
    expect(run).toThrow(`pair 1 uses response ${y}, where π_ref = 0`);
  });
  it("optimalPolicy, bestOfN, ppoInit: a reward that is not a number, a π_ref that does not sum to 1", () => {
    const bad = Float64Array.from(space.utility);
    bad[7] = NaN;
    expect(() => optimalPolicy(space, piSft, bad, 0.1)).toThrow("reward r of response 7 must be a finite number, got NaN");
    expect(() => bestOfN(space, piSft, bad, 4)).toThrow(InputError);
    const half = piSft.map((x) => x / 2);
    expect(() => ppoInit(space, half, space.utility, DEFAULT_PPO, mulberry32(1))).toThrow(/π_ref must sum to 1 over each prompt's candidates; prompt 0 sums to 0\.5/);
  });
  it("uniform policies pass", () => {
    expect(() => optimalPolicy(space, uniformPolicy(space), space.utility, 0.1)).not.toThrow();
  });
});

describe("controls (labs/rlhf/controls.ts)", () => {
  it("every default reads back as itself, and old links keep their meaning", () => {
    for (const spec of Object.values(CONTROLS)) expect(() => checkSpec(spec as ControlSpec)).not.toThrow();
    expect(readControl(CONTROLS.center, "0.01")).toEqual({ok: true, value: "0.01"});
    expect(readControl(CONTROLS.n, "64")).toEqual({ok: true, value: "64"});
    expect(readControl(CONTROLS.logbeta, "-0.5")).toEqual({ok: true, value: -0.5});
    expect(betaOf(CONTROLS.logbeta.value)).toBe(0.05);
    expect(betaOf(-0.5)).toBe(0.32);
  });
  it("a DPO β the select cannot show (?dpobeta=5) is refused, not replaced silently (issue 10.9)", () => {
    const read = readControl(CONTROLS.dpobeta, "5");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain("DPO β must be one of 0.05, 0.1, 0.2, 0.5, 1");
  });
  it("configsFrom: a PPO key changes with the RM's settings (so a first state is not shown for another RM)", () => {
    const a = configsFrom(DEFAULT_VALUES).ppoKey;
    const b = configsFrom({...DEFAULT_VALUES, backbone: "oracle"}).ppoKey;
    expect(canonical(a)).not.toBe(canonical(b));
    expect(canonical(configsFrom(DEFAULT_VALUES).ppoKey)).toBe(canonical(a));
  });
});

describe("loopStepper(sftAlgorithm): one loop for every run", () => {
  it("runs to the same θ as sftTrain and stops at progress 1", async () => {
    const space = trainSpace();
    const snap = await runToEnd(loopStepper(sftAlgorithm, {space, sft: DEFAULT_SFT}), {stepsPerCall: 40});
    expect(snap.step).toBe(DEFAULT_SFT.steps);
    expect(snap.progress).toBe(1);
    expect(snap.theta).toEqual(Array.from(sftTrain(space).theta));
  });
});
