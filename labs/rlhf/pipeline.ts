// The notebook's pipeline glue: the SFT, PPO and DPO runs as Steppers for the run controller, the
// label set (simulated labelers, the reader's own labels, or both), best-of-n curves and win rates.
// No tfjs here (the reward model trains in rm-stepper.ts, in a worker); no DOM.
import {InputError} from "../kit/params.js";
import {mulberry32} from "../kit/random.js";
import type {Stepper} from "../kit/stepper.js";
import {bestOfN, bonKlFormula} from "./bon.js";
import {buildSpace, type Backbone, type Dataset, type Space} from "./dataset.js";
import {dpoInit, dpoPolicy, dpoStep, implicitReward, type DpoConfig, type DpoRecord} from "./dpo.js";
import {simulateLabels, type LabelerConfig, type Pair} from "./labelers.js";
import {optimalPolicy} from "./optimum.js";
import {meanExpectation, meanKL, softmaxPerPrompt, winRate} from "./policy.js";
import {ppoInit, ppoPolicy, ppoStep, type PpoConfig, type PpoRecord} from "./ppo.js";
import {DEFAULT_SFT, POLICY_FEATURES, policyFeatures, sftInit, sftLogits, sftStep, type SftConfig} from "./sft.js";

export function spaces(dataset: Dataset, backbone: Backbone = "surface"): {train: Space; held: Space} {
  return {train: buildSpace(dataset, {split: "train", backbone}), held: buildSpace(dataset, {split: "heldout", backbone})};
}

/** π_θ over any space from SFT weights θ (the SFT model generalises to prompts without demonstrations). */
export function sftPolicy(space: Space, theta: ArrayLike<number>): Float64Array {
  const z = new Float64Array(space.nResponses);
  space.attrs.forEach((a, i) => (z[i] = policyFeatures(a).reduce((acc, x, f) => acc + x * theta[f], 0)));
  return softmaxPerPrompt(space, z);
}

export type LabelSource = "simulated" | "mine" | "both";
export interface LabelSetConfig {
  seed: number;
  labelers: LabelerConfig;
  source: LabelSource;
  mine: Pair[];
}

/** The training pairs for the RM and DPO. Throws a reader-facing error for an empty set. */
export function labelSet(train: Space, c: LabelSetConfig): Pair[] {
  const simulated = c.source === "mine" ? [] : simulateLabels(train, c.labelers, mulberry32(c.seed));
  const pairs = c.source === "simulated" ? simulated : [...simulated, ...c.mine];
  if (pairs.length === 0) throw new InputError("The label set is empty: label some pairs yourself above, or switch the label source to include the simulated labelers.");
  return pairs;
}

export function heldOutPairs(held: Space, c: LabelSetConfig): Pair[] {
  return simulateLabels(held, c.labelers, mulberry32(c.seed + 1));
}

// ---- SFT ----
export interface SftSnapshot {
  step: number;
  steps: number;
  losses: number[];
  theta: number[];
  features: string[];
  pi: number[]; // (N) current policy on the train prompts
}
export function sftStepper(space: Space, config: SftConfig = DEFAULT_SFT): Stepper<SftSnapshot> {
  let s = sftInit(space, config);
  const snap = (): SftSnapshot => ({
    step: s.step,
    steps: config.steps,
    losses: [...s.losses],
    theta: Array.from(s.theta),
    features: POLICY_FEATURES,
    pi: Array.from(softmaxPerPrompt(space, sftLogits(s)))
  });
  return {
    reset: () => ((s = sftInit(space, config)), snap()),
    step: (n) => {
      for (let k = 0; k < n && s.step < config.steps; k++) sftStep(s);
      return snap();
    },
    progress: (x) => x.step / x.steps,
    stepsDone: (x) => x.step
  };
}

// ---- PPO / REINFORCE ----
export interface PolicySnapshot<R> {
  step: number;
  steps: number;
  history: R[];
  pi: number[];
}
export function ppoStepper(space: Space, piSft: Float64Array, r: Float64Array, config: PpoConfig, seed: number): Stepper<PolicySnapshot<PpoRecord>> {
  const star = optimalPolicy(space, piSft, r, config.beta);
  const make = () => ppoInit(space, piSft, r, config, mulberry32(seed), star);
  let s = make();
  const snap = () => ({step: s.step, steps: config.steps, history: [...s.history], pi: Array.from(ppoPolicy(s))});
  return {
    reset: () => ((s = make()), snap()),
    step: (n) => {
      for (let k = 0; k < n && s.step < config.steps; k++) ppoStep(s);
      return snap();
    },
    progress: (x) => x.step / x.steps,
    stepsDone: (x) => x.step
  };
}

// ---- DPO ----
export interface DpoSnapshot extends PolicySnapshot<DpoRecord> {
  implicit: number[];
}
export function dpoStepper(space: Space, piSft: Float64Array, pairs: Pair[], r: Float64Array, config: DpoConfig): Stepper<DpoSnapshot> {
  const make = () => dpoInit(space, piSft, pairs, config, {rm: r});
  let s = make();
  const snap = () => ({step: s.step, steps: config.steps, history: [...s.history], pi: Array.from(dpoPolicy(s)), implicit: Array.from(implicitReward(s))});
  return {
    reset: () => ((s = make()), snap()),
    step: (n) => {
      for (let k = 0; k < n && s.step < config.steps; k++) dpoStep(s);
      return snap();
    },
    progress: (x) => x.step / x.steps,
    stepsDone: (x) => x.step
  };
}

// ---- Best-of-n and evaluation ----
export interface BonPoint {
  n: number;
  kl: number;
  formula: number;
  reward: number;
  utility: number;
}
export function bonCurve(space: Space, piSft: Float64Array, r: Float64Array, ns: number[]): BonPoint[] {
  return ns.map((n) => {
    const pi = bestOfN(space, piSft, r, n);
    return {n, kl: meanKL(space, pi, piSft), formula: bonKlFormula(n), reward: meanExpectation(space, pi, r), utility: meanExpectation(space, pi, space.utility)};
  });
}

export interface EvalRow {
  policy: string;
  kl: number;
  reward: number;
  utility: number;
  winTrue: number; // win rate vs π_SFT judged by the hidden utility
  winRm: number; // judged by the reward model
}
export function evaluate(space: Space, piSft: Float64Array, r: Float64Array, policies: {policy: string; pi: ArrayLike<number>}[]): EvalRow[] {
  return policies.map(({policy, pi}) => {
    const p = Float64Array.from(pi);
    return {
      policy,
      kl: meanKL(space, p, piSft),
      reward: meanExpectation(space, p, r),
      utility: meanExpectation(space, p, space.utility),
      winTrue: winRate(space, p, piSft, space.utility),
      winRm: winRate(space, p, piSft, r)
    };
  });
}
