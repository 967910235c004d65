// ROUGE as Google's rouge-score computes it: its tokenizer (lowercase, anything outside [a-z0-9] becomes a
// space, optional Porter stemming of tokens longer than 3 characters), ROUGE-N by clipped n-gram overlap,
// ROUGE-L by longest common subsequence, ROUGE-Lsum by union LCS over newline-split sentences; P, R, F1.
// Not multi-reference or bootstrap aggregation. Source: google-research/google-research rouge/tokenize.py,
// rouge/rouge_scorer.py; Lin 2004 §2–3. The stemmer is the npm `stemmer` (Porter 1980, original rules),
// which differs from NLTK's PorterStemmer on some words (see porterDifferences in docs/metrics.md).
import {stemmer as porterStem} from "stemmer";
import {InputError} from "../kit/params.js";
import {checkText} from "./text.js";

export type RougeType = "rouge1" | "rouge2" | "rouge3" | "rouge4" | "rouge5" | "rouge6" | "rouge7" | "rouge8" | "rouge9" | "rougeL" | "rougeLsum";
export const ROUGE_TYPES: readonly RougeType[] = ["rouge1", "rouge2", "rougeL", "rougeLsum"];

export interface RougeOptions {
  type: RougeType;
  stemmer?: boolean; // default false, as rouge-score's use_stemmer
}

export interface RougeScore {
  precision: number; // matches / prediction units
  recall: number; // matches / target units
  fmeasure: number; // harmonic mean (β = 1); 0 when both are 0
}

/** rouge-score's tokenizer: lowercased [a-z0-9]+ runs; with `stem`, tokens longer than 3 characters are Porter-stemmed. */
export function rougeTokens(text: string, stem = false): string[] {
  const spaced = text.toLowerCase().replace(/[^a-z0-9]+/g, " ");
  let tokens = spaced.split(/\s+/);
  if (stem) tokens = tokens.map((t) => (t.length > 3 ? porterStem(t) : t));
  return tokens.filter((t) => /^[a-z0-9]+$/.test(t));
}

/** F1 as rouge-score's scoring.fmeasure: 2PR/(P+R), 0 when P+R = 0. */
export function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(" ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N: overlap = Σ min(target count, prediction count); P and R divide by max(total, 1). */
export function rougeN(target: string[], prediction: string[], n: number): RougeScore & {overlap: number; targetCount: number; predictionCount: number} {
  const t = ngrams(target, n);
  const p = ngrams(prediction, n);
  let overlap = 0;
  for (const [key, count] of t) overlap += Math.min(count, p.get(key) ?? 0);
  const targetCount = Math.max(0, target.length - n + 1);
  const predictionCount = Math.max(0, prediction.length - n + 1);
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return {precision, recall, fmeasure: fmeasure(precision, recall), overlap, targetCount, predictionCount};
}

/** LCS dynamic-programming table: [(m+1)·(n+1)] row-major, table[i·(n+1)+j] = LCS of a[0..i) and b[0..j). */
export function lcsTable(a: readonly unknown[], b: readonly unknown[]): Int32Array {
  const cols = b.length + 1;
  const table = new Int32Array((a.length + 1) * cols);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i * cols + j] = a[i - 1] === b[j - 1] ? table[(i - 1) * cols + j - 1] + 1 : Math.max(table[(i - 1) * cols + j], table[i * cols + j - 1]);
    }
  }
  return table;
}

/**
 * One LCS as index pairs [i in a, j in b], read back from the end of the table exactly as rouge-score's
 * _backtrack_norec (a match is taken when the tokens agree; otherwise step toward the larger neighbour,
 * preferring to drop from `a` on a tie), so the drawn alignment is the one rouge-score counts.
 */
export function lcsAlignment(a: readonly unknown[], b: readonly unknown[]): [number, number][] {
  const table = lcsTable(a, b);
  const cols = b.length + 1;
  const pairs: [number, number][] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (table[i * cols + j - 1] > table[(i - 1) * cols + j]) j--;
    else i--;
  }
  return pairs.reverse();
}

