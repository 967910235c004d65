// The RLHF lab's assistant task: prompts with 6-10 candidate responses, their annotated attributes,
// the hidden "true" utility people prefer, and the frozen backbone features a reward model sees.
// Leaves out real text generation: a response is one of a prompt's fixed candidates.
// Data written for this project (data/rlhf/source.json, composed by data/rlhf/build.ts).
import {InputError} from "../kit/params.js";

export interface Attributes {
  correct: 0 | 1; // the core answer is right
  detail: 0 | 1; // carries one genuinely useful extra sentence
  tone: -1 | 0 | 1; // rude, neutral, polite opener/closer
  filler: number; // 0..2 sentences of padding that add length and nothing else
  words: number; // whitespace-separated words
  factCheck: 0 | 1; // the frozen backbone's verdict on `correct`; wrong for 5% + 15% per filler sentence
}
export interface Candidate {
  text: string;
  attrs: Attributes;
}
export interface PromptItem {
  id: string;
  prompt: string;
  split: "train" | "heldout";
  demos: number[]; // indices of demonstration responses (SFT data), may repeat
  candidates: Candidate[];
}
export interface Dataset {
  about: string;
  prompts: PromptItem[];
}

/** Weights of the hidden utility u(y) = w · [correct, detail, polite, rude, filler]. */
export const TRUE_WEIGHTS = {correct: 2.5, detail: 1.2, polite: 0.6, rude: -1.0, filler: -0.3} as const;

export function trueUtility(a: Attributes): number {
  const w = TRUE_WEIGHTS;
  return w.correct * a.correct + w.detail * a.detail + w.polite * (a.tone === 1 ? 1 : 0) + w.rude * (a.tone === -1 ? 1 : 0) + w.filler * a.filler;
}

/** The RM's frozen backbone: what it can "see" of a response. `surface` cannot tell detail from filler. */
export type Backbone = "surface" | "oracle";
export const BACKBONE_FEATURES: Record<Backbone, string[]> = {
  surface: ["fact-check", "polite", "rude", "length (words/25)"],
  oracle: ["correct", "detail", "polite", "rude", "filler"]
};

export function backboneFeatures(a: Attributes, backbone: Backbone): number[] {
  const polite = a.tone === 1 ? 1 : 0;
  const rude = a.tone === -1 ? 1 : 0;
  if (backbone === "surface") return [a.factCheck, polite, rude, a.words / 25];
  return [a.correct, a.detail, polite, rude, a.filler];
}

/** Flat view of a set of prompts: responses of prompt p are rows offsets[p]..offsets[p+1]-1. */
export interface Space {
  promptIds: string[];
  offsets: Int32Array; // (P+1)
  nResponses: number; // N
  utility: Float64Array; // (N) hidden true utility
  features: Float64Array; // (N, D) backbone features, row-major
  dim: number; // D
  texts: string[]; // (N)
  attrs: Attributes[]; // (N)
  demos: number[]; // global response indices of SFT demonstrations
}

export function buildSpace(dataset: Dataset, options: {split?: "train" | "heldout" | "all"; backbone?: Backbone} = {}): Space {
  const {split = "all", backbone = "surface"} = options;
  const prompts = dataset.prompts.filter((p) => split === "all" || p.split === split);
  if (prompts.length === 0) throw new InputError(`No prompts in split "${split}".`);
  const dim = BACKBONE_FEATURES[backbone].length;
  const offsets = new Int32Array(prompts.length + 1);
  const texts: string[] = [];
  const attrs: Attributes[] = [];
  const demos: number[] = [];
  prompts.forEach((p, i) => {
    offsets[i] = texts.length;
    for (const d of p.demos) demos.push(texts.length + d);
    for (const c of p.candidates) {
      texts.push(c.text);
      attrs.push(c.attrs);
    }
  });
  offsets[prompts.length] = texts.length;
  const n = texts.length;
  const features = new Float64Array(n * dim);
  const utility = new Float64Array(n);
  attrs.forEach((a, i) => {
    features.set(backboneFeatures(a, backbone), i * dim);
    utility[i] = trueUtility(a);
  });
  return {promptIds: prompts.map((p) => p.id), offsets, nResponses: n, utility, features, dim, texts, attrs, demos};
}

