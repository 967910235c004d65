import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {compareLossScale, scaledLossRun} from "../../labs/loss/loss-scale.js";
import {adamInit, adamStep} from "../../labs/loss/optim.js";

const p = [0.6, 0.25, 0.1, 0.05];

/** The same training with TensorFlow.js's own optimizers (float32), as a reference. */
function tfjsRun(target: number[], scale: number, optimizer: "sgd" | "adam", lr: number, steps: number): number[] {
  const z = tf.variable(tf.zeros([target.length]));
  const y = tf.tensor1d(target);
  const opt = optimizer === "sgd" ? tf.train.sgd(lr) : tf.train.adam(lr, 0.9, 0.999, 1e-8);
  for (let i = 0; i < steps; i++) opt.minimize(() => tf.mul(scale, tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(z))))) as tf.Scalar);
  const out = Array.from(z.dataSync());
  opt.dispose();
  tf.dispose([z, y]);
  return out;
}

describe("loss scale and the update", () => {
  it("scaledLossRun(p, sgd/adam) matches tf.train.sgd and tf.train.adam over 20 steps", () => {
    for (const optimizer of ["sgd", "adam"] as const) {
      for (const scale of [1, 10]) {
        const mine = scaledLossRun(p, {scale, optimizer, lr: 0.05, steps: 20}).logits;
        const ref = tfjsRun(p, scale, optimizer, 0.05, 20);
        mine.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 4));
      }
    }
  });
  it("compareLossScale(p, sgd, c = 10): the first update is exactly 10 times longer", () => {
    const r = compareLossScale(p, {scale: 10, optimizer: "sgd", lr: 0.1, steps: 30});
    expect(r.firstStepRatio).toBeCloseTo(10, 12);
    expect(Math.abs(r.lossScaled - r.lossPlain)).toBeGreaterThan(0.01); // the two runs end at different losses
  });
  it("compareLossScale(p, adam, c = 10): the first update is the same length up to ε (closed form), and the runs end at the same loss", () => {
    const r = compareLossScale(p, {scale: 10, optimizer: "adam", lr: 0.1, steps: 30});
    // First Adam step: Δ_i = −η c g_i / (c |g_i| + ε); g = softmax(0) − p = 1/4 − p.
    const g = p.map((v) => 0.25 - v);
    const step = (c: number) => Math.hypot(...g.map((gi) => (0.1 * c * gi) / (c * Math.abs(gi) + 1e-8)));
    expect(r.firstStepRatio).toBeCloseTo(step(10) / step(1), 12);
    expect(Math.abs(r.firstStepRatio - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.lossScaled - r.lossPlain)).toBeLessThan(1e-5);
  });
  it("adamStep is Algorithm 1 of Kingma & Ba: first step moves each parameter by −η·sign(g) (ε aside)", () => {
    const theta = [1, -2, 0.5];
    adamStep(theta, [0.3, -4, 1e-3], adamInit(3), 0.01);
    expect(theta[0]).toBeCloseTo(1 - 0.01, 6);
    expect(theta[1]).toBeCloseTo(-2 + 0.01, 6);
    expect(theta[2]).toBeCloseTo(0.5 - 0.01, 4);
  });
  it("scaledLossRun rejects a scale <= 0, a bad p or bad steps with an InputError naming the value", () => {
    expect(() => scaledLossRun(p, {scale: 0, optimizer: "sgd", lr: 0.1, steps: 1})).toThrow(/got 0/);
    expect(() => scaledLossRun([0.5, 0.6], {scale: 1, optimizer: "adam", lr: 0.1, steps: 1})).toThrow(InputError);
    expect(() => scaledLossRun(p, {scale: 1, optimizer: "adam", lr: 0.1, steps: 1.5})).toThrow(/got 1.5/);
    expect(() => scaledLossRun(p, {scale: 1, optimizer: "adam", lr: NaN, steps: 1})).toThrow(/got NaN/);
  });
});