/** ROUGE-L of two token lists: LCS/|prediction|, LCS/|target|; all 0 if either is empty. */
export function rougeL(target: string[], prediction: string[]): RougeScore & {lcs: number} {
  if (target.length === 0 || prediction.length === 0) return {precision: 0, recall: 0, fmeasure: 0, lcs: 0};
  const lcs = lcsTable(target, prediction)[target.length * (prediction.length + 1) + prediction.length];
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return {precision, recall, fmeasure: fmeasure(precision, recall), lcs};
}

/**
 * Summary-level LCS (ROUGE-Lsum, Lin 2004 §3.2): for each target sentence, the union of its LCS indices
 * against every prediction sentence; each hit is counted at most as often as the token occurs on both
 * sides (ROUGE-1.5.5's guard against double counting). Inputs: sentences as token lists.
 */
export function summaryLevelLcs(targetSents: string[][], predictionSents: string[][]): RougeScore & {hits: number} {
  const zero = {precision: 0, recall: 0, fmeasure: 0, hits: 0};
  if (targetSents.length === 0 || predictionSents.length === 0) return zero;
  const m = targetSents.reduce((s, x) => s + x.length, 0);
  const n = predictionSents.reduce((s, x) => s + x.length, 0);
  if (m === 0 || n === 0) return zero;
  const countR = new Map<string, number>();
  const countC = new Map<string, number>();
  for (const s of targetSents) for (const t of s) countR.set(t, (countR.get(t) ?? 0) + 1);
  for (const s of predictionSents) for (const t of s) countC.set(t, (countC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of targetSents) {
    const union = new Set<number>();
    for (const c of predictionSents) for (const [i] of lcsAlignment(r, c)) union.add(i);
    for (const i of [...union].sort((x, y) => x - y)) {
      const t = r[i];
      if ((countC.get(t) ?? 0) > 0 && (countR.get(t) ?? 0) > 0) {
        hits++;
        countC.set(t, countC.get(t)! - 1);
        countR.set(t, countR.get(t)! - 1);
      }
    }
  }
  const precision = hits / n;
  const recall = hits / m;
  return {precision, recall, fmeasure: fmeasure(precision, recall), hits};
}

/** rouge-score's sentence split for rougeLsum: newline-separated, empty lines dropped. */
export function rougeSentences(text: string): string[] {
  return text.split("\n").filter((s) => s.length > 0);
}

/**
 * rouge-score's RougeScorer([type], use_stemmer).score(target, prediction)[type] → {precision, recall, fmeasure}.
 * Empty or all-symbol texts score 0 (as rouge-score). Errors (InputError): unknown type, text that is not
 * valid Unicode.
 */
export function rougeScore(target: string, prediction: string, options: RougeOptions): RougeScore {
  checkText(target, "The target");
  checkText(prediction, "The prediction");
  const type = options?.type;
  const stem = options?.stemmer ?? false;
  if (type === "rougeL") {
    const {precision, recall, fmeasure: f} = rougeL(rougeTokens(target, stem), rougeTokens(prediction, stem));
    return {precision, recall, fmeasure: f};
  }
  if (type === "rougeLsum") {
    const {precision, recall, fmeasure: f} = summaryLevelLcs(
      rougeSentences(target).map((s) => rougeTokens(s, stem)),
      rougeSentences(prediction).map((s) => rougeTokens(s, stem))
    );
    return {precision, recall, fmeasure: f};
  }
  const match = /^rouge([1-9])$/.exec(String(type));
  if (!match) throw new InputError(`ROUGE type must be rouge1…rouge9, rougeL or rougeLsum, got "${type}".`);
  const {precision, recall, fmeasure: f} = rougeN(rougeTokens(target, stem), rougeTokens(prediction, stem), Number(match[1]));
  return {precision, recall, fmeasure: f};
}
