// Policy optimisation against a reward model with a KL penalty to π_SFT, on the candidate-softmax
// policy: PPO's clipped surrogate (Schulman et al. 2017, arXiv:1707.06347) with a per-prompt value
// baseline, or REINFORCE with a group-mean baseline. The reward is r(y) − β·log(π_old(y)/π_SFT(y)),
// InstructGPT's KL-in-reward (per token there; one "token" here). Gradients in plain code w.r.t. logits.
import type {Algorithm} from "../kit/loop.js";
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {adamAscend, adamInit, type Adam} from "./adam.js";
import type {Space} from "./dataset.js";
import {checkBeta, optimalPolicy} from "./optimum.js";
import {checkDistribution, checkValues, meanExpectation, meanKL, samplePrompt, softmaxPerPrompt} from "./policy.js";

export interface PpoConfig {
  method: "ppo" | "reinforce";
  beta: number; // KL coefficient
  steps: number; // rollouts
  samples: number; // responses sampled per prompt per rollout
  epochs: number; // PPO passes over each rollout
  clip: number; // ε
  lr: number; // Adam on the logits
  valueLr: number; // per-prompt baseline V(x) ← V + α(R − V)
}
export const DEFAULT_PPO: PpoConfig = {method: "ppo", beta: 0.1, steps: 150, samples: 8, epochs: 4, clip: 0.2, lr: 0.05, valueLr: 0.3};

export interface PpoRecord {
  step: number;
  reward: number; // mean E_π[r_RM]
  utility: number; // mean E_π[u] (hidden)
  kl: number; // mean KL(π‖π_SFT)
  klToOptimum: number; // mean KL(π‖π*), NaN without π*
  clipFraction: number;
}
export interface PpoState {
  space: Space;
  config: PpoConfig;
  r: Float64Array; // (N) RM rewards
  logRef: Float64Array; // (N) log π_SFT
  piRef: Float64Array;
  piStar: Float64Array | null; // (N) closed-form optimum for comparison
  z: Float64Array; // (N) policy logits
  value: Float64Array; // (P) baseline
  adam: Adam;
  random: () => number;
  step: number;
  history: PpoRecord[];
}

export function validatePpo(c: PpoConfig): void {
  checkBeta(c.beta);
  if (!(Number.isInteger(c.steps) && c.steps >= 1)) throw new InputError(`Steps must be a whole number ≥ 1, got ${c.steps}.`);
  if (!(Number.isInteger(c.samples) && c.samples >= 1)) throw new InputError(`Samples per prompt must be a whole number ≥ 1, got ${c.samples}.`);
  if (!(Number.isInteger(c.epochs) && c.epochs >= 1)) throw new InputError(`PPO epochs must be a whole number ≥ 1, got ${c.epochs}.`);
  if (!(c.clip > 0 && c.clip < 1)) throw new InputError(`The clip range ε must be in (0, 1), got ${c.clip}.`);
  if (!(c.lr > 0)) throw new InputError(`The learning rate must be > 0, got ${c.lr}.`);
}

/** Logits z = log π_ref, baseline V = E_π_ref[r]. Throws InputError for a bad config, π_ref or r. */
export function ppoInit(space: Space, piRef: Float64Array, r: Float64Array, config: PpoConfig, random: () => number, piStar: Float64Array | null = null): PpoState {
  validatePpo(config);
  checkDistribution(space, piRef, "π_ref");
  checkValues(space, r, "reward r");
  const logRef = piRef.map((x) => Math.log(x));
  const P = space.offsets.length - 1;
  const value = new Float64Array(P);
  for (let p = 0; p < P; p++) for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) value[p] += piRef[i] * r[i];
  const s: PpoState = {space, config, r, logRef, piRef, piStar, z: Float64Array.from(logRef), value, adam: adamInit(space.nResponses), random, step: 0, history: []};
  s.history.push(ppoRecord(s, 0));
  return s;
}

