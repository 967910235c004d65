// The notebook's pipeline glue: the train/held-out spaces, the SFT policy from its weights, the label
// set (simulated labelers, the reader's own labels, or both), best-of-n curves and win rates.
// The runs themselves are init/step Algorithms in sft.ts, rm-run.ts, ppo.ts and dpo.ts. No tfjs, no DOM.
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {bestOfN, bonKlFormula} from "./bon.js";
import {buildSpace, type Backbone, type Dataset, type Space} from "./dataset.js";
import {simulateLabels, type LabelerConfig, type Pair} from "./labelers.js";
import {checkDistribution, checkValues, meanExpectation, meanKL, softmaxPerPrompt, winRate} from "./policy.js";
import {policyFeatures} from "./sft.js";

export function spaces(dataset: Dataset, backbone: Backbone = "surface"): {train: Space; held: Space} {
  return {train: buildSpace(dataset, {split: "train", backbone}), held: buildSpace(dataset, {split: "heldout", backbone})};
}

/** π_θ over any space from SFT weights θ (the SFT model generalises to prompts without demonstrations). */
export function sftPolicy(space: Space, theta: ArrayLike<number>): Float64Array {
  for (let f = 0; f < theta.length; f++) if (!Number.isFinite(theta[f])) throw new InputError(`SFT weight θ[${f}] must be a finite number, got ${theta[f]}.`);
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

/** The training pairs for the RM and DPO (labelers draw from stream(seed, "labels")). Throws a reader-facing error for an empty set. */
export function labelSet(train: Space, c: LabelSetConfig): Pair[] {
  const simulated = c.source === "mine" ? [] : simulateLabels(train, c.labelers, stream(c.seed, "labels"));
  const pairs = c.source === "simulated" ? simulated : [...simulated, ...c.mine];
  if (pairs.length === 0) throw new InputError("The label set is empty: label some pairs yourself above, or switch the label source to include the simulated labelers.");
  return pairs;
}

/** Simulated pairs on the held-out prompts (stream(seed, "held-out labels")), for the RM's held-out accuracy and calibration. */
export function heldOutPairs(held: Space, c: LabelSetConfig): Pair[] {
  return simulateLabels(held, c.labelers, stream(c.seed, "held-out labels"));
}

// ---- Best-of-n and evaluation ----
export interface BonPoint {
  n: number;
  kl: number;
  formula: number;
  reward: number;
  utility: number;
}
/** Best-of-n from π_SFT for each n: exact KL, the formula, mean RM reward and hidden utility. */
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
/** KL, reward, utility and exact win rates vs π_SFT of each policy. Throws InputError for a policy that is not a distribution. */
export function evaluate(space: Space, piSft: Float64Array, r: Float64Array, policies: {policy: string; pi: ArrayLike<number>}[]): EvalRow[] {
  checkDistribution(space, piSft, "π_SFT");
  checkValues(space, r, "reward r");
  return policies.map(({policy, pi}) => {
    const p = Float64Array.from(pi);
    checkDistribution(space, p, policy);
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
