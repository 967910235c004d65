import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {klGaussians, mixtureLogPdf, mixtureMoments} from "../../labs/loss/gaussian.js";
import {fitGrid, fitObjective, initKlFit, modeOf, makeKlFitStepper, objectiveAndGrad, stepKlFit, type KlFitSnapshot} from "../../labs/loss/kl-fit.js";

const bimodal = {weights: [0.5, 0.5], means: [-2, 2], sds: [0.6, 0.6]};

describe("fitObjective", () => {
  it("fitObjective with a one-component p matches klGaussians in both directions", () => {
    const single = {weights: [1], means: [0.5], sds: [1.3]};
    const grid = fitGrid(single, 4000);
    const logp = grid.x.map((x) => mixtureLogPdf(single, x));
    for (const [mu, sd] of [[0.5, 1.3], [0, 1], [1.5, 2], [-1, 0.8]]) {
      expect(fitObjective("forward", grid, logp, mu, Math.log(sd))).toBeCloseTo(klGaussians(0.5, 1.3, mu, sd), 5);
      expect(fitObjective("reverse", grid, logp, mu, Math.log(sd))).toBeCloseTo(klGaussians(mu, sd, 0.5, 1.3), 4);
    }
  });
  it("objectiveAndGrad (tfjs autodiff, float32) matches central finite differences of the float64 objective", () => {
    const grid = fitGrid(bimodal, 800);
    const logp = grid.x.map((x) => mixtureLogPdf(bimodal, x));
    for (const direction of ["forward", "reverse"] as const) {
      for (const [mu, sd] of [[0.3, 1], [-1.5, 0.7], [2.5, 2.2]]) {
        const {value, grad} = objectiveAndGrad(direction, grid, logp, mu, Math.log(sd));
        const f = (m: number, s: number) => fitObjective(direction, grid, logp, m, s);
        const h = 1e-5;
        const ls = Math.log(sd);
        const dMu = (f(mu + h, ls) - f(mu - h, ls)) / (2 * h);
        const dLs = (f(mu, ls + h) - f(mu, ls - h)) / (2 * h);
        expect(value).toBeCloseTo(f(mu, ls), 4);
        expect(Math.abs(grad[0] - dMu)).toBeLessThan(1e-3 * Math.max(1, Math.abs(dMu)));
        expect(Math.abs(grad[1] - dLs)).toBeLessThan(1e-3 * Math.max(1, Math.abs(dLs)));
      }
    }
  });
});

describe("makeKlFitStepper", () => {
  it("the forward-KL fit converges to the mixture's mean and standard deviation (moment matching)", async () => {
    const mixture = {weights: [0.3, 0.7], means: [-2, 1.5], sds: [0.5, 1]};
    const {mean, variance} = mixtureMoments(mixture);
    const end = (await runToEnd(makeKlFitStepper({mixture, learningRate: 0.1, steps: 400, seed: 5}), {stepsPerCall: 50})) as KlFitSnapshot;
    expect(Math.abs(end.forward.mu - mean)).toBeLessThan(0.01);
    expect(Math.abs(end.forward.sd - Math.sqrt(variance))).toBeLessThan(0.01);
  });
  it("the reverse-KL fit lands near one mode (μ ≈ ±2, σ ≈ 0.6) while forward covers both (σ ≈ 2.09)", async () => {
    const end = (await runToEnd(makeKlFitStepper({mixture: bimodal, learningRate: 0.1, steps: 300, init: {mu: 1, sd: 1}}), {stepsPerCall: 50})) as KlFitSnapshot;
    expect(Math.abs(Math.abs(end.reverse.mu) - 2)).toBeLessThan(0.1);
    expect(Math.abs(end.reverse.sd - 0.6)).toBeLessThan(0.05);
    expect(end.forward.sd).toBeCloseTo(Math.sqrt(4.36), 2);
    expect(end.reverse.klQP).toBeLessThan(end.forward.klQP);
    expect(end.forward.klPQ).toBeLessThan(end.reverse.klPQ);
    expect(end.reverse.klQP).toBeCloseTo(Math.log(2), 2); // one mode of an equal mixture: KL(q‖p) ≈ ln 2
  });
  it("stepKlFit lowers both objectives over the first 30 steps; reset() reproduces the seeded start", () => {
    const state = initKlFit({mixture: bimodal, learningRate: 0.05, steps: 100, seed: 3});
    const first = {...state.history[0]};
    for (let i = 0; i < 30; i++) stepKlFit(state);
    const last = state.history[30];
    expect(last.forward).toBeLessThan(first.forward);
    expect(last.reverse).toBeLessThan(first.reverse);
    const stepper = makeKlFitStepper({mixture: bimodal, learningRate: 0.05, steps: 10, seed: 9});
    const a = stepper.reset() as KlFitSnapshot;
    stepper.step(5);
    const b = stepper.reset() as KlFitSnapshot;
    expect(b.init).toEqual(a.init);
    expect(b.step).toBe(0);
  });
  it("makeKlFitStepper frees its tensors: tf.memory().numTensors is unchanged after create → step → reset → step → dispose", () => {
    const before = tf.memory().numTensors;
    const stepper = makeKlFitStepper({mixture: bimodal, learningRate: 0.1, steps: 10, seed: 2});
    stepper.reset();
    stepper.step(2);
    stepper.reset();
    stepper.step(2);
    stepper.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
  });
  it("makeKlFitStepper rejects a bad learning rate or mixture with an InputError", () => {
    expect(() => makeKlFitStepper({mixture: bimodal, learningRate: 0, steps: 10})).toThrow(InputError);
    expect(() => makeKlFitStepper({mixture: {weights: [1], means: [0], sds: [-1]}, learningRate: 0.1, steps: 10})).toThrow(/standard deviation/);
  });
});

describe("modeOf", () => {
  it("modeOf(μ, mixture) names the mode within one σ of μ, else -1 (between the modes)", () => {
    expect(modeOf(-1.997, bimodal)).toBe(0);
    expect(modeOf(2.3, bimodal)).toBe(1);
    expect(modeOf(0, bimodal)).toBe(-1);
    expect(modeOf(1.39, bimodal)).toBe(-1); // 0.61 from the right mode, σ = 0.6
  });
});
