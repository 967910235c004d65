// The TensorFlow.js engine: the same negative-sampling objective written as tf ops, gradients by
// autodiff (tf.valueAndGrads), then a plain SGD step. Rows are gathered into small tensors outside
// the tape and the gradients scattered back into the shared Float32Arrays, so the tape stays small.
// Examples come from the kernel's own sampling (subsampling, reduced window, noise). Source: word2vec.c objective.
import * as tf from "@tensorflow/tfjs";
import {aliasDraw, nextRadius} from "./sampling.js";
import {closeLastEpoch, initKernel, type KernelState, nextSentence, type TrainConfig} from "./kernel.js";
import type {Corpus} from "./vocab.js";

/** A batch of B examples with C context slots (1 for skip-gram) and 1 + k targets. */
export interface NegBatch {
  size: number; // B
  contextSlots: number; // C
  context: Int32Array; // (B, C) input word ids (rows of syn0), -1 = empty slot
  targets: Int32Array; // (B, 1 + k) target ids (rows of syn1neg): positive first
  labels: Float32Array; // (B, 1 + k) 1 = positive, 0 = negative
  mask: Float32Array; // (B, 1 + k) 0 drops a term (a negative equal to the positive, skipped as in word2vec.c)
}

/**
 * Negative-sampling loss and its gradients by autodiff for a batch:
 * L = -sum_b sum_t mask * log s(sign * h_b . u_t), h_b = mean of the context rows of example b.
 * Returns the loss and its gradients w.r.t. each gathered context row (B, C, D) and target row (B, 1+k, D).
 */
export function tfGradients(syn0: Float32Array, syn1neg: Float32Array, dim: number, batch: NegBatch): {loss: number; gradContext: Float32Array; gradTargets: Float32Array} {
  const {size: B, contextSlots: C, context, targets, labels, mask} = batch;
  const K1 = targets.length / B;
  const D = dim;
  // Gather rows outside the tape: (B, C, D) context rows, (B, C) slot mask, (B, 1+k, D) target rows.
  const ctxData = new Float32Array(B * C * D);
  const slot = new Float32Array(B * C);
  for (let i = 0; i < B * C; i++) {
    const w = context[i];
    if (w < 0) continue;
    slot[i] = 1;
    ctxData.set(syn0.subarray(w * D, (w + 1) * D), i * D);
  }
  const outData = new Float32Array(B * K1 * D);
  for (let i = 0; i < B * K1; i++) outData.set(syn1neg.subarray(targets[i] * D, (targets[i] + 1) * D), i * D);
  const signData = Float32Array.from(labels, (l) => 2 * l - 1);

  const {value, grads} = tf.tidy(() => {
    const ctx = tf.tensor3d(ctxData, [B, C, D]);
    const out = tf.tensor3d(outData, [B, K1, D]);
    const slotT = tf.tensor3d(slot, [B, C, 1]);
    const count = tf.maximum(tf.sum(slotT, 1), 1); // (B, 1)
    const sign = tf.tensor2d(signData, [B, K1]);
    const maskT = tf.tensor2d(mask, [B, K1]);
    const lossFn = (c: tf.Tensor, o: tf.Tensor): tf.Scalar => {
      const h = tf.div(tf.sum(tf.mul(c, slotT), 1), count); // (B, C, D) -> (B, D)
      const dots = tf.sum(tf.mul(tf.expandDims(h, 1), o), 2); // (B, 1, D) * (B, 1+k, D) -> (B, 1+k)
      // -log s(z) = softplus(-z). (tf.logSigmoid's backward pass threw inside tf.tidy here, tfjs 4.22 cpu.)
      return tf.sum(tf.mul(maskT, tf.softplus(tf.neg(tf.mul(sign, dots))))) as tf.Scalar;
    };
    const r = tf.valueAndGrads(lossFn)([ctx, out]);
    return {value: r.value, grads: r.grads};
  });
  const loss = value.dataSync()[0];
  const gradContext = grads[0].dataSync() as Float32Array; // (B, C, D)
  const gradTargets = grads[1].dataSync() as Float32Array; // (B, 1+k, D)
  value.dispose();
  grads.forEach((g) => g.dispose());
  return {loss, gradContext, gradTargets};
}

/**
 * Scatter-adds per-slot gradients into dense (V, D) matrices: out0[context] += scale_b * gradContext,
 * out1[target] += gradTargets. scale_b = 1 gives the plain gradient.
 */
export function scatterGradients(batch: NegBatch, dim: number, gradContext: Float32Array, gradTargets: Float32Array, out0: Float32Array, out1: Float32Array, contextScale: (b: number) => number = () => 1): void {
  const {size: B, contextSlots: C, context, targets} = batch;
  const K1 = targets.length / B;
  const D = dim;
  for (let b = 0; b < B; b++) {
    const scale = contextScale(b);
    for (let c = 0; c < C; c++) {
      const i = b * C + c;
      const w = context[i];
      if (w < 0) continue;
      for (let j = 0; j < D; j++) out0[w * D + j] += scale * gradContext[i * D + j];
    }
  }
  for (let i = 0; i < B * K1; i++) {
    const t = targets[i];
    for (let j = 0; j < D; j++) out1[t * D + j] += gradTargets[i * D + j];
  }
}

