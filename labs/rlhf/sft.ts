// Supervised fine-tuning as maximum likelihood on demonstrations: π_θ(y|x) = softmax_y(θ·ψ(y)) with
// ψ the response's annotated attributes, trained by Adam on −mean log π_θ(demo) + (λ/2)|θ|².
// Leaves out tokens and prompt masking (TRL SFTTrainer's completion-only loss): one demonstration is one whole candidate.
import type {Algorithm} from "../kit/loop.js";
import {InputError} from "../kit/params.js";
import {adamAscend, adamInit, type Adam} from "./adam.js";
import type {Attributes, Space} from "./dataset.js";
import {softmaxPerPrompt} from "./policy.js";

export const POLICY_FEATURES = ["correct", "detail", "polite", "rude", "filler", "length (words/25)"];
export function policyFeatures(a: Attributes): number[] {
  return [a.correct, a.detail, a.tone === 1 ? 1 : 0, a.tone === -1 ? 1 : 0, a.filler, a.words / 25];
}

export interface SftConfig {
  steps: number;
  lr: number;
  l2: number;
}
export const DEFAULT_SFT: SftConfig = {steps: 150, lr: 0.05, l2: 0.02};

export interface SftState {
  space: Space;
  config: SftConfig;
  psi: Float64Array; // (N, F) policy features
  theta: Float64Array; // (F)
  adam: Adam;
  step: number;
  losses: number[]; // NLL per step
}

/** θ = 0 (every candidate equally likely). Throws InputError without demonstrations or with a bad config. */
export function sftInit(space: Space, config: SftConfig = DEFAULT_SFT): SftState {
  if (space.demos.length === 0) throw new InputError("SFT needs at least one demonstration.");
  if (!(config.steps >= 1 && config.lr > 0 && config.l2 >= 0)) throw new InputError("SFT needs steps ≥ 1, a learning rate > 0 and L2 ≥ 0.");
  const F = POLICY_FEATURES.length;
  const psi = new Float64Array(space.nResponses * F);
  space.attrs.forEach((a, i) => psi.set(policyFeatures(a), i * F));
  return {space, config, psi, theta: new Float64Array(F), adam: adamInit(F), step: 0, losses: []};
}

/** Logits z = Ψθ: (N, F) x (F) -> (N). */
export function sftLogits(s: SftState, theta = s.theta): Float64Array {
  const F = theta.length;
  const z = new Float64Array(s.space.nResponses);
  for (let i = 0; i < z.length; i++) {
    let acc = 0;
    for (let f = 0; f < F; f++) acc += s.psi[i * F + f] * theta[f];
    z[i] = acc;
  }
  return z;
}

/** Demonstration NLL (+ L2) and its gradient w.r.t. θ. */
export function sftLossGrad(s: SftState, theta = s.theta): {loss: number; grad: Float64Array} {
  const F = theta.length;
  const pi = softmaxPerPrompt(s.space, sftLogits(s, theta));
  const grad = new Float64Array(F);
  let loss = 0;
  const D = s.space.demos.length;
  for (const y of s.space.demos) {
    loss -= Math.log(pi[y]) / D;
    // ∂(−log π_y)/∂θ = E_π[ψ] − ψ_y over y's prompt
    let p = 0;
    while (s.space.offsets[p + 1] <= y) p++;
    for (let i = s.space.offsets[p]; i < s.space.offsets[p + 1]; i++) for (let f = 0; f < F; f++) grad[f] += (pi[i] * s.psi[i * F + f]) / D;
    for (let f = 0; f < F; f++) grad[f] -= s.psi[y * F + f] / D;
  }
  for (let f = 0; f < F; f++) {
    loss += 0.5 * s.config.l2 * theta[f] ** 2;
    grad[f] += s.config.l2 * theta[f];
  }
  return {loss, grad};
}

/** One Adam step on θ (mutates `s`: θ, the optimiser, step and losses). */
export function sftStep(s: SftState): SftState {
  const {loss, grad} = sftLossGrad(s);
  adamAscend(s.theta, grad.map((g) => -g), s.adam, s.config.lr);
  s.losses.push(loss);
  s.step += 1;
  return s;
}

export function sftTrain(space: Space, config: SftConfig = DEFAULT_SFT): SftState {
  const s = sftInit(space, config);
  while (s.step < config.steps) sftStep(s);
  return s;
}

export interface SftRunConfig {
  space: Space;
  sft: SftConfig;
}
export interface SftSnapshot {
  step: number;
  steps: number;
  progress: number;
  losses: number[];
  theta: number[];
  features: string[];
  pi: number[]; // (N) current policy on the train prompts
}
export const sftAlgorithm: Algorithm<SftRunConfig, SftState, SftSnapshot> = {
  init: (c) => sftInit(c.space, c.sft),
  step: sftStep,
  progress: (s) => s.step / s.config.steps,
  snapshot: (s, step) => ({
    step,
    steps: s.config.steps,
    progress: s.step / s.config.steps,
    losses: [...s.losses],
    theta: Array.from(s.theta),
    features: POLICY_FEATURES,
    pi: Array.from(softmaxPerPrompt(s.space, sftLogits(s)))
  })
};
