import {beforeAll, describe, expect, it} from "vitest";
import {mulberry32, randomNormal} from "../../labs/kit/random.js";
import {DEFAULT_CONFIG, initKernel, type KernelState, negativeUpdate} from "../../labs/word2vec/kernel.js";
import {type NegBatch, scatterGradients, tfGradients} from "../../labs/word2vec/tfjs-engine.js";
import {encodeSentences} from "../../labs/word2vec/vocab.js";
import {compileKernel, initWasmKernel} from "../../labs/word2vec/wasm-kernel.js";
import {kernelWasmBytes} from "../../labs/word2vec/wasm-node.js";

let wasm: WebAssembly.Module;
beforeAll(async () => {
  wasm = compileKernel(await kernelWasmBytes())!;
});

// A small model (V = 8 words, D = 6) with random input and output vectors.
const V = 8;
const D = 6;
const K = 3;

const words = Array.from({length: V}, (_, i) => `w${i}`);
const corpus = encodeSentences([words, words]);
const config = {...DEFAULT_CONFIG, dim: D, negative: K, minCount: 1, sample: 0};

function smallState(seed: number): KernelState {
  const s = initKernel(config, corpus, mulberry32(seed));
  const normal = randomNormal(mulberry32(seed + 1));
  for (let i = 0; i < V * D; i++) {
    s.syn0[i] = 0.5 * normal();
    s.syn1neg[i] = 0.5 * normal();
  }
  s.exactSigmoid = true;
  return s;
}

// Reference loss in float64, written independently of the code under test:
// L = -log s(h . u_pos) - sum_n log s(-h . u_n), h = mean of the context rows.
function referenceLoss(syn0: Float64Array, syn1: Float64Array, context: number[], word: number, negs: number[]): number {
  const h = new Float64Array(D);
  for (const c of context) for (let j = 0; j < D; j++) h[j] += syn0[c * D + j] / context.length;
  const dot = (t: number) => h.reduce((a, x, j) => a + x * syn1[t * D + j], 0);
  const logSig = (x: number) => -Math.log1p(Math.exp(-x));
  return -logSig(dot(word)) - negs.reduce((a, n) => a + logSig(-dot(n)), 0);
}

function finiteDifferences(s: KernelState, context: number[], word: number, negs: number[]): {g0: Float64Array; g1: Float64Array} {
  const syn0 = Float64Array.from(s.syn0);
  const syn1 = Float64Array.from(s.syn1neg);
  const eps = 1e-6;
  const grad = (m: Float64Array) =>
    Float64Array.from(m, (_, i) => {
      const keep = m[i];
      m[i] = keep + eps;
      const up = referenceLoss(syn0, syn1, context, word, negs);
      m[i] = keep - eps;
      const down = referenceLoss(syn0, syn1, context, word, negs);
      m[i] = keep;
      return (up - down) / (2 * eps);
    });
  return {g0: grad(syn0), g1: grad(syn1)};
}

/** The kernel's SGD step for one example, divided by -alpha: its implied gradient (V, D) x 2. */
function kernelStepAsGradient(s: KernelState, context: number[], word: number, negs: number[]): {g0: Float64Array; g1: Float64Array; loss: number} {
  const syn0 = Float32Array.from(s.syn0);
  const syn1 = Float32Array.from(s.syn1neg);
  const before1 = Float32Array.from(syn1);
  const state = {...s, syn0, syn1neg: syn1, neu1e: new Float32Array(D), neu1: new Float32Array(D)};
  const alpha = 1;
  let loss: number;
  if (context.length === 1) {
    loss = negativeUpdate(state, syn0, context[0] * D, word, alpha, Int32Array.from(negs));
  } else {
    for (const c of context) for (let j = 0; j < D; j++) state.neu1[j] += syn0[c * D + j] / context.length;
    loss = negativeUpdate(state, state.neu1, 0, word, alpha, Int32Array.from(negs));
  }
  const g0 = new Float64Array(V * D);
  // word2vec.c adds neu1e (= -alpha dL/dh) to every context row.
  for (const c of context) for (let j = 0; j < D; j++) g0[c * D + j] += -state.neu1e[j] / alpha;
  const g1 = Float64Array.from(syn1, (x, i) => -(x - before1[i]) / alpha);
  return {g0, g1, loss};
}

