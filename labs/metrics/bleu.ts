// BLEU exactly as sacreBLEU 2.x computes it: clipped n-gram counts against several references, the
// closest reference length, the brevity penalty, smoothing (exp, floor, add-k, none), effective order,
// and corpus BLEU as a ratio of summed counts (never a mean of sentence scores). Not chrF/TER.
// Source: mjpost/sacrebleu sacrebleu/metrics/bleu.py and metrics/base.py; Papineni et al. 2002 §2.
import {InputError} from "../kit/params.js";
import {BLEU_TOKENIZERS, bleuTokens, type BleuTokenizer} from "./tokenize-13a.js";
import {checkText} from "./text.js";

export type SmoothMethod = "exp" | "floor" | "add-k" | "none";
export const SMOOTH_METHODS: readonly SmoothMethod[] = ["exp", "floor", "add-k", "none"];
/** sacreBLEU's SMOOTH_DEFAULTS (Chen & Cherry 2014): floor 0.1, add-k 1. */
export const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = {exp: null, floor: 0.1, "add-k": 1, none: null};

export interface BleuOptions {
  tokenize?: BleuTokenizer; // default "13a"
  smoothMethod?: SmoothMethod; // default "exp"
  smoothValue?: number; // default SMOOTH_DEFAULTS[smoothMethod]
  effectiveOrder?: boolean; // default false for corpusBleu, true for sentenceBleu (as sacrebleu.sentence_bleu)
  lowercase?: boolean; // default false
  maxNgramOrder?: number; // default 4
}

export interface BleuScore {
  score: number; // 0–100, sacreBLEU's scale
  counts: number[]; // [maxOrder] clipped matches per order (add-k: includes the +k for n>1, as sacreBLEU reports)
  totals: number[]; // [maxOrder] hypothesis n-grams per order (add-k: includes the +k for n>1)
  precisions: number[]; // [maxOrder] percent; 0 for orders past the effective order
  bp: number; // brevity penalty in [0, 1]
  sysLen: number; // hypothesis tokens, summed over segments
  refLen: number; // closest reference lengths, summed over segments
  order: number; // how many precisions entered the geometric mean (the effective order)
}

/** Sufficient statistics of one segment: lengths and per-order matches/totals. */
export interface SegmentStats {
  hypLen: number;
  refLen: number;
  correct: number[]; // [maxOrder]
  total: number[]; // [maxOrder]
}

/** All n-grams of orders 1..maxOrder with their counts; key = tokens joined by " " (tokens hold no whitespace). */
export function ngramCounts(tokens: string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = tokens.slice(i, i + n).join(" ");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** sacreBLEU's reference length for a segment: the closest to the hypothesis length, the shorter on a tie. */
export function closestRefLen(hypLen: number, refLens: number[]): number {
  let bestDiff = -1;
  let best = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = len;
    } else if (diff === bestDiff && len < best) best = len;
  }
  return best;
}

/** Max count of every n-gram over the references (the clipping ceiling) and each reference's length. */
export function referenceInfo(refTokens: string[][], maxOrder: number): {maxCounts: Map<string, number>; refLens: number[]} {
  const maxCounts = new Map<string, number>();
  const refLens: number[] = [];
  for (const tokens of refTokens) {
    refLens.push(tokens.length);
    for (const [key, count] of ngramCounts(tokens, maxOrder)) {
      if (count > (maxCounts.get(key) ?? 0)) maxCounts.set(key, count);
    }
  }
  return {maxCounts, refLens};
}

/** Matches clipped by the references' max counts, per order; hypothesis tokens vs tokenized references. */
export function segmentStatistics(hypTokens: string[], refTokens: string[][], maxOrder = 4): SegmentStats {
  const {maxCounts, refLens} = referenceInfo(refTokens, maxOrder);
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [key, count] of ngramCounts(hypTokens, maxOrder)) {
    const n = key.split(" ").length - 1;
    total[n] += count;
    correct[n] += Math.min(count, maxCounts.get(key) ?? 0);
  }
  return {hypLen: hypTokens.length, refLen: closestRefLen(hypTokens.length, refLens), correct, total};
}

/** log as sacreBLEU's my_log: log(0) is -9999999999, so a zero precision zeroes the score without NaN. */
const myLog = (x: number) => (x === 0 ? -9999999999 : Math.log(x));

/**
 * BLEU from summed statistics (sacreBLEU's BLEU.compute_bleu). correct/total: [maxOrder]; lengths in tokens.
 * score = BP · exp(Σ_{n≤order} log p_n / order) with p_n in percent, so the score is on the 0–100 scale.
 */