export function promptOf(space: Space, response: number): number {
  let lo = 0;
  let hi = space.offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (space.offsets[mid] <= response) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// ---- Composition of the dataset from the hand-written source (run by data/rlhf/build.ts) ----

export interface SourcePrompt {
  id: string;
  prompt: string;
  correct: string;
  wrong: string;
  detail: string;
}
export interface Source {
  about: string;
  prompts: SourcePrompt[];
  tone: {polite: {openers: string[]; closers: string[]}; rude: {openers: string[]; closers: string[]}};
  fillers: string[];
}

const pick = <T>(xs: T[], random: () => number): T => xs[Math.floor(random() * xs.length)];

function joinOpener(opener: string, core: string): string {
  // "Obviously," + "The capital ..." -> "Obviously, the capital ..." (keep acronyms and code as written)
  if (opener.endsWith(",") && /^[A-Z][a-z]/.test(core)) return `${opener} ${core[0].toLowerCase()}${core.slice(1)}`;
  return `${opener} ${core}`;
}

export function composeResponse(src: Source, p: SourcePrompt, a: Omit<Attributes, "words" | "factCheck">, random: () => number): string {
  const core = a.correct ? p.correct : p.wrong;
  const parts: string[] = [];
  const tone = a.tone === 1 ? src.tone.polite : a.tone === -1 ? src.tone.rude : null;
  parts.push(tone ? joinOpener(pick(tone.openers, random), core) : core);
  if (a.detail) parts.push(p.detail);
  const fillers = [...src.fillers];
  for (let k = 0; k < a.filler; k++) parts.push(fillers.splice(Math.floor(random() * fillers.length), 1)[0]);
  if (tone) parts.push(pick(tone.closers, random));
  return parts.join(" ");
}

/**
 * Draws 6-10 distinct attribute combinations per prompt (at least two right and two wrong answers),
 * writes their text, flips the backbone's fact-check for 5% of responses plus 15% per filler sentence, marks about a quarter
 * of the prompts held out, and draws 3 demonstrations per training prompt from a softmax of the
 * true utility at temperature 1.5 (demonstrators are good, not perfect).
 */
export function composeDataset(src: Source, random: () => number, options = {flipBase: 0.05, flipPerFiller: 0.15, heldoutEvery: 4, demoTemperature: 1.5, demosPerPrompt: 3}): Dataset {
  const grid: Omit<Attributes, "words" | "factCheck">[] = [];
  for (const correct of [0, 1] as const) for (const detail of [0, 1] as const) for (const tone of [-1, 0, 1] as const) for (const filler of [0, 1, 2]) grid.push({correct, detail, tone, filler});
  const prompts: PromptItem[] = src.prompts.map((p, pi) => {
    const n = 6 + Math.floor(random() * 5);
    let chosen: typeof grid;
    do {
      const order = grid.map((g) => ({g, k: random()})).sort((x, y) => x.k - y.k);
      chosen = order.slice(0, n).map((o) => o.g);
    } while (chosen.filter((c) => c.correct).length < 2 || chosen.filter((c) => !c.correct).length < 2);
    const candidates: Candidate[] = chosen.map((a) => {
      const text = composeResponse(src, p, a, random);
      const flip = options.flipBase + options.flipPerFiller * a.filler; // padding fools the fact-check more often
      const factCheck = (random() < flip ? 1 - a.correct : a.correct) as 0 | 1;
      return {text, attrs: {...a, words: text.split(/\s+/).filter(Boolean).length, factCheck}};
    });
    const split = pi % options.heldoutEvery === options.heldoutEvery - 1 ? "heldout" : "train";
    const u = candidates.map((c) => trueUtility(c.attrs) / options.demoTemperature);
    const m = Math.max(...u);
    const w = u.map((x) => Math.exp(x - m));
    const z = w.reduce((s, x) => s + x, 0);
    const demos: number[] = [];
    if (split === "train") {
      for (let d = 0; d < options.demosPerPrompt; d++) {
        let t = random() * z;
        let k = 0;
        while (k < w.length - 1 && t >= w[k]) t -= w[k++];
        demos.push(k);
      }
    }
    return {id: p.id, prompt: p.prompt, split, demos, candidates};
  });
  return {about: src.about, prompts};
}

/** Checks a dataset's shape; throws a reader-facing message for the first problem found. */
export function validateDataset(d: Dataset): void {
  if (!d || !Array.isArray(d.prompts) || d.prompts.length === 0) throw new InputError("The dataset has no prompts.");
  for (const p of d.prompts) {
    if (p.candidates.length < 2) throw new InputError(`Prompt "${p.id}" needs at least 2 candidate responses.`);
    for (const k of p.demos) if (!(k >= 0 && k < p.candidates.length)) throw new InputError(`Prompt "${p.id}" has a demonstration index ${k} out of range.`);
  }
}
