import {describe, it, expect} from "vitest";
import * as tf from "@tensorflow/tfjs";
import {mulberry32} from "../../labs/kit/random.js";
import {gaussian, matmul, transpose, maxAbsDiff} from "../../labs/lora/linalg.js";
import {initLora, loraForward, merge, unmerge, loraParamCount, loraScale, validateLora, loraLossAndGrad, kaimingUniformBound, deltaW, type LoraWeights} from "../../labs/lora/lora.js";

/** (f(v + h) − f(v − h)) / 2h for entry i of `values`, restoring it afterwards. */
function centralDifference(values: Float64Array, i: number, loss: () => number, h = 1e-6): number {
  const keep = values[i];
  values[i] = keep + h;
  const plus = loss();
  values[i] = keep - h;
  const minus = loss();
  values[i] = keep;
  return (plus - minus) / (2 * h);
}

/** A 5 × 4 layer with an r = 2 adapter (A, B of std `std`, s = 2) and n random inputs and targets, from seed. */
function gradientProblem(seed: number, n: number, std: number) {
  const r = mulberry32(seed);
  const W0 = gaussian(5, 4, 1, r);
  const x = gaussian(n, 4, 1, r);
  const y = gaussian(n, 5, 1, r);
  const w: LoraWeights = {A: gaussian(2, 4, std, r), B: gaussian(5, 2, std, r), s: loraScale(4, 2)};
  return {W0, x, y, w};
}

describe("LoRA layer", () => {
  it("loraParamCount(d, k, r) = r(d + k) and matches the sizes of A and B", () => {
    expect(loraParamCount(64, 64, 4)).toBe(512);
    // FACTS §4: Llama-2-7B, q and v in 32 layers, r = 8, d = k = 4096 -> 4,194,304
    expect(2 * 32 * loraParamCount(4096, 4096, 8)).toBe(4194304);
    const w = initLora({d: 12, k: 7, r: 3, alpha: 3}, mulberry32(1));
    expect(w.A.data.length + w.B.data.length).toBe(loraParamCount(12, 7, 3));
    expect([w.A.rows, w.A.cols, w.B.rows, w.B.cols]).toEqual([3, 7, 12, 3]);
  });

  it("loraScale(alpha, r) is alpha/r, and alpha/√r with rsLoRA", () => {
    expect(loraScale(16, 8)).toBe(2);
    expect(loraScale(16, 64, "rslora")).toBe(2);
    expect(loraScale(8, 64)).toBe(0.125);
  });

  it("initLora: B = 0, A within PEFT's Kaiming bound 1/√k, Gaussian std 1/r", () => {
    const k = 100;
    const w = initLora({d: 10, k, r: 4, alpha: 8}, mulberry32(2));
    expect(w.B.data.every((v) => v === 0)).toBe(true);
    expect(kaimingUniformBound(k)).toBeCloseTo(1 / Math.sqrt(k), 14);
    expect(Math.max(...w.A.data.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(k));
    // uniform(−b, b) has variance b²/3
    const varA = w.A.data.reduce((s, v) => s + v * v, 0) / w.A.data.length;
    expect(varA).toBeGreaterThan((1 / k / 3) * 0.8);
    expect(varA).toBeLessThan((1 / k / 3) * 1.2);
    const g = initLora({d: 10, k: 500, r: 4, alpha: 8}, mulberry32(3), "gaussian");
    const std = Math.sqrt(g.A.data.reduce((s, v) => s + v * v, 0) / g.A.data.length);
    expect(std).toBeGreaterThan(0.25 * 0.95);
    expect(std).toBeLessThan(0.25 * 1.05);
  });

  it("loraForward with B = 0 gives exactly W0 x", () => {
    const r = mulberry32(4);
    const W0 = gaussian(9, 6, 1, r);
    const x = gaussian(5, 6, 1, r);
    const w = initLora({d: 9, k: 6, r: 2, alpha: 16}, r);
    const h = loraForward(W0, w, x);
    const base = matmul(x, transpose(W0));
    expect(maxAbsDiff(h, base)).toBe(0);
  });

  it("merge(W0, w) gives the adapter's outputs, and unmerge restores W0", () => {
    const r = mulberry32(5);
    const W0 = gaussian(9, 6, 1, r);
    const x = gaussian(5, 6, 1, r);
    const w: LoraWeights = {A: gaussian(3, 6, 1, r), B: gaussian(9, 3, 1, r), s: loraScale(8, 3)};
    const merged = merge(W0, w);
    expect(maxAbsDiff(matmul(x, transpose(merged)), loraForward(W0, w, x))).toBeLessThan(1e-12);
    expect(maxAbsDiff(unmerge(merged, w), W0)).toBeLessThan(1e-14);
    // the merged update has rank ≤ r: here B A with a 3-column B
    const d = deltaW(w);
    expect(d.rows * d.cols).toBe(54);
  });

  it("loraLossAndGrad matches central finite differences", () => {
    const {W0, x, y, w} = gradientProblem(6, 7, 1);
    const {gradA, gradB} = loraLossAndGrad(W0, w, x, y);
    for (const [M, G] of [[w.A, gradA], [w.B, gradB]] as const) {
      for (let i = 0; i < M.data.length; i++) {
        expect(G.data[i]).toBeCloseTo(centralDifference(M.data, i, () => loraLossAndGrad(W0, w, x, y).loss), 6);
      }
    }
  });

  it("TensorFlow.js autodiff of the LoRA loss matches finite differences of the float64 loss", () => {
    const {W0, x, y, w} = gradientProblem(7, 6, 0.5);
    const t = (m: {rows: number; cols: number; data: Float64Array}) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
    const [X, Y, W] = [t(x), t(y), t(W0)];
    const f = (A: tf.Tensor, B: tf.Tensor) =>
      tf.div(tf.sum(tf.square(tf.sub(tf.add(tf.matMul(X, W, false, true), tf.mul(tf.matMul(tf.matMul(X, A, false, true), B, false, true), w.s)), Y))), x.rows) as tf.Scalar;
    const [gA, gB] = tf.grads(f)([t(w.A), t(w.B)]);
    const tfGrads = [gA.dataSync(), gB.dataSync()];
    [w.A, w.B].forEach((M, which) => {
      for (let i = 0; i < M.data.length; i++) {
        const fd = centralDifference(M.data, i, () => loraLossAndGrad(W0, w, x, y).loss);
        expect(Math.abs(tfGrads[which][i] - fd)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fd)));
      }
    });
    tf.dispose([X, Y, W, gA, gB]);
  });

  it("validateLora rejects r > min(d, k), r = 0, non-numeric alpha with clear messages", () => {
    expect(() => validateLora({d: 64, k: 32, r: 40, alpha: 8})).toThrow(/r = 40 exceeds min\(d, k\) = 32/);
    expect(() => validateLora({d: 64, k: 64, r: 0, alpha: 8})).toThrow(/at least 1/);
    expect(() => validateLora({d: 64, k: 64, r: 2.5, alpha: 8})).toThrow(/whole number/);
    expect(() => validateLora({d: 64, k: 64, r: 4, alpha: Number("abc")})).toThrow(/alpha must be a number/);
    expect(() => validateLora({d: 64, k: 64, r: 4, alpha: "abc" as unknown as number})).toThrow(/alpha must be a number, got "abc"/);
    expect(() => initLora({d: 8, k: 8, r: 9, alpha: 1}, mulberry32(1))).toThrow(/exceeds/);
  });
});
