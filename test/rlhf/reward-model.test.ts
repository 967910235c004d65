import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {buildSpace} from "../../labs/rlhf/dataset.js";
import {simulateLabels, validatePairs, type Pair} from "../../labs/rlhf/labelers.js";
import {metricsCalibration} from "./calibration-helper.js";
import {btLoss, calibration, pairwiseAccuracy, rewardsOf, rmGradient, rmInit, rmParams, rmStep, rmDispose} from "../../labs/rlhf/reward-model.js";
import {spearman} from "../../labs/rlhf/metrics.js";
import {rmAlgorithm} from "../../labs/rlhf/rm-run.js";
import {loopStepper} from "../../labs/kit/loop.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {dataset, trainSpace} from "./helpers.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("rmGradient (tfjs autodiff) vs finite differences of btLoss", () => {
  const space = trainSpace();
  const pairs = simulateLabels(space, {nPairs: 60, nLabelers: 2, noise: 1, disagreement: 0.3}, mulberry32(3));
  for (const config of [
    {useMargin: false, centerCoef: 0, l2: 0},
    {useMargin: true, centerCoef: 0.01, l2: 0.01}
  ]) {
    it(`matches central differences (margin ${config.useMargin}, centering ${config.centerCoef})`, () => {
      const s = rmInit(space, pairs, {steps: 1, lr: 0.1, ...config});
      const params = [0.7, -0.3, 0.5, 0.2, 0.1];
      const g = rmGradient(s, params);
      const h = 1e-5;
      for (let k = 0; k < params.length; k++) {
        const up = [...params];
        const down = [...params];
        up[k] += h;
        down[k] -= h;
        const fd = (btLoss(space, pairs, up, config) - btLoss(space, pairs, down, config)) / (2 * h);
        expect(g[k]).toBeCloseTo(fd, 3); // tfjs computes in float32
      }
      rmDispose(s);
    });
  }
  it("btLoss at zero parameters is log 2 (σ(0) = ½)", () => {
    expect(btLoss(space, pairs, [0, 0, 0, 0, 0], {useMargin: false, centerCoef: 0, l2: 0})).toBeCloseTo(Math.log(2), 12);
  });
});

describe("rmStep: training the head", () => {
  it("with noise-free labels and enough pairs ranks held-out responses like the true utility (Spearman ≥ 0.9)", () => {
    const train = buildSpace(dataset, {split: "train", backbone: "oracle"});
    const held = buildSpace(dataset, {split: "heldout", backbone: "oracle"});
    const pairs = simulateLabels(train, {nPairs: 1500, nLabelers: 1, noise: 0, disagreement: 0}, mulberry32(4));
    const s = rmInit(train, pairs, {steps: 300, lr: 0.05, useMargin: false, centerCoef: 0, l2: 0});
    while (s.step < 300) rmStep(s);
    const r = rewardsOf(held, rmParams(s));
    expect(spearman(r, held.utility)).toBeGreaterThanOrEqual(0.9);
    expect(s.history[299].loss).toBeLessThan(s.history[0].loss);
    rmDispose(s);
  });
  it("reward centering pulls the mean reward of the pairs toward 0", () => {
    const space = trainSpace();
    const pairs = simulateLabels(space, {nPairs: 300, nLabelers: 3, noise: 1, disagreement: 0.3}, mulberry32(5));
    const meanPairReward = (coef: number) => {
      const s = rmInit(space, pairs, {steps: 200, lr: 0.05, useMargin: false, centerCoef: coef, l2: 0});
      // start the bias away from 0 so that only the centering term can bring it back
      s.b.assign(tf.tensor1d([3]));
      while (s.step < 200) rmStep(s);
      const r = rewardsOf(space, rmParams(s));
      rmDispose(s);
      return Math.abs(pairs.reduce((acc, p) => acc + r[p.chosen] + r[p.rejected], 0) / (2 * pairs.length));
    };
    expect(meanPairReward(0.1)).toBeLessThan(0.3);
    expect(meanPairReward(0)).toBeGreaterThan(2);
  });
});