export function computeBleu(
  correctIn: number[],
  totalIn: number[],
  sysLen: number,
  refLen: number,
  options: {smoothMethod?: SmoothMethod; smoothValue?: number; effectiveOrder?: boolean} = {}
): BleuScore {
  const smoothMethod = options.smoothMethod ?? "none";
  const smoothValue = options.smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const effectiveOrder = options.effectiveOrder ?? false;
  const maxOrder = correctIn.length;
  const correct = correctIn.slice();
  const total = totalIn.slice();
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  // No match at any order: 0, whatever the smoothing (sacreBLEU #141).
  if (!correct.some((c) => c !== 0)) return {score: 0, counts: correct, totals: total, precisions, bp, sysLen, refLen, order: maxOrder};
  let smoothMteval = 1;
  let order = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (smoothMethod === "add-k" && n > 1) {
      correct[n - 1] += smoothValue;
      total[n - 1] += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (effectiveOrder) order = n;
    if (correct[n - 1] === 0) {
      if (smoothMethod === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]);
      } else if (smoothMethod === "floor") {
        precisions[n - 1] = (100 * smoothValue) / total[n - 1];
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]) / total[n - 1];
    }
  }
  let logSum = 0;
  for (let n = 0; n < order; n++) logSum += myLog(precisions[n]);
  const score = bp * Math.exp(logSum / order);
  return {score, counts: correct, totals: total, precisions, bp, sysLen, refLen, order};
}

interface Resolved {
  tokenize: BleuTokenizer;
  smoothMethod: SmoothMethod;
  smoothValue: number | undefined;
  effectiveOrder: boolean;
  lowercase: boolean;
  maxNgramOrder: number;
}

function resolveOptions(options: BleuOptions, effectiveDefault: boolean): Resolved {
  const tokenize = options.tokenize ?? "13a";
  if (!BLEU_TOKENIZERS.includes(tokenize)) throw new InputError(`Tokenizer must be one of ${BLEU_TOKENIZERS.join(", ")}, got "${tokenize}".`);
  const smoothMethod = options.smoothMethod ?? "exp";
  if (!SMOOTH_METHODS.includes(smoothMethod)) throw new InputError(`Smoothing must be one of ${SMOOTH_METHODS.join(", ")}, got "${smoothMethod}".`);
  const smoothValue = options.smoothValue;
  if (smoothValue !== undefined && !(Number.isFinite(smoothValue) && smoothValue >= 0)) {
    throw new InputError(`The smoothing value must be a finite number ≥ 0, got ${smoothValue}.`);
  }
  const maxNgramOrder = options.maxNgramOrder ?? 4;
  if (!Number.isInteger(maxNgramOrder) || maxNgramOrder < 1 || maxNgramOrder > 9) {
    throw new InputError(`The maximum n-gram order must be a whole number from 1 to 9, got ${maxNgramOrder}.`);
  }
  return {tokenize, smoothMethod, smoothValue, effectiveOrder: options.effectiveOrder ?? effectiveDefault, lowercase: options.lowercase ?? false, maxNgramOrder};
}

/**
 * Checks the streams and returns, per segment, the tokenized hypothesis and its present references.
 * references[j][i] is the j-th reference of segment i; "" or null marks a missing reference (as in sacreBLEU).
 */
function prepare(hypotheses: unknown, references: unknown, o: Resolved): {hyp: string[]; refs: string[][]}[] {
  if (!Array.isArray(hypotheses)) throw new InputError("Hypotheses must be a list of strings, one per segment.");
  if (hypotheses.length === 0) throw new InputError("There are no hypotheses: give at least one segment.");
  if (!Array.isArray(references) || references.length === 0) throw new InputError("There are no references: give at least one reference stream (one reference per hypothesis).");
  references.forEach((stream, j) => {
    if (!Array.isArray(stream)) throw new InputError(`Reference stream ${j + 1} must be a list of strings, one per segment.`);
    if (stream.length !== hypotheses.length) {
      throw new InputError(
        `Reference stream ${j + 1} has ${stream.length} segment${stream.length === 1 ? "" : "s"} but there ${hypotheses.length === 1 ? "is 1 hypothesis" : `are ${hypotheses.length} hypotheses`}: ` +
          `every stream needs one entry per hypothesis (leave an empty string where a segment has fewer references).`
      );
    }
  });
  const streams = references as unknown[][];
  return hypotheses.map((hyp, i) => {
    const hypText = checkText(hyp, `Hypothesis ${i + 1}`);
    const refs: string[][] = [];
    streams.forEach((stream, j) => {
      const ref = stream[i];
      if (ref === null || ref === undefined || ref === "") return;
      refs.push(bleuTokens(checkText(ref, `Reference ${j + 1} of segment ${i + 1}`), o.tokenize, o.lowercase));
    });
    if (refs.length === 0) throw new InputError(`Segment ${i + 1} has no reference: every reference stream is empty there.`);
    return {hyp: bleuTokens(hypText, o.tokenize, o.lowercase), refs};
  });
}

