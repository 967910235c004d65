// Reward model: a frozen backbone φ(y) (fixed response features) plus a trainable scalar linear head
// r(y) = w·φ(y) + b, trained with TensorFlow.js (Adam) on the Bradley–Terry loss −log σ(r_c − r_r − m),
// with TRL RewardTrainer's optional margin and center_rewards_coefficient (trl/trainer/reward_trainer.py,
// reward_config.py). A simplification: InstructGPT trains the whole 6B RM, initialised from the SFT
// model with its unembedding removed (Ouyang et al. 2022, §3.5); only the head trains here.
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import type {Space} from "./dataset.js";
import {validatePairs, type Pair} from "./labelers.js";
import {DEFAULT_RM, pairwiseAccuracy, rewardsOf, type RmConfig} from "./reward.js";

export {btLoss, calibration, DEFAULT_RM, pairwiseAccuracy, rewardsOf, type RmConfig} from "./reward.js";

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

/** Builds the head (w = 0, b = 0) and its tensors. Throws InputError for an empty or malformed label set or a bad config. */
export function rmInit(space: Space, pairs: Pair[], config: RmConfig = DEFAULT_RM): RmState {
  validatePairs(space, pairs);
  if (!(Number.isInteger(config.steps) && config.steps >= 1)) throw new InputError(`RM training needs a whole number of steps ≥ 1, got ${config.steps}.`);
  if (!(config.lr > 0)) throw new InputError(`The RM learning rate must be > 0, got ${config.lr}.`);
  if (!(config.centerCoef >= 0)) throw new InputError(`The reward-centering coefficient must be ≥ 0, got ${config.centerCoef}.`);
  // tf.variable keeps its own copy: the zeros it starts from are freed here.
  const zeros = (shape: number[]) => {
    const z = tf.zeros(shape);
    const v = tf.variable(z);
    z.dispose();
    return v;
  };
  return {
    space,
    config,
    trainPairs: pairs,
    xc: gather(space, pairs.map((p) => p.chosen)),
    xr: gather(space, pairs.map((p) => p.rejected)),
    margin: tf.tensor1d(pairs.map((p) => p.margin)),
    w: zeros([space.dim, 1]),
    b: zeros([1]),
    optimizer: tf.train.adam(config.lr),
    step: 0,
    history: []
  };
}

/** One full-batch Adam step on the head (mutates `s`: its variables, step and history); records loss and training pairwise accuracy. */
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