describe("pairwiseAccuracy, calibration", () => {
  it("pairwiseAccuracy counts chosen-above-rejected, ties as ½", () => {
    const space = trainSpace();
    const r = new Float64Array(space.nResponses);
    r[0] = 1;
    const pairs: Pair[] = [
      {chosen: 0, rejected: 1, labeler: 0, margin: 0},
      {chosen: 1, rejected: 0, labeler: 0, margin: 0},
      {chosen: 1, rejected: 2, labeler: 0, margin: 0}
    ];
    expect(pairwiseAccuracy(space, pairs, r)).toBeCloseTo(1.5 / 3, 12);
  });
  it("calibration of the true Bradley–Terry reward is within 0.06 of the diagonal (6000 pairs, τ=1)", () => {
    const space = trainSpace();
    const pairs = simulateLabels(space, {nPairs: 6000, nLabelers: 1, noise: 1, disagreement: 0}, mulberry32(6));
    const bins = metricsCalibration(calibration(pairs, space.utility, 5));
    expect(bins.length).toBeGreaterThanOrEqual(3);
    for (const bin of bins) expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.06);
  });
});

describe("validatePairs (bad input)", () => {
  const space = trainSpace();
  it("rejects a pair with chosen == rejected", () => {
    expect(() => validatePairs(space, [{chosen: 3, rejected: 3, labeler: 0, margin: 0}])).toThrow(/chosen == rejected/);
  });
  it("rejects an empty label set", () => {
    expect(() => validatePairs(space, [])).toThrow(/label set is empty/);
    expect(() => rmInit(space, [])).toThrow(/label set is empty/);
  });
  it("rejects a pair across two prompts", () => {
    expect(() => validatePairs(space, [{chosen: 0, rejected: space.nResponses - 1, labeler: 0, margin: 0}])).toThrow(/different prompts/);
  });
});

describe("loopStepper(rmAlgorithm, config): the notebook's RM run", () => {
  const config = (seed: number, source: "simulated" | "mine" = "simulated") => ({
    dataset,
    labels: {seed, labelers: {nPairs: 120, nLabelers: 3, noise: 1, disagreement: 0.3}, source, mine: []},
    backbone: "surface" as const,
    rm: {steps: 25, lr: 0.05, useMargin: false, centerCoef: 0, l2: 0}
  });
  it("same seed → same curves and weights; another seed → different", async () => {
    const runWith = (seed: number) => runToEnd(loopStepper(rmAlgorithm, config(seed)), {stepsPerCall: 5});
    const a = await runWith(7);
    const b = await runWith(7);
    const c = await runWith(8);
    expect(b.history).toEqual(a.history);
    expect(b.params).toEqual(a.params);
    expect(c.params).not.toEqual(a.params);
    expect(a.step).toBe(25);
    expect(a.progress).toBe(1);
  });
  it("reports an empty label set at reset, before any tensor is made", () => {
    const before = tf.memory().numTensors;
    expect(() => loopStepper(rmAlgorithm, config(1, "mine")).reset()).toThrow(/label set is empty/);
    expect(tf.memory().numTensors).toBe(before);
  });
  it("frees every tensor: numTensors is unchanged after create → step → reset → step → dispose", () => {
    const before = tf.memory().numTensors;
    const stepper = loopStepper(rmAlgorithm, config(3));
    stepper.reset();
    stepper.step(3);
    stepper.reset();
    stepper.step(2);
    stepper.dispose!();
    expect(tf.memory().numTensors).toBe(before);
  });
  it("rmInit → rmStep → rmDispose leaves no tensor behind (the initial zeros of w and b included)", () => {
    const space = trainSpace();
    const pairs = simulateLabels(space, {nPairs: 30, nLabelers: 1, noise: 1, disagreement: 0}, mulberry32(9));
    const before = tf.memory().numTensors;
    const s = rmInit(space, pairs, {steps: 2, lr: 0.05, useMargin: true, centerCoef: 0.01, l2: 0.01});
    rmStep(s);
    rmGradient(s, [0.1, 0.2, 0.3, 0.4, 0.5]);
    rmDispose(s);
    expect(tf.memory().numTensors).toBe(before);
  });
});
