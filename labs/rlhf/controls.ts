// The RLHF notebook's controls, declared once (labs/kit/controls.ts), and the run configs they make.
// The page builds its inputs from these specs; the data loader builds the first state from their
// defaults with the same configsFrom(), so the precomputed runs are what the controls would compute.
import type {ChoiceSpec, RangeSpec, ToggleSpec} from "../kit/controls.js";
import {DEFAULT_SEED} from "../kit/random.js";
import {DEFAULT_DPO, type DpoConfig} from "./dpo.js";
import {DEFAULT_LABELERS, type Pair} from "./labelers.js";
import type {LabelSetConfig, LabelSource} from "./pipeline.js";
import {DEFAULT_PPO, type PpoConfig} from "./ppo.js";
import {DEFAULT_RM, type RmConfig} from "./reward.js";
import type {Backbone} from "./dataset.js";
import {DEFAULT_SFT, type SftConfig} from "./sft.js";

export const BON_NS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 256];
const L = DEFAULT_LABELERS;

export const CONTROLS = {
  pairs: {type: "range", key: "pairs", label: "pairs", min: 20, max: 2000, step: 10, value: L.nPairs},
  tau: {type: "range", key: "tau", label: "labeler noise τ", name: "τ", min: 0, max: 3, step: 0.1, value: L.noise},
  disagree: {type: "range", key: "disagree", label: "disagreement", min: 0, max: 1.5, step: 0.05, value: L.disagreement},
  labels: {type: "radio", key: "labels", label: "label source", choices: ["simulated", "mine", "both"], value: "simulated"},
  backbone: {type: "radio", key: "backbone", label: "backbone", choices: ["surface", "oracle"], value: "surface"},
  margin: {type: "toggle", key: "margin", label: "margin (1 when the labeler says 'clearly better')", value: DEFAULT_RM.useMargin},
  center: {type: "select", key: "center", label: "centering c", choices: ["0", "0.01", "0.1"], value: String(DEFAULT_RM.centerCoef)},
  rmsteps: {type: "range", key: "rmsteps", label: "RM steps", min: 20, max: 600, step: 10, value: DEFAULT_RM.steps},
  logbeta: {type: "range", key: "logbeta", label: "log₁₀ β", min: -2, max: 1, step: 0.1, value: -1.3},
  method: {type: "radio", key: "method", label: "method", choices: ["ppo", "reinforce"], value: DEFAULT_PPO.method},
  rlsteps: {type: "range", key: "rlsteps", label: "RL steps", min: 10, max: 600, step: 10, value: 150},
  n: {type: "select", key: "n", label: "best of n", choices: BON_NS.map(String), value: "16"},
  dpobeta: {type: "select", key: "dpobeta", label: "DPO β", choices: ["0.05", "0.1", "0.2", "0.5", "1"], value: String(DEFAULT_DPO.beta)},
  dposteps: {type: "range", key: "dposteps", label: "DPO steps", min: 10, max: 600, step: 10, value: DEFAULT_DPO.steps}
} as const satisfies Record<string, RangeSpec | ChoiceSpec | ToggleSpec>;

/** The value of every control, as the page reads them. */
export interface ControlValues {
  seed: number;
  pairs: number;
  tau: number;
  disagree: number;
  labels: LabelSource;
  backbone: Backbone;
  margin: boolean;
  center: string;
  rmsteps: number;
  logbeta: number;
  method: "ppo" | "reinforce";
  rlsteps: number;
  dpobeta: string;
  dposteps: number;
}
export const DEFAULT_VALUES: ControlValues = {
  seed: DEFAULT_SEED,
  ...(Object.fromEntries(Object.entries(CONTROLS).map(([k, spec]) => [k, spec.value])) as Omit<ControlValues, "seed">)
};
export const toNumber = (text: string): number => Number(text);

/** β from the log₁₀ β slider, rounded to 2 significant digits (10^−1.3 → 0.05). */
export const betaOf = (logBeta: number): number => Number((10 ** logBeta).toPrecision(2));

/** The label set's config: simulated labelers from the controls, plus the reader's pairs unless the source is "simulated". */
export function labelsFrom(v: Pick<ControlValues, "seed" | "pairs" | "tau" | "disagree" | "labels">, mine: Pair[] = []): LabelSetConfig {
  return {seed: v.seed, labelers: {...L, nPairs: v.pairs, noise: v.tau, disagreement: v.disagree}, source: v.labels, mine: v.labels === "simulated" ? [] : mine};
}

/** The RM run's key (what its first state is checked against): label set, backbone and RM config. */
export function rmKeyFrom(labels: LabelSetConfig, v: Pick<ControlValues, "backbone" | "margin" | "center" | "rmsteps">): {labels: LabelSetConfig; backbone: Backbone; rm: RmConfig} {
  return {labels, backbone: v.backbone, rm: {...DEFAULT_RM, steps: v.rmsteps, useMargin: v.margin, centerCoef: toNumber(v.center)}};
}

/** PPO's key: its config, the seed of its rollouts and the key of the RM it optimises. */
export function ppoKeyFrom(seed: number, rm: ReturnType<typeof rmKeyFrom>, v: Pick<ControlValues, "logbeta" | "method" | "rlsteps">): {seed: number; ppo: PpoConfig; rm: ReturnType<typeof rmKeyFrom>} {
  return {seed, ppo: {...DEFAULT_PPO, beta: betaOf(v.logbeta), method: v.method, steps: v.rlsteps}, rm};
}

/** DPO's key: its config and the key of the RM run whose labels it learns from (the RM is its yardstick). */
export function dpoKeyFrom(rm: ReturnType<typeof rmKeyFrom>, v: Pick<ControlValues, "dpobeta" | "dposteps">): {dpo: DpoConfig; rm: ReturnType<typeof rmKeyFrom>} {
  return {dpo: {...DEFAULT_DPO, beta: toNumber(v.dpobeta), steps: v.dposteps}, rm};
}

export const SFT_KEY: {sft: SftConfig} = {sft: {...DEFAULT_SFT}};

/** Every run's key from the controls: what the data loader writes beside each first state. */
export function configsFrom(v: ControlValues, mine: Pair[] = []) {
  const rmKey = rmKeyFrom(labelsFrom(v, mine), v);
  return {sftKey: SFT_KEY, rmKey, ppoKey: ppoKeyFrom(v.seed, rmKey, v), dpoKey: dpoKeyFrom(rmKey, v)};
}
