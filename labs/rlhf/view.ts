// What the notebook shows, computed from the runs' snapshots: candidate labels, policy-bar rows,
// summaries of each stage, the chart rows of the reward–KL figures, and the words of sentences that
// embed a live number (a direction or comparison computed from the same values). Pure: no DOM.
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import type {Attributes, Space} from "./dataset.js";
import type {DpoRecord} from "./dpo.js";
import type {Pair} from "./labelers.js";
import type {FrontierPoint} from "./optimum.js";
import type {BonPoint} from "./pipeline.js";
import type {PpoRecord} from "./ppo.js";

/** "#3 right+detail polite +1 filler": candidate k (0-based) of its prompt, by its attributes. */
export function candidateLabel(a: Attributes, k: number): string {
  const tone = a.tone === 1 ? " polite" : a.tone === -1 ? " rude" : "";
  return `#${k + 1} ${a.correct ? "right" : "wrong"}${a.detail ? "+detail" : ""}${tone}${a.filler ? ` +${a.filler} filler` : ""}`;
}

/** Rows of the policy bars for prompt p: each candidate's probability under each named policy. */
export function policyBarRows(space: Space, p: number, policies: {name: string; pi: ArrayLike<number>}[]): {candidate: string; policy: string; p: number}[] {
  const rows: {candidate: string; policy: string; p: number}[] = [];
  for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++)
    for (const {name, pi} of policies) rows.push({candidate: candidateLabel(space.attrs[i], i - space.offsets[p]), policy: name, p: pi[i]});
  return rows;
}

/** Mean over prompts of the best candidate's hidden utility (what a perfect policy reaches). */
export function bestUtility(space: Space): number {
  const P = space.offsets.length - 1;
  let total = 0;
  for (let p = 0; p < P; p++) total += Math.max(...space.utility.subarray(space.offsets[p], space.offsets[p + 1]));
  return total / P;
}

/** Mean over prompts of P(the sampled answer is correct) under π. */
export function probabilityCorrect(space: Space, pi: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < space.nResponses; i++) total += pi[i] * space.attrs[i].correct;
  return total / (space.offsets.length - 1);
}

/** Fraction of pairs whose chosen response has the higher hidden utility (NaN for no pairs). */
export function agreement(pairs: Pair[], utility: Float64Array): number {
  if (pairs.length === 0) return NaN;
  return pairs.filter((q) => utility[q.chosen] > utility[q.rejected]).length / pairs.length;
}

/** The pair the reader is asked to label next: a prompt and two distinct candidates, from stream(seed, "reader pair k"). */
export function readerPair(space: Space, seed: number, k: number): {prompt: number; a: number; b: number} {
  const random = stream(seed, `reader pair ${k}`);
  const prompt = Math.floor(random() * (space.offsets.length - 1));
  const o = space.offsets[prompt];
  const n = space.offsets[prompt + 1] - o;
  const a = o + Math.floor(random() * n);
  const b0 = o + Math.floor(random() * (n - 1));
  return {prompt, a, b: b0 >= a ? b0 + 1 : b0};
}

/** v minus its mean over each prompt's candidates (N): rewards are defined only up to a per-prompt constant. */
export function centredPerPrompt(space: Space, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(space.nResponses);
  for (let p = 0; p < space.offsets.length - 1; p++) {
    const a = space.offsets[p];
    const b = space.offsets[p + 1];
    let mean = 0;
    for (let i = a; i < b; i++) mean += v[i] / (b - a);
    for (let i = a; i < b; i++) out[i] = v[i] - mean;
  }
  return out;
}

/**
 * How the RM treats length, in words computed from its head: the weight on "length (words/25)" and
 * "pays for" (> +0.01), "charges for" (< −0.01) or "is almost indifferent to" it; null when the
 * backbone has no length feature (the oracle sees detail and filler apart).
 */
export function lengthStance(features: string[], params: ArrayLike<number>): {weight: number; verb: "pays for" | "charges for" | "is almost indifferent to"} | null {
  const d = features.findIndex((f) => f.startsWith("length"));
  if (d < 0) return null;
  const weight = params[d];
  return {weight, verb: weight > 0.01 ? "pays for" : weight < -0.01 ? "charges for" : "is almost indifferent to"};
}

/** Which of two curves over the same x lies above: "a" or "b" if it does at every point, else "crossing". */
export function whichAbove(a: number[], b: number[]): "a" | "b" | "crossing" {
  if (a.every((x, i) => x > b[i])) return "a";
  if (b.every((x, i) => x > a[i])) return "b";
  return "crossing";
}

export interface FrontierRow {
  kl: number;
  value: number;
  series: string;
  kind: "curve" | "point" | "path";
  label?: string;
}
type Path = {kl: number; reward: number; utility: number}[];

/** Two rows (RM reward, true utility) per point of a curve or path, every `every`-th point and the last. */
export function pairRows(points: Path, name: string, kind: FrontierRow["kind"], every = 1): FrontierRow[] {
  const kept = points.filter((_, k) => k % every === 0 || k === points.length - 1);
  return [...kept.map((f) => ({kl: f.kl, value: f.reward, series: `${name} (RM reward)`, kind})), ...kept.map((f) => ({kl: f.kl, value: f.utility, series: `${name} (true utility)`, kind}))];
}

/** A labelled end point: its RM reward (labelled) and its utility (unlabelled) at the same KL. */
export function endPoint(p: {kl: number; reward: number; utility: number}, label: string, series = "end points"): FrontierRow[] {
  return [{kl: p.kl, value: p.reward, series, kind: "point", label}, {kl: p.kl, value: p.utility, series, kind: "point", label: ""}];
}

/** The section-4 figure: π*'s frontier, the PPO path and π* at the chosen β. */
export function frontierRows(front: FrontierPoint[], history: PpoRecord[], method: string, star: {kl: number; reward: number; utility: number}, beta: number): FrontierRow[] {
  return [...pairRows(front, "π*", "curve"), ...pairRows(history, method, "path", 5), ...endPoint(star, `β=${beta}`, "π* at this β")];
}

/** The section-5 figure: π*'s frontier, best-of-n, DPO's path and the end points of each method. */
export function alternativesRows(front: FrontierPoint[], bon: BonPoint[], dpo: DpoRecord[], ends: {point: {kl: number; reward: number; utility: number}; label: string}[]): FrontierRow[] {
  return [...pairRows(front, "π*", "curve"), ...pairRows(bon, "best-of-n", "path"), ...pairRows(dpo, "DPO", "path", 5), ...ends.flatMap((e) => endPoint(e.point, e.label))];
}

/** The label set, or the reader-facing reason there is none (an InputError's message). */
export function tryLabelSet(make: () => Pair[]): {pairs: Pair[]; error: null} | {pairs: null; error: string} {
  try {
    return {pairs: make(), error: null};
  } catch (e) {
    if (e instanceof InputError) return {pairs: null, error: e.message};
    throw e;
  }
}

/** Mean over prompts of the mass π puts on the candidate(s) with the prompt's highest reward. */
export function topMass(space: Space, pi: ArrayLike<number>, r: ArrayLike<number>): number {
  const P = space.offsets.length - 1;
  let total = 0;
  for (let p = 0; p < P; p++) {
    let max = -Infinity;
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) max = Math.max(max, r[i]);
    for (let i = space.offsets[p]; i < space.offsets[p + 1]; i++) if (r[i] === max) total += pi[i];
  }
  return total / P;
}
