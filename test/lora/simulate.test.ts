import {describe, it, expect} from "vitest";
import {simStepper, makeProblem, DEFAULT_SIM, plantedSpectrum} from "../../labs/lora/simulate.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {matmul, transpose, frobeniusSquared, add} from "../../labs/lora/linalg.js";

// Small problem so the cpu backend in Node finishes in seconds.
const small = {d: 16, k: 16, n: 16, rStar: 2, noise: 0, ranks: [1, 2, 4], full: true, alpha: 4, scaling: "rslora" as const, lr: 0.03, steps: 250, seed: 7};

describe("rank-r simulation", () => {
  it("makeProblem: whitened inputs (XᵀX = n I) and ΔW with the planted spectrum", () => {
    const p = makeProblem({...DEFAULT_SIM, ...small});
    const xtx = matmul(transpose(p.X), p.X);
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) expect(xtx.data[i * 16 + j]).toBeCloseTo(i === j ? 16 : 0, 9);
    expect(p.dWSingular[0]).toBeCloseTo(plantedSpectrum(2)[0], 9);
    expect(p.dWSingular[1]).toBeCloseTo(plantedSpectrum(2)[1], 9);
    expect(p.dWSingular[2]).toBeLessThan(1e-9);
    // loss = (1/n)||X Tᵀ||² = ||T||_F² when XᵀX = n I
    const xt = matmul(p.X, transpose(p.target));
    expect(frobeniusSquared(xt) / 16).toBeCloseTo(frobeniusSquared(p.target), 8);
  });

  it("simStepper: outputs unchanged at step 0; r ≥ r* fits below 1e-3; r < r* stops within 1% of the Eckart–Young floor", async () => {
    const s = await runToEnd(simStepper(small), {stepsPerCall: 50});
    expect(s.initialOutputChange).toBe(0);
    const energy = s.targetEnergy;
    for (const m of s.models) {
      expect(m.losses[0]).toBeCloseTo(energy, 3); // nothing learned at step 0
      expect(m.losses.length).toBe(small.steps + 1);
      const last = m.losses[m.losses.length - 1];
      if (m.r === null || m.r >= small.rStar) expect(last).toBeLessThan(1e-3);
      else {
        expect(m.floor).toBeGreaterThan(1);
        expect(last).toBeGreaterThanOrEqual(m.floor * (1 - 1e-4));
        expect(last).toBeLessThan(m.floor * 1.01);
      }
    }
    // learned spectrum of the rank-1 adapter: σ1 of ΔW, then zeros
    const r1 = s.models.find((m) => m.r === 1)!;
    expect(r1.learnedSingular[0]).toBeCloseTo(s.dWSingular[0], 2);
    expect(r1.learnedSingular[1]).toBeLessThan(1e-5);
    // parameter and optimizer counts
    expect(s.models.map((m) => m.trainable)).toEqual([32, 64, 128, 256]);
    expect(s.models.map((m) => m.optimizerFloats)).toEqual([64, 128, 256, 512]);
  });

  it("simStepper with base 'nf4': the floor includes the quantization error, and the adapter still recovers ΔW", async () => {
    const cfg = {...small, d: 64, k: 64, n: 64, ranks: [2], full: false, steps: 200, base: "nf4" as const};
    const st = simStepper(cfg);
    const s = await runToEnd(st, {stepsPerCall: 100});
    const p = st.problem()!;
    const qErr = frobeniusSquared(add(p.W0, p.base, -1));
    expect(qErr).toBeGreaterThan(0);
    expect(s.baseError).toBeCloseTo(qErr, 9);
    const m = s.models[0];
    expect(m.floor).toBeLessThanOrEqual(qErr + 1e-9); // the adapter can also absorb part of the quantization error
    expect(m.losses.at(-1)!).toBeLessThan(m.floor * 1.05 + 1e-3);
    // what remains is no more than the quantization error itself, small next to the update learned
    expect(m.losses.at(-1)!).toBeLessThan(qErr);
    expect(m.losses.at(-1)!).toBeLessThan(0.05 * frobeniusSquared(p.dW));
    expect(m.learnedSingular[0]).toBeCloseTo(s.dWSingular[0], 1);
    expect(m.learnedSingular[1]).toBeCloseTo(s.dWSingular[1], 1);
  });

  it("validateSim rejects a rank above min(d, k) and n < k", () => {
    expect(() => simStepper({...small, ranks: [17]}).reset()).toThrow(/exceeds min\(d, k\) = 16/);
    expect(() => simStepper({...small, ranks: [0]}).reset()).toThrow(/at least 1/);
    expect(() => simStepper({...small, n: 8}).reset()).toThrow(/n must be a whole number ≥ k/);
    expect(() => simStepper({...small, alpha: NaN}).reset()).toThrow(/alpha must be a number/);
  });
});

describe("loss forms", () => {
  it("simStepper: lossForm 'inputs' and 'weights' give the same losses (XᵀX = n I)", () => {
    const cfg = {...small, steps: 30};
    const a = simStepper({...cfg, lossForm: "inputs"});
    const b = simStepper({...cfg, lossForm: "weights"});
    let sa = a.reset();
    let sb = b.reset();
    sa = a.step(30);
    sb = b.step(30);
    sa.models.forEach((m, i) => m.losses.forEach((l, t) => expect(Math.abs(l - sb.models[i].losses[t])).toBeLessThan(1e-3 * Math.max(1, l))));
    a.dispose();
    b.dispose();
  });
});