function ppoRecord(s: PpoState, clipFraction: number): PpoRecord {
  const pi = softmaxPerPrompt(s.space, s.z);
  return {
    step: s.step,
    reward: meanExpectation(s.space, pi, s.r),
    utility: meanExpectation(s.space, pi, s.space.utility),
    kl: meanKL(s.space, pi, s.piRef),
    klToOptimum: s.piStar ? meanKL(s.space, pi, s.piStar) : NaN,
    clipFraction
  };
}

/** One rollout (samples per prompt from π_old) and `epochs` gradient passes on it; mutates `s` (logits, baseline, optimiser, history). */
export function ppoStep(s: PpoState): PpoState {
  const {space, config} = s;
  const P = space.offsets.length - 1;
  const K = config.samples;
  const piOld = softmaxPerPrompt(space, s.z);
  const ys = new Int32Array(P * K); // (P, K) sampled responses
  const adv = new Float64Array(P * K); // (P, K) advantages
  for (let p = 0; p < P; p++) {
    let mean = 0;
    const R = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const y = samplePrompt(space, piOld, p, s.random);
      ys[p * K + k] = y;
      R[k] = s.r[y] - config.beta * (Math.log(piOld[y]) - s.logRef[y]);
      mean += R[k] / K;
    }
    const baseline = config.method === "ppo" ? s.value[p] : mean;
    for (let k = 0; k < K; k++) adv[p * K + k] = R[k] - baseline;
    if (config.method === "ppo") s.value[p] += config.valueLr * (mean - s.value[p]);
  }
  const epochs = config.method === "ppo" ? config.epochs : 1;
  let clipped = 0;
  const grad = new Float64Array(space.nResponses);
  for (let e = 0; e < epochs; e++) {
    const pi = softmaxPerPrompt(space, s.z);
    grad.fill(0);
    for (let p = 0; p < P; p++) {
      for (let k = 0; k < K; k++) {
        const y = ys[p * K + k];
        const A = adv[p * K + k];
        let g: number;
        if (config.method === "ppo") {
          const ratio = pi[y] / piOld[y];
          // min(ρA, clip(ρ)A): no gradient once the ratio has left [1−ε, 1+ε] in the advantage's direction
          if ((A > 0 && ratio > 1 + config.clip) || (A < 0 && ratio < 1 - config.clip)) {
            clipped++;
            continue;
          }
          g = (A * ratio) / K; // ∂(ρA)/∂z = ρA(e_y − π)
        } else g = A / K; // ∂(A log π_y)/∂z = A(e_y − π)
        grad[y] += g;
        for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) grad[i] -= g * pi[i];
      }
    }
    adamAscend(s.z, grad, s.adam, config.lr);
  }
  s.step += 1;
  s.history.push(ppoRecord(s, clipped / (P * K * epochs)));
  return s;
}

export function ppoPolicy(s: PpoState): Float64Array {
  return softmaxPerPrompt(s.space, s.z);
}

export {meanKL};

export interface PpoRunConfig {
  space: Space;
  piSft: Float64Array; // (N) π_ref
  r: Float64Array; // (N) RM rewards
  ppo: PpoConfig;
  seed: number; // samples come from stream(seed, "ppo rollouts")
}
export interface PolicySnapshot<R> {
  step: number;
  steps: number;
  progress: number;
  history: R[];
  pi: number[];
}
export const ppoAlgorithm: Algorithm<PpoRunConfig, PpoState, PolicySnapshot<PpoRecord>> = {
  init: (c) => ppoInit(c.space, c.piSft, c.r, c.ppo, stream(c.seed, "ppo rollouts"), optimalPolicy(c.space, c.piSft, c.r, c.ppo.beta)),
  step: ppoStep,
  progress: (s) => s.step / s.config.steps,
  snapshot: (s, step) => ({step, steps: s.config.steps, progress: s.step / s.config.steps, history: [...s.history], pi: Array.from(ppoPolicy(s))})
};