/** Per-segment statistics (tokenized as BLEU sees them); the sums of these are corpus BLEU's input. */
export function bleuStatistics(hypotheses: string[], references: string[][], options: BleuOptions = {}): SegmentStats[] {
  const o = resolveOptions(options, false);
  return prepare(hypotheses, references, o).map(({hyp, refs}) => segmentStatistics(hyp, refs, o.maxNgramOrder));
}

/** Corpus BLEU from per-segment statistics: counts and lengths are summed first, then one score. */
export function bleuFromStatistics(stats: SegmentStats[], options: BleuOptions = {}, effectiveDefault = false): BleuScore {
  const o = resolveOptions(options, effectiveDefault);
  const correct = new Array<number>(o.maxNgramOrder).fill(0);
  const total = new Array<number>(o.maxNgramOrder).fill(0);
  let sysLen = 0;
  let refLen = 0;
  for (const s of stats) {
    sysLen += s.hypLen;
    refLen += s.refLen;
    for (let n = 0; n < o.maxNgramOrder; n++) {
      correct[n] += s.correct[n];
      total[n] += s.total[n];
    }
  }
  return computeBleu(correct, total, sysLen, refLen, o);
}

/**
 * Corpus BLEU as sacreBLEU's corpus_bleu. hypotheses: [segments]; references: [streams][segments].
 * Errors (InputError): no hypotheses or references, a stream whose length differs from the hypotheses',
 * a segment with no reference in any stream, text that is not valid Unicode, bad options.
 */
export function corpusBleu(hypotheses: string[], references: string[][], options: BleuOptions = {}): BleuScore {
  return bleuFromStatistics(bleuStatistics(hypotheses, references, options), options, false);
}

/**
 * Sentence BLEU as sacrebleu.sentence_bleu: one hypothesis, its references (strings); effective order on
 * by default. An empty hypothesis scores 0 (BP = 0), as in sacreBLEU.
 */
export function sentenceBleu(hypothesis: string, references: string[], options: BleuOptions = {}): BleuScore {
  if (!Array.isArray(references) || references.length === 0) throw new InputError("There is no reference: give at least one reference sentence.");
  const opts = {...options, effectiveOrder: options.effectiveOrder ?? true};
  return corpusBleu([hypothesis], references.map((r) => [r]), opts);
}

/** One row of the clipped n-gram table shown on the page. */
export interface NgramRow {
  ngram: string;
  order: number; // 1..maxOrder
  count: number; // times in the hypothesis
  maxRef: number; // max times in any one reference (the clip)
  clipped: number; // min(count, maxRef)
}

/** The hypothesis' n-grams with their clipped counts, in order of first appearance, orders 1..maxOrder. */
export function clippedNgramTable(hypothesis: string, references: string[], options: BleuOptions = {}): {rows: NgramRow[]; hypTokens: string[]; refTokens: string[][]} {
  const o = resolveOptions(options, true);
  const [segment] = prepare([hypothesis], references.map((r) => [r]), o);
  const {maxCounts} = referenceInfo(segment.refs, o.maxNgramOrder);
  const rows: NgramRow[] = [];
  for (const [key, count] of ngramCounts(segment.hyp, o.maxNgramOrder)) {
    const maxRef = maxCounts.get(key) ?? 0;
    rows.push({ngram: key, order: key.split(" ").length, count, maxRef, clipped: Math.min(count, maxRef)});
  }
  return {rows, hypTokens: segment.hyp, refTokens: segment.refs};
}

/** sacreBLEU-style signature of the settings (without the version field): what must match for scores to be comparable. */
export function bleuSignature(nrefs: number, options: BleuOptions = {}, effectiveDefault = false): string {
  const o = resolveOptions(options, effectiveDefault);
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  const smooth = def === null ? o.smoothMethod : `${o.smoothMethod}[${(o.smoothValue ?? def).toFixed(2)}]`;
  return `nrefs:${nrefs}|case:${o.lowercase ? "lc" : "mixed"}|eff:${o.effectiveOrder ? "yes" : "no"}|tok:${o.tokenize}|smooth:${smooth}`;
}
