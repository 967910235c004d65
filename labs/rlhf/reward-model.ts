// Reward model: a frozen backbone φ(y) (fixed response features) plus a trainable scalar linear head
// r(y) = w·φ(y) + b, trained with TensorFlow.js (Adam) on the Bradley–Terry loss −log σ(r_c − r_r − m),
// with TRL RewardTrainer's optional margin and center_rewards_coefficient (FACTS §6). Leaves out the
// transformer backbone itself (InstructGPT: a 6B model initialised from SFT, unembedding removed).
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";
import {validatePairs, type Pair} from "./labelers.js";

export interface RmConfig {
  steps: number;
  lr: number;
  useMargin: boolean; // subtract the pair's margin m inside σ (TRL's optional "margin" column)
  centerCoef: number; // c·E[(r_c + r_r)²]; TRL default None (0 here), recommended 0.01
  l2: number;
}
export const DEFAULT_RM: RmConfig = {steps: 200, lr: 0.05, useMargin: false, centerCoef: 0, l2: 0.001};

/** Plain-code loss for params [w (D), b]: mean −log σ(Δr − m) + c·mean((r_c + r_r)²) + (l2/2)|w|². */
export function btLoss(space: Space, pairs: Pair[], params: ArrayLike<number>, config: Pick<RmConfig, "useMargin" | "centerCoef" | "l2">): number {
  const D = space.dim;
  const r = (i: number) => {
    let acc = params[D];
    for (let d = 0; d < D; d++) acc += params[d] * space.features[i * D + d];
    return acc;
  };
  let loss = 0;
  for (const p of pairs) {
    const rc = r(p.chosen);
    const rr = r(p.rejected);
    const x = rc - rr - (config.useMargin ? p.margin : 0);
    loss += (x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x))) / pairs.length; // softplus(−x)
    loss += (config.centerCoef * (rc + rr) ** 2) / pairs.length;
  }
  for (let d = 0; d < D; d++) loss += 0.5 * config.l2 * params[d] ** 2;
  return loss;
}

export interface RmState {
  space: Space;
  config: RmConfig;
  trainPairs: Pair[];
  xc: tf.Tensor2D; // (M, D) chosen features
  xr: tf.Tensor2D; // (M, D) rejected features
  margin: tf.Tensor1D; // (M)
  w: tf.Variable; // (D, 1)
  b: tf.Variable; // (1)
  optimizer: tf.AdamOptimizer;
  step: number;
  history: {step: number; loss: number; trainAcc: number}[];
}

function gather(space: Space, idx: number[]): tf.Tensor2D {
  const D = space.dim;
  const out = new Float32Array(idx.length * D);
  idx.forEach((i, k) => out.set(space.features.subarray(i * D, i * D + D), k * D));
  return tf.tensor2d(out, [idx.length, D]);
}

/** tfjs loss of the head on the training pairs (the graph Adam differentiates). */
export function rmLossTensor(s: Pick<RmState, "xc" | "xr" | "margin" | "w" | "b" | "config">, w: tf.Tensor = s.w, b: tf.Tensor = s.b): tf.Scalar {
  return tf.tidy(() => {
    const rc = s.xc.matMul(w as tf.Tensor2D).reshape([-1]).add(b); // (M, D) x (D, 1) -> (M)
    const rr = s.xr.matMul(w as tf.Tensor2D).reshape([-1]).add(b);
    let x = rc.sub(rr);
    if (s.config.useMargin) x = x.sub(s.margin);
    let loss = tf.softplus(x.neg()).mean();
    if (s.config.centerCoef > 0) loss = loss.add(rc.add(rr).square().mean().mul(s.config.centerCoef));
    if (s.config.l2 > 0) loss = loss.add(w.square().sum().mul(0.5 * s.config.l2));
    return loss as tf.Scalar;
  });
}