/** Number of filled context slots of example b. */
export function contextCount(batch: NegBatch, b: number): number {
  let n = 0;
  for (let c = 0; c < batch.contextSlots; c++) if (batch.context[b * batch.contextSlots + c] >= 0) n++;
  return n;
}

export interface TfState {
  kernel: KernelState; // vocabulary, vectors, sampling state and counters (shared with the kernel)
  batchSize: number;
  pending: {context: number[]; targets: number[]; labels: number[]; mask: number[]; count: number};
}

export function initTf(config: TrainConfig, corpus: Corpus, random: () => number, options: {batchSize?: number} = {}): TfState {
  const kernel = initKernel(config, corpus, random);
  return {kernel, batchSize: options.batchSize ?? 512, pending: {context: [], targets: [], labels: [], mask: [], count: 0}};
}

/** The name of the active tfjs backend ("webgl", "cpu", ...). */
export function tfBackend(): string {
  return tf.getBackend();
}

function pushExample(s: TfState, contextIds: number[], word: number): void {
  const k = s.kernel.config.negative;
  const p = s.pending;
  const C = contextSlots(s);
  for (let i = 0; i < C; i++) p.context.push(i < contextIds.length ? contextIds[i] : -1);
  p.targets.push(word);
  p.labels.push(1);
  p.mask.push(1);
  for (let d = 0; d < k; d++) {
    const t = aliasDraw(s.kernel.noise, s.kernel.rng);
    p.targets.push(t);
    p.labels.push(0);
    p.mask.push(t === word ? 0 : 1);
  }
  p.count++;
}

function contextSlots(s: TfState): number {
  return s.kernel.config.model === "sg" ? 1 : 2 * s.kernel.config.window;
}

/** Runs the pending examples as one batch: autodiff gradients, then SGD with word2vec.c's scaling. */
function flush(s: TfState): void {
  const p = s.pending;
  if (p.count === 0) return;
  const ks = s.kernel;
  const D = ks.config.dim;
  const batch: NegBatch = {
    size: p.count,
    contextSlots: contextSlots(s),
    context: Int32Array.from(p.context),
    targets: Int32Array.from(p.targets),
    labels: Float32Array.from(p.labels),
    mask: Float32Array.from(p.mask)
  };
  const {loss, gradContext, gradTargets} = tfGradients(ks.syn0, ks.syn1neg, D, batch);
  const g0 = new Float32Array(ks.syn0.length);
  const g1 = new Float32Array(ks.syn1neg.length);
  // For CBOW, autodiff gives dL/dv_c = (1/cw) dL/dh; word2vec.c (and gensim with cbow_mean=1) steps every
  // context row by the whole dL/dh, so scale by cw: both engines then follow the same update rule.
  const cbow = ks.config.model === "cbow";
  scatterGradients(batch, D, gradContext, gradTargets, g0, g1, cbow ? (b) => contextCount(batch, b) : () => 1);
  const alpha = ks.alpha;
  for (let i = 0; i < g0.length; i++) ks.syn0[i] -= alpha * g0[i];
  for (let i = 0; i < g1.length; i++) ks.syn1neg[i] -= alpha * g1[i];
  ks.lossSum += loss;
  ks.lossCount += p.count;
  ks.pairs += p.count;
  s.pending = {context: [], targets: [], labels: [], mask: [], count: 0};
}

/** Like stepKernel: reads at least `words` vocabulary words and trains on them in batches. Mutates `s` (vectors, counters, pending batch) as stepKernel does. */
export async function stepTf(s: TfState, words: number): Promise<number> {
  const ks = s.kernel;
  const start = ks.wordsDone;
  const window = ks.config.window;
  const sg = ks.config.model === "sg";
  for (let len = nextSentence(ks, start, words); len >= 0; len = nextSentence(ks, start, words)) {
    const sen = ks.sen;
    for (let pos = 0; pos < len; pos++) {
      const r = nextRadius(ks.rng, window);
      const ctx: number[] = [];
      for (let c = Math.max(0, pos - r); c <= Math.min(len - 1, pos + r); c++) if (c !== pos) ctx.push(sen[c]);
      if (ctx.length === 0) continue;
      if (sg) for (const c of ctx) pushExample(s, [c], sen[pos]);
      else pushExample(s, ctx, sen[pos]);
      if (s.pending.count >= s.batchSize) {
        flush(s);
        await new Promise((resolve) => setTimeout(resolve, 0)); // let the host breathe between batches
      }
    }
  }
  flush(s);
  closeLastEpoch(ks);
  return ks.wordsDone - start;
}
