import {readFileSync} from "node:fs";
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {AdamW, disposeGrads, lossAndGrads} from "../../labs/sft/adamw.js";
import {type Batch, type GPTConfig, TinyGPT, initWeights, parameterCount, type Weights} from "../../labs/sft/gpt.js";
import {InputError} from "../../labs/kit/params.js";

type Fixture = {
  config: GPTConfig;
  weights: Record<string, number[]>;
  batch: {batch: number; length: number; ids: number[]; targets: number[]};
  packed: {positions: number[]; segments: number[]};
  lossCausal: number;
  lossPacked: number;
  adamw: {lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; losses: number[]};
};
const fx = JSON.parse(readFileSync(new URL("../../data/sft/fixtures/gpt-torch.json", import.meta.url), "utf8")) as Fixture;
const fixtureWeights = (): Weights => new Map(Object.entries(fx.weights).map(([k, v]) => [k, Float32Array.from(v)]));
const batch: Batch = {batch: fx.batch.batch, length: fx.batch.length, ids: Int32Array.from(fx.batch.ids), targets: Int32Array.from(fx.batch.targets)};
const scalar = (f: () => tf.Scalar) => tf.tidy(() => f().dataSync()[0]);

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

describe("tiny GPT", () => {
  it("parameterCount({V 512, T 128, d 128, H 4, L 2}) = 478,720 (nanoGPT with biases, tied head)", () => {
    // V·d + T·d + L·(12d² + 13d) + 2d with V = 512, T = 128, d = 128, L = 2, worked by hand:
    // 65,536 + 16,384 + 2·(196,608 + 1,664) + 256 = 478,720.
    expect(parameterCount({vocabSize: 512, contextLength: 128, dModel: 128, nHeads: 4, nLayers: 2})).toBe(478_720);
  });

  it("TinyGPT.loss(fixture batch) equals PyTorch's float64 forward loss to 1e-4 (causal and packed)", () => {
    const model = new TinyGPT(fx.config, fixtureWeights());
    expect(Math.abs(scalar(() => model.loss(batch)) - fx.lossCausal)).toBeLessThan(1e-4);
    const packed = {...batch, positions: Int32Array.from(fx.packed.positions), segments: Int32Array.from(fx.packed.segments)};
    expect(Math.abs(scalar(() => model.loss(packed)) - fx.lossPacked)).toBeLessThan(1e-4);
    expect(Math.abs(fx.lossPacked - fx.lossCausal)).toBeGreaterThan(0.01); // the packed mask matters
    model.dispose();
  });

  it("AdamW steps follow torch.optim.AdamW's loss trajectory (3 steps, nanoGPT decay groups)", () => {
    const model = new TinyGPT(fx.config, fixtureWeights());
    const {lr, beta1, beta2, eps, weightDecay, losses} = fx.adamw;
    const opt = new AdamW(model.params, {lr, beta1, beta2, eps, weightDecay});
    for (let s = 0; s < 3; s++) {
      const {loss, grads} = lossAndGrads(model.params, () => model.loss(batch));
      expect(Math.abs(loss - losses[s])).toBeLessThan(1e-3);
      opt.apply(grads);
      disposeGrads(grads);
    }
    expect(Math.abs(scalar(() => model.loss(batch)) - losses[3])).toBeLessThan(1e-3);
    opt.dispose();
    model.dispose();
  });

  it("gradients of TinyGPT.loss match central finite differences", () => {
    const config: GPTConfig = {vocabSize: 11, contextLength: 6, dModel: 8, nHeads: 2, nLayers: 1};
    const w = initWeights(config, 3, 0.4);
    // Non-trivial LayerNorm gains and biases so their gradients are tested too.
    for (const [name, v] of w) if (name.includes("ln_") || name.endsWith("bias")) for (let i = 0; i < v.length; i++) v[i] += 0.1 * Math.sin(7 * i + name.length);
    const model = new TinyGPT(config, w);
    const b: Batch = {batch: 2, length: 6, ids: Int32Array.from([1, 4, 2, 9, 0, 3, 5, 5, 7, 1, 10, 2]), targets: Int32Array.from([4, 2, 9, 0, 3, -100, -100, 7, 1, 10, 2, 6])};
    const {grads} = lossAndGrads(model.params, () => model.loss(b));
    const h = 1e-2;
    let checked = 0;
    for (const [name, v] of model.params) {
      const g = grads[name].dataSync();
      const base = v.dataSync().slice();
      for (const i of [0, Math.floor(base.length / 2), base.length - 1]) {
        const at = (x: number) => {
          const copy = base.slice();
          copy[i] = x;
          v.assign(tf.tensor(copy, v.shape));
          return scalar(() => model.loss(b));
        };
        const numeric = (at(base[i] + h) - at(base[i] - h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(numeric - g[i]), `${name}[${i}]: numeric ${numeric}, autodiff ${g[i]}`).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBe(3 * model.params.size);
    disposeGrads(grads);
    model.dispose();
  });

  it("a training step frees every tensor it makes (tf.memory().numTensors unchanged)", () => {
    const model = new TinyGPT(fx.config, fixtureWeights());
    const opt = new AdamW(model.params, {lr: 1e-2, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1});
    const step = () => {
      const {grads} = lossAndGrads(model.params, () => model.loss(batch));
      opt.apply(grads);
      disposeGrads(grads);
      model.tokenLosses(batch);
    };
    step();
    const before = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    model.dispose();
  });

  it("TinyGPT and AdamW hold one tensor per parameter (and two per parameter) and free them on dispose", () => {
    const start = tf.memory().numTensors;
    const model = new TinyGPT(fx.config, fixtureWeights());
    expect(tf.memory().numTensors - start).toBe(model.params.size);
    const opt = new AdamW(model.params, {lr: 1e-2, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1});
    expect(tf.memory().numTensors - start).toBe(3 * model.params.size);
    opt.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it("TinyGPT rejects bad configs, too-long sequences and all-ignored targets with InputError", () => {
    expect(() => new TinyGPT({...fx.config, nHeads: 3}, fixtureWeights())).toThrow(InputError);
    const model = new TinyGPT(fx.config, fixtureWeights());
    expect(() => tf.tidy(() => model.loss({...batch, length: 9, ids: new Int32Array(18), targets: new Int32Array(18)}))).toThrow(InputError);
    expect(() => tf.tidy(() => model.loss({...batch, targets: new Int32Array(16).fill(-100)}))).toThrow(InputError);
    model.dispose();
  });
});