export function rmInit(space: Space, pairs: Pair[], config: RmConfig = DEFAULT_RM): RmState {
  validatePairs(space, pairs);
  if (!(Number.isInteger(config.steps) && config.steps >= 1)) throw new InputError(`RM training needs a whole number of steps ≥ 1, got ${config.steps}.`);
  if (!(config.lr > 0)) throw new InputError(`The RM learning rate must be > 0, got ${config.lr}.`);
  if (!(config.centerCoef >= 0)) throw new InputError(`The reward-centering coefficient must be ≥ 0, got ${config.centerCoef}.`);
  return {
    space,
    config,
    trainPairs: pairs,
    xc: gather(space, pairs.map((p) => p.chosen)),
    xr: gather(space, pairs.map((p) => p.rejected)),
    margin: tf.tensor1d(pairs.map((p) => p.margin)),
    w: tf.variable(tf.zeros([space.dim, 1])),
    b: tf.variable(tf.zeros([1])),
    optimizer: tf.train.adam(config.lr),
    step: 0,
    history: []
  };
}

/** One full-batch Adam step on the head; records loss and training pairwise accuracy. */
export function rmStep(s: RmState): RmState {
  const cost = s.optimizer.minimize(() => rmLossTensor(s), true, [s.w, s.b]);
  const loss = cost ? cost.dataSync()[0] : NaN;
  cost?.dispose();
  s.step += 1;
  const params = rmParams(s);
  s.history.push({step: s.step, loss, trainAcc: pairwiseAccuracy(s.space, s.trainPairs, rewardsOf(s.space, params))});
  return s;
}

/** Head parameters [w (D), b] as plain numbers. */
export function rmParams(s: RmState): Float64Array {
  return Float64Array.from([...s.w.dataSync(), ...s.b.dataSync()]);
}

/** Gradient of the tfjs loss w.r.t. [w, b] at given params (tests compare it to finite differences). */
export function rmGradient(s: RmState, params: ArrayLike<number>): Float64Array {
  const D = s.space.dim;
  const w0 = tf.tensor2d(Array.from(params).slice(0, D), [D, 1]);
  const b0 = tf.tensor1d([params[D]]);
  const g = tf.grads((w: tf.Tensor, b: tf.Tensor) => rmLossTensor(s, w, b))([w0, b0]);
  const out = Float64Array.from([...g[0].dataSync(), ...g[1].dataSync()]);
  tf.dispose([w0, b0, ...g]);
  return out;
}

export function rmDispose(s: RmState): void {
  for (const t of [s.xc, s.xr, s.margin, s.w, s.b]) t.dispose();
  s.optimizer.dispose();
}

/** r = Φ [w; b]: (N, D) x (D) + b -> (N). */
export function rewardsOf(space: Space, params: ArrayLike<number>): Float64Array {
  const D = space.dim;
  const r = new Float64Array(space.nResponses);
  for (let i = 0; i < r.length; i++) {
    let acc = params[D];
    for (let d = 0; d < D; d++) acc += params[d] * space.features[i * D + d];
    r[i] = acc;
  }
  return r;
}

/** Fraction of pairs whose chosen response gets the higher reward (ties count ½). */
export function pairwiseAccuracy(space: Space, pairs: Pair[], r: Float64Array): number {
  if (pairs.length === 0) return NaN;
  let acc = 0;
  for (const p of pairs) acc += r[p.chosen] > r[p.rejected] ? 1 : r[p.chosen] === r[p.rejected] ? 0.5 : 0;
  return acc / pairs.length;
}

/** Reliability diagram: bins of predicted P(first ≻ second) = σ(r_a − r_b) vs observed frequency. */
export function calibration(pairs: Pair[], r: Float64Array, bins = 5): {predicted: number; observed: number; count: number}[] {
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  pairs.forEach((p, k) => {
    // orient half the pairs the other way, so both ends of the probability axis are populated
    const [a, b, aWins] = k % 2 === 0 ? [p.chosen, p.rejected, 1] : [p.rejected, p.chosen, 0];
    const q = 1 / (1 + Math.exp(-(r[a] - r[b])));
    const bin = Math.min(bins - 1, Math.floor(q * bins));
    sum[bin] += q;
    hits[bin] += aWins;
    count[bin] += 1;
  });
  const out: {predicted: number; observed: number; count: number}[] = [];
  for (let k = 0; k < bins; k++) if (count[k] > 0) out.push({predicted: sum[k] / count[k], observed: hits[k] / count[k], count: count[k]});
  return out;
}