/** The same, with the WebAssembly kernel's update (exact sigmoid switched on there too). */
function wasmStepAsGradient(s: KernelState, context: number[], word: number, negs: number[]): {g0: Float64Array; g1: Float64Array; loss: number} {
  const w = initWasmKernel(wasm, config, corpus, mulberry32(0));
  w.state.syn0.set(s.syn0);
  w.state.syn1neg.set(s.syn1neg);
  w.state.exactSigmoid = true;
  w.push();
  const input = new Float32Array(D);
  for (const c of context) for (let j = 0; j < D; j++) input[j] += s.syn0[c * D + j] / context.length;
  const alpha = 1;
  const {loss, neu1e} = w.negativeUpdate(input, word, alpha, Int32Array.from(negs));
  w.pull();
  const g0 = new Float64Array(V * D);
  for (const c of context) for (let j = 0; j < D; j++) g0[c * D + j] += -neu1e[j] / alpha;
  const g1 = Float64Array.from(w.state.syn1neg, (x, i) => -(x - s.syn1neg[i]) / alpha);
  return {g0, g1, loss};
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThan(tol);
}

describe("negative-sampling gradients", () => {
  // The same checks for both kernels: the TypeScript reference and its WebAssembly twin.
  for (const [name, stepAsGradient] of [["negativeUpdate", kernelStepAsGradient], ["the wasm kernel's update", wasmStepAsGradient]] as const) {
    it(`${name} (skip-gram) steps by -alpha * the finite-difference gradient`, () => {
      const s = smallState(1);
      const fd = finiteDifferences(s, [2], 5, [1, 3, 7]);
      const k = stepAsGradient(s, [2], 5, [1, 3, 7]);
      expectClose(k.g0, fd.g0, 2e-5);
      expectClose(k.g1, fd.g1, 2e-5);
      expect(k.loss).toBeCloseTo(referenceLoss(Float64Array.from(s.syn0), Float64Array.from(s.syn1neg), [2], 5, [1, 3, 7]), 5);
    });

    it(`${name} (CBOW) steps every context row by -alpha * dL/dh = cw * the finite-difference gradient`, () => {
      const s = smallState(2);
      const context = [0, 4, 6];
      const fd = finiteDifferences(s, context, 1, [2, 3, 5]);
      const k = stepAsGradient(s, context, 1, [2, 3, 5]);
      expectClose(k.g0, Float64Array.from(fd.g0, (x) => x * context.length), 2e-5);
      expectClose(k.g1, fd.g1, 2e-5);
    });
  }

  it("negativeUpdate with all-zero output vectors has loss (1 + k) ln 2", () => {
    const s = smallState(3);
    s.syn1neg.fill(0);
    expect(kernelStepAsGradient(s, [0], 1, [2, 3, 4]).loss).toBeCloseTo(4 * Math.LN2, 6);
  });

  it("tfGradients (tfjs autodiff) equals the kernel's summed per-example gradients on the same batch", () => {
    for (const model of ["sg", "cbow"] as const) {
      const s = smallState(4);
      const C = model === "sg" ? 1 : 4;
      const examples =
        model === "sg"
          ? [{ctx: [0], word: 1, negs: [2, 3, 4]}, {ctx: [5], word: 1, negs: [0, 6, 7]}, {ctx: [0], word: 7, negs: [1, 2, 3]}]
          : [{ctx: [0, 2, 3], word: 1, negs: [4, 5, 6]}, {ctx: [5, 6, 7, 0], word: 2, negs: [1, 3, 4]}];
      const batch: NegBatch = {
        size: examples.length,
        contextSlots: C,
        context: Int32Array.from(examples.flatMap((e) => [...e.ctx, ...Array(C - e.ctx.length).fill(-1)])),
        targets: Int32Array.from(examples.flatMap((e) => [e.word, ...e.negs])),
        labels: Float32Array.from(examples.flatMap(() => [1, ...Array(K).fill(0)])),
        mask: new Float32Array(examples.length * (K + 1)).fill(1)
      };
      const tf = tfGradients(s.syn0, s.syn1neg, D, batch);
      const tf0 = new Float32Array(V * D);
      const tf1 = new Float32Array(V * D);
      scatterGradients(batch, D, tf.gradContext, tf.gradTargets, tf0, tf1, (b) => examples[b].ctx.length); // kernel convention: x cw
      const k0 = new Float64Array(V * D);
      const k1 = new Float64Array(V * D);
      let kLoss = 0;
      for (const e of examples) {
        const k = kernelStepAsGradient(s, e.ctx, e.word, e.negs); // each from the same starting point
        k.g0.forEach((x, i) => (k0[i] += x));
        k.g1.forEach((x, i) => (k1[i] += x));
        kLoss += k.loss;
      }
      expectClose(tf0, k0, 1e-5);
      expectClose(tf1, k1, 1e-5);
      expect(tf.loss).toBeCloseTo(kLoss, 4);
    }
  });
});
