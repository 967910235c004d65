// Simulated labelers: each compares two candidates of a prompt and prefers one with Bradley–Terry
// probability σ((u_k(a) − u_k(b))/τ), where u_k is the hidden utility with the labeler's own weight
// perturbation (disagreement). Leaves out ranking K>2 outputs at once (InstructGPT ranks K=4–9).
import {InputError} from "../kit/params.js";
import {randomNormal} from "../kit/random.js";
import {TRUE_WEIGHTS, type Attributes, type Space} from "./dataset.js";

export interface Pair {
  chosen: number; // global response index
  rejected: number; // global response index, same prompt
  labeler: number; // -1 = the reader
  margin: number; // 1 if the labeler says "clearly better", else 0
}
export interface LabelerConfig {
  nPairs: number; // comparisons to collect
  nLabelers: number;
  noise: number; // τ, Bradley–Terry temperature; 0 = noise-free (always the better one)
  disagreement: number; // std of each labeler's weight perturbation
}
export const DEFAULT_LABELERS: LabelerConfig = {nPairs: 600, nLabelers: 5, noise: 1, disagreement: 0.3};

type Weights = {-readonly [K in keyof typeof TRUE_WEIGHTS]: number};

export function labelerUtility(a: Attributes, w: Weights): number {
  return w.correct * a.correct + w.detail * a.detail + w.polite * (a.tone === 1 ? 1 : 0) + w.rude * (a.tone === -1 ? 1 : 0) + w.filler * a.filler;
}

export function labelerWeights(config: LabelerConfig, random: () => number): Weights[] {
  const normal = randomNormal(random);
  return Array.from({length: config.nLabelers}, () => {
    const w = {...TRUE_WEIGHTS} as Weights;
    for (const k of Object.keys(w) as (keyof Weights)[]) w[k] += config.disagreement * normal();
    return w;
  });
}

export function simulateLabels(space: Space, config: LabelerConfig, random: () => number): Pair[] {
  if (!(Number.isInteger(config.nPairs) && config.nPairs >= 1)) throw new InputError(`The number of pairs must be a whole number ≥ 1, got ${config.nPairs}.`);
  if (!(Number.isInteger(config.nLabelers) && config.nLabelers >= 1)) throw new InputError(`The number of labelers must be ≥ 1, got ${config.nLabelers}.`);
  if (!(config.noise >= 0)) throw new InputError(`Labeler noise τ must be ≥ 0, got ${config.noise}.`);
  if (!(config.disagreement >= 0)) throw new InputError(`Labeler disagreement must be ≥ 0, got ${config.disagreement}.`);
  const weights = labelerWeights(config, random);
  const P = space.offsets.length - 1;
  const pairs: Pair[] = [];
  let guard = 0;
  while (pairs.length < config.nPairs && guard++ < config.nPairs * 50) {
    const p = Math.floor(random() * P);
    const o = space.offsets[p];
    const n = space.offsets[p + 1] - o;
    const i = o + Math.floor(random() * n);
    let j = o + Math.floor(random() * (n - 1));
    if (j >= i) j++;
    const labeler = Math.floor(random() * config.nLabelers);
    const du = labelerUtility(space.attrs[i], weights[labeler]) - labelerUtility(space.attrs[j], weights[labeler]);
    let iWins: boolean;
    if (config.noise === 0) {
      if (du === 0) continue; // no preference to record
      iWins = du > 0;
    } else {
      iWins = random() < 1 / (1 + Math.exp(-du / config.noise));
    }
    pairs.push({chosen: iWins ? i : j, rejected: iWins ? j : i, labeler, margin: Math.abs(du) > 1 ? 1 : 0});
  }
  return pairs;
}

/** Throws a reader-facing error if the label set cannot train anything. */
export function validatePairs(space: Space, pairs: Pair[]): void {
  if (!Array.isArray(pairs) || pairs.length === 0) throw new InputError("The label set is empty: label or simulate at least one pair first.");
  for (const [k, pair] of pairs.entries()) {
    if (pair.chosen === pair.rejected) throw new InputError(`Pair ${k + 1} compares a response with itself (chosen == rejected); it carries no preference.`);
    for (const r of [pair.chosen, pair.rejected]) if (!(Number.isInteger(r) && r >= 0 && r < space.nResponses)) throw new InputError(`Pair ${k + 1} points to response ${r}, which does not exist.`);
    const pc = promptIndex(space, pair.chosen);
    if (pc !== promptIndex(space, pair.rejected)) throw new InputError(`Pair ${k + 1} compares responses to two different prompts.`);
  }
}

function promptIndex(space: Space, r: number): number {
  for (let p = 0; p < space.offsets.length - 1; p++) if (r < space.offsets[p + 1]) return p;
  return -1;
}
