// Direct Preference Optimization (Rafailov et al. 2023, arXiv:2305.18290) on the candidate-softmax
// policy: minimise −mean log σ(β[(log π/π_ref)(y_w) − (log π/π_ref)(y_l)]) by Adam on the logits,
// reference π_ref = π_SFT (TRL DPOConfig: beta 0.1, loss "sigmoid"). No reward model, no sampling.
// Implicit reward r̂(y) = β·log(π(y)/π_ref(y)) (up to a per-prompt constant).
import type {Algorithm} from "../kit/loop.js";
import {InputError} from "../kit/params.js";
import {adamAscend, adamInit, type Adam} from "./adam.js";
import type {Space} from "./dataset.js";
import {validatePairs, type Pair} from "./labelers.js";
import {checkBeta} from "./optimum.js";
import {softplus} from "./logistic.js";
import {checkDistribution, checkValues, meanExpectation, meanKL, softmaxPerPrompt} from "./policy.js";
import type {PolicySnapshot} from "./ppo.js";

export interface DpoConfig {
  beta: number;
  steps: number;
  lr: number;
}
export const DEFAULT_DPO: DpoConfig = {beta: 0.1, steps: 150, lr: 0.05};

export interface DpoRecord {
  step: number;
  loss: number;
  accuracy: number; // pairs whose implicit reward ranks chosen above rejected
  reward: number; // mean E_π[r_RM] (the RM is only a yardstick here)
  utility: number;
  kl: number;
  klToOptimum: number;
}
export interface DpoState {
  space: Space;
  config: DpoConfig;
  pairs: Pair[];
  logRef: Float64Array;
  piRef: Float64Array;
  rm: Float64Array | null;
  piStar: Float64Array | null;
  z: Float64Array;
  adam: Adam;
  step: number;
  history: DpoRecord[];
}

/** Logits z = log π_ref (π = π_ref). Throws InputError for a bad β or config, a π_ref that is not a distribution or is 0 on a paired response, or a bad pair. */
export function dpoInit(space: Space, piRef: Float64Array, pairs: Pair[], config: DpoConfig, options: {rm?: Float64Array; piStar?: Float64Array} = {}): DpoState {
  checkBeta(config.beta);
  if (!piRef || piRef.length !== space.nResponses) throw new InputError("DPO needs a reference policy π_ref (the SFT model) over the same responses.");
  checkDistribution(space, piRef, "π_ref");
  validatePairs(space, pairs);
  if (options.rm) checkValues(space, options.rm, "reward r");
  // log π_ref(y) is undefined at π_ref(y) = 0: the loss of a pair with such a response is not a number.
  for (const [k, pair] of pairs.entries())
    for (const y of [pair.chosen, pair.rejected])
      if (!(piRef[y] > 0)) throw new InputError(`DPO needs π_ref(y) > 0 for every response in a pair: pair ${k + 1} uses response ${y}, where π_ref = ${piRef[y]} (log π_ref is undefined).`);
  if (!(Number.isInteger(config.steps) && config.steps >= 1)) throw new InputError(`Steps must be a whole number ≥ 1, got ${config.steps}.`);
  if (!(config.lr > 0)) throw new InputError(`The learning rate must be > 0, got ${config.lr}.`);
  const logRef = piRef.map((x) => Math.log(x));
  const s: DpoState = {space, config, pairs, logRef, piRef, rm: options.rm ?? null, piStar: options.piStar ?? null, z: Float64Array.from(logRef), adam: adamInit(space.nResponses), step: 0, history: []};
  s.history.push(dpoRecord(s, dpoLossGrad(s).loss));
  return s;
}

/** Loss and gradient w.r.t. the logits. With per-response logits, log π(w) − log π(l) = z_w − z_l. */
export function dpoLossGrad(s: DpoState, z: Float64Array = s.z): {loss: number; grad: Float64Array} {
  const {beta} = s.config;
  const grad = new Float64Array(z.length);
  let loss = 0;
  const M = s.pairs.length;
  for (const {chosen: w, rejected: l} of s.pairs) {
    const h = z[w] - z[l] - (s.logRef[w] - s.logRef[l]);
    const x = beta * h;
    loss += softplus(-x) / M; // −log σ(βh)
    const g = (-beta / (1 + Math.exp(x))) / M; // ∂ softplus(−βh)/∂h · β
    grad[w] += g;
    grad[l] -= g;
  }
  return {loss, grad};
}

function dpoRecord(s: DpoState, loss: number): DpoRecord {
  const pi = softmaxPerPrompt(s.space, s.z);
  let acc = 0;
  for (const p of s.pairs) {
    const d = s.z[p.chosen] - s.logRef[p.chosen] - (s.z[p.rejected] - s.logRef[p.rejected]);
    acc += d > 0 ? 1 : d === 0 ? 0.5 : 0;
  }
  return {
    step: s.step,
    loss,
    accuracy: acc / s.pairs.length,
    reward: s.rm ? meanExpectation(s.space, pi, s.rm) : NaN,
    utility: meanExpectation(s.space, pi, s.space.utility),
    kl: meanKL(s.space, pi, s.piRef),
    klToOptimum: s.piStar ? meanKL(s.space, pi, s.piStar) : NaN
  };
}

/** One Adam step on the logits (mutates `s`: logits, optimiser, step, history). */
export function dpoStep(s: DpoState): DpoState {
  const {loss, grad} = dpoLossGrad(s);
  adamAscend(s.z, grad.map((g) => -g), s.adam, s.config.lr);
  s.step += 1;
  s.history.push(dpoRecord(s, loss));
  return s;
}

export function dpoPolicy(s: DpoState): Float64Array {
  return softmaxPerPrompt(s.space, s.z);
}

/** β·log(π/π_ref), centred per prompt so it is comparable to an RM's reward. */
export function implicitReward(s: DpoState): Float64Array {
  const pi = dpoPolicy(s);
  const out = new Float64Array(pi.length);
  for (let p = 0; p < s.space.offsets.length - 1; p++) {
    const a = s.space.offsets[p];
    const b = s.space.offsets[p + 1];
    let mean = 0;
    for (let i = a; i < b; i++) mean += (out[i] = s.config.beta * (Math.log(pi[i]) - s.logRef[i])) / (b - a);
    for (let i = a; i < b; i++) out[i] -= mean;
  }
  return out;
}

export interface DpoRunConfig {
  space: Space;
  piSft: Float64Array; // (N) π_ref
  pairs: Pair[];
  r: Float64Array; // (N) RM rewards, a yardstick only
  dpo: DpoConfig;
}
export interface DpoSnapshot extends PolicySnapshot<DpoRecord> {
  implicit: number[]; // (N) centred implicit reward
}
export const dpoAlgorithm: Algorithm<DpoRunConfig, DpoState, DpoSnapshot> = {
  init: (c) => dpoInit(c.space, c.piSft, c.pairs, c.dpo, {rm: c.r}),
  step: dpoStep,
  progress: (s) => s.step / s.config.steps,
  snapshot: (s, step) => ({step, steps: s.config.steps, progress: s.step / s.config.steps, history: [...s.history], pi: Array.from(dpoPolicy(s)), implicit: Array.from(implicitReward(s))})
};
