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

/**
 * The config of each run, from the controls (and the reader's own labels). `rmKey`, `ppoKey` and
 * `dpoKey` are what a first state is checked against (labs/kit/first-state.ts); each includes the
 * key of the runs it depends on, so a new label set or RM invalidates the PPO and DPO first states.
 */
export function configsFrom(v: ControlValues, mine: Pair[] = []) {
  const labels: LabelSetConfig = {seed: v.seed, labelers: {...L, nPairs: v.pairs, noise: v.tau, disagreement: v.disagree}, source: v.labels, mine: v.labels === "simulated" ? [] : mine};
  const sft: SftConfig = {...DEFAULT_SFT};
  const rm: RmConfig = {...DEFAULT_RM, steps: v.rmsteps, useMargin: v.margin, centerCoef: toNumber(v.center)};
  const ppo: PpoConfig = {...DEFAULT_PPO, beta: betaOf(v.logbeta), method: v.method, steps: v.rlsteps};
  const dpo: DpoConfig = {...DEFAULT_DPO, beta: toNumber(v.dpobeta), steps: v.dposteps};
  const rmKey = {labels, backbone: v.backbone, rm};
  return {labels, sft, rm, ppo, dpo, rmKey, sftKey: {sft}, ppoKey: {seed: v.seed, ppo, rm: rmKey}, dpoKey: {dpo, rm: rmKey}};
}
