import {describe, it, expect} from "vitest";
import * as tf from "@tensorflow/tfjs";
import {simStepper, rankSimulation, makeProblem, DEFAULT_SIM, plantedSpectrum, validateSim} from "../../labs/lora/simulate.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {InputError} from "../../labs/kit/params.js";
import {matmul, transpose, frobeniusSquared, add, truncatedSvd, singularValues, energyRank} from "../../labs/lora/linalg.js";

// Small problem so the cpu backend in Node finishes in seconds.
const small = {...DEFAULT_SIM, d: 16, k: 16, n: 16, rStar: 2, noise: 0, ranks: [1, 2, 4], full: true, alpha: 4, scaling: "rslora" as const, lr: 0.03, steps: 250, seed: 7};

describe("rank-r simulation", () => {
  it("makeProblem: whitened inputs (XᵀX = n I), ΔW with the planted spectrum, clean target = W0 + S − base", () => {
    const p = makeProblem(small);
    const xtx = matmul(transpose(p.X), p.X);
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) expect(xtx.data[i * 16 + j]).toBeCloseTo(i === j ? 16 : 0, 9);
    expect(p.dWSingular[0]).toBeCloseTo(plantedSpectrum(2)[0], 9);
    expect(p.dWSingular[1]).toBeCloseTo(plantedSpectrum(2)[1], 9);
    expect(p.dWSingular[2]).toBeLessThan(1e-9);
    // loss = (1/n)||X Tᵀ||² = ||T||_F² when XᵀX = n I
    const xt = matmul(p.X, transpose(p.target));
    expect(frobeniusSquared(xt) / 16).toBeCloseTo(frobeniusSquared(p.target), 8);
    // without noise the clean target is the target
    expect(frobeniusSquared(add(p.target, p.cleanTarget, -1))).toBeLessThan(1e-20);
  });

  it("rankSimulation.init/step alone: B = 0 leaves outputs unchanged; r ≥ r* fits below 1e-3; r < r* stops within 1% of the Eckart–Young floor", () => {
    const alg = rankSimulation();
    const state = alg.init(small);
    expect(state.initialOutputChange).toBe(0);
    for (let t = 0; t < small.steps; t++) expect(alg.step(state)).toBe(state); // step mutates and returns its state
    expect(alg.progress(state)).toBe(1);
    const s = alg.snapshot(state, small.steps);
    alg.dispose!(state);
    const energy = s.targetEnergy;
    for (const m of s.models) {
      expect(m.losses[0]).toBeCloseTo(energy, 3); // nothing learned at step 0
      expect(m.losses.length).toBe(small.steps + 1);
      expect(m.signalErrors.length).toBe(small.steps + 1);
      const last = m.losses[m.losses.length - 1];
      if (m.r === null || m.r >= small.rStar) expect(last).toBeLessThan(1e-3);
      else {
        expect(m.floor).toBeGreaterThan(1);
        expect(last).toBeGreaterThanOrEqual(m.floor * (1 - 1e-4));
        expect(last).toBeLessThan(m.floor * 1.01);
      }
    }
    const r1 = s.models.find((m) => m.r === 1)!;
    expect(r1.learnedSingular[0]).toBeCloseTo(s.dWSingular[0], 2);
    expect(r1.learnedSingular[1]).toBeLessThan(1e-5);
    expect(s.models.map((m) => m.trainable)).toEqual([32, 64, 128, 256]);
    expect(s.models.map((m) => m.optimizerFloats)).toEqual([64, 128, 256, 512]);
  });

  it("rankSimulation with noise: past r* the loss against the noisy target falls but the error against the clean signal rises (Eckart–Young reference)", () => {
    const cfg = {...small, noise: 0.05, rStar: 2, ranks: [2, 8], full: true, steps: 400, scaling: "standard" as const, alpha: 8};
    const s = (() => {
      const alg = rankSimulation();
      const state = alg.init(cfg);
      while (alg.progress(state) < 1) alg.step(state);
      const snap = alg.snapshot(state, cfg.steps);
      alg.dispose!(state);
      return snap;
    })();
    // Reference: the best rank-r fit of ΔW is its truncated SVD (Eckart–Young); its distance to the clean signal.
    const p = makeProblem(cfg);
    const reference = (r: number) => frobeniusSquared(add(truncatedSvd(p.dW, r), p.signal, -1));
    const [r2, r8, full] = s.models;
    expect(r8.losses.at(-1)!).toBeLessThan(r2.losses.at(-1)!); // the noisy loss prefers the larger rank...
    expect(r8.signalErrors.at(-1)!).toBeGreaterThan(r2.signalErrors.at(-1)!); // ...the clean error does not
    expect(full.signalErrors.at(-1)!).toBeGreaterThan(r8.signalErrors.at(-1)!);
    expect(r2.signalErrors.at(-1)!).toBeCloseTo(reference(2), 2);
    expect(r8.signalErrors.at(-1)!).toBeCloseTo(reference(8), 2);
    // the full fine-tune copies ΔW itself: its clean error is the noise energy
    expect(full.signalErrors.at(-1)!).toBeCloseTo(s.noiseEnergy, 3);
    expect(s.noiseEnergy).toBeCloseTo(frobeniusSquared(add(p.dW, p.signal, -1)), 9);
  });

  it("makeProblem: W0 + ΔW is full rank while ΔW has r* large singular values (the update is low rank, not the matrix)", () => {
    const p = makeProblem({...DEFAULT_SIM});
    expect(Array.from(p.wStarSingular)).toEqual(Array.from(singularValues(add(p.W0, p.dW))));
    expect(p.wStarSingular[63]).toBeGreaterThan(0.01); // all 64 directions are used
    expect(energyRank(p.dWSingular, 0.95)).toBe(DEFAULT_SIM.rStar); // ΔW: r* directions hold 95% of its energy
    expect(energyRank(p.wStarSingular, 0.95)).toBeGreaterThan(30); // W0 + ΔW needs about half of its 64 or more
  });

  it("simStepper with base 'nf4': the floor includes the quantization error, and the adapter still recovers ΔW", async () => {
    const cfg = {...small, d: 64, k: 64, n: 64, ranks: [2], full: false, steps: 200, base: "nf4" as const};
    const s = await runToEnd(simStepper(cfg), {stepsPerCall: 100});
    const p = makeProblem(cfg);
    const qErr = frobeniusSquared(add(p.W0, p.base, -1));
    expect(qErr).toBeGreaterThan(0);
    expect(s.baseError).toBeCloseTo(qErr, 9);
    const m = s.models[0];
    expect(m.floor).toBeLessThanOrEqual(qErr + 1e-9);
    expect(m.losses.at(-1)!).toBeLessThan(m.floor * 1.05 + 1e-3);
    expect(m.losses.at(-1)!).toBeLessThan(qErr);
    expect(m.losses.at(-1)!).toBeLessThan(0.05 * frobeniusSquared(p.dW));
    expect(m.learnedSingular[0]).toBeCloseTo(s.dWSingular[0], 1);
    expect(m.learnedSingular[1]).toBeCloseTo(s.dWSingular[1], 1);
  });

  it("simStepper / validateSim reject values outside their domain with an InputError naming them", () => {
    expect(() => simStepper({...small, ranks: [17]})).toThrow(/exceeds min\(d, k\) = 16/);
    expect(() => simStepper({...small, ranks: [0]})).toThrow(/at least 1/);
    expect(() => simStepper({...small, n: 8})).toThrow(/n must be a whole number from k = 16/);
    expect(() => simStepper({...small, alpha: NaN})).toThrow(/alpha must be a number/);
    expect(() => validateSim({...small, noise: 1e308})).toThrow(InputError);
    expect(() => validateSim({...small, seed: -1})).toThrow(/seed .* got -1/);
    expect(() => validateSim({...small, base: "fp4" as never})).toThrow(/"fp4"/);
  });
});

describe("loss forms and tensors", () => {
  it("simStepper: lossForm 'inputs' and 'weights' give the same losses (XᵀX = n I)", async () => {
    const cfg = {...small, steps: 30};
    const a = simStepper({...cfg, lossForm: "inputs"});
    const b = simStepper({...cfg, lossForm: "weights"});
    await a.reset();
    await b.reset();
    const sa = await a.step(30);
    const sb = await b.step(30);
    sa.models.forEach((m, i) => m.losses.forEach((l, t) => expect(Math.abs(l - sb.models[i].losses[t])).toBeLessThan(1e-3 * Math.max(1, l))));
    a.dispose!();
    b.dispose!();
  });

  it("simStepper: create → step → reset → step → dispose leaves tf.memory().numTensors as before (both loss forms, NF4 base)", async () => {
    for (const extra of [{lossForm: "inputs" as const}, {lossForm: "weights" as const, base: "nf4" as const, full: false}]) {
      const before = tf.memory().numTensors;
      const st = simStepper({...small, steps: 5, ...extra});
      await st.reset();
      await st.step(3);
      await st.reset();
      await st.step(5);
      st.dispose!();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
