// Interpolated n-gram language models (Jelinek–Mercer smoothing) over two tokenizations of the same text:
// characters, and words whose rare types are spelled out by a character unigram. Both give per-token
// log-probs of the same string, for the perplexity-vs-bits-per-byte comparison. Not a neural model; small
// and fitted offline. Source: Jelinek & Mercer 1980; Chen & Goodman 1999 (TR-10-98) §2.2 for the recursion.
import {InputError} from "../kit/params.js";

const SEP = "\u0001"; // joins context tokens into a Map key (never inside a token here)
const BOS = "\u0002"; // start-of-sequence padding

export interface NgramModel {
  order: number; // n
  lambda: number; // weight of each order's maximum-likelihood estimate in the interpolation
  counts: Map<string, number>[]; // [order] counts[k] of (k context tokens + token) keys
  contextCounts: Map<string, number>[]; // [order] contextCounts[k] of k-token contexts
  unigramTotal: number; // tokens seen
  vocabularySize: number; // distinct token types seen, +1 for the unseen slot
}

/** Counts every n-gram of orders 1..order in the sequences (each padded with order−1 BOS marks). */
export function fitNgram(sequences: Iterable<readonly string[]>, order: number, lambda: number): NgramModel {
  if (!Number.isInteger(order) || order < 1) throw new InputError(`The n-gram order must be a whole number ≥ 1, got ${order}.`);
  if (!(lambda > 0 && lambda < 1)) throw new InputError(`The interpolation weight must be in (0, 1), got ${lambda}.`);
  const counts = Array.from({length: order}, () => new Map<string, number>());
  const contextCounts = Array.from({length: order}, () => new Map<string, number>());
  let unigramTotal = 0;
  for (const sequence of sequences) {
    const padded = [...new Array<string>(order - 1).fill(BOS), ...sequence];
    for (let i = order - 1; i < padded.length; i++) {
      unigramTotal++;
      let context = ""; // the k tokens before i, grown one token to the left per order
      for (let k = 0; k < order; k++) {
        if (k > 0) context = k === 1 ? padded[i - 1] : padded[i - k] + SEP + context;
        const key = context + SEP + padded[i];
        counts[k].set(key, (counts[k].get(key) ?? 0) + 1);
        contextCounts[k].set(context, (contextCounts[k].get(context) ?? 0) + 1);
      }
    }
  }
  const types = new Set<string>();
  for (const key of counts[0].keys()) types.add(key);
  return {order, lambda, counts, contextCounts, unigramTotal, vocabularySize: types.size + 1};
}

/**
 * log p(token | the previous order−1 tokens) in nats. p_0 = add-one unigram over the seen types plus one
 * unseen slot; p_k = λ·ML_k + (1−λ)·p_{k−1} where the k-token context was seen, else p_{k−1}.
 * history: the tokens before `token` (BOS padding is added here).
 */
export function ngramLogProb(model: NgramModel, history: readonly string[], token: string): number {
  const padded = [...new Array<string>(model.order - 1).fill(BOS), ...history];
  let p = ((model.counts[0].get(SEP + token) ?? 0) + 1) / (model.unigramTotal + model.vocabularySize);
  for (let k = 1; k < model.order; k++) {
    const context = padded.slice(padded.length - k).join(SEP);
    const seen = model.contextCounts[k].get(context) ?? 0;
    if (seen === 0) continue;
    const ml = (model.counts[k].get(context + SEP + token) ?? 0) / seen;
    p = model.lambda * ml + (1 - model.lambda) * p;
  }
  return Math.log(p);
}

/** Per-token log-probs (nats) of a whole sequence under the model. */
export function sequenceLogProbs(model: NgramModel, tokens: readonly string[]): number[] {
  return tokens.map((token, i) => ngramLogProb(model, tokens.slice(Math.max(0, i - model.order + 1), i), token));
}

export const UNK = "<unk>";

/** A word model with its vocabulary and the character unigram that spells out-of-vocabulary words. */
export interface WordModel {
  words: NgramModel; // over in-vocabulary words and UNK
  vocabulary: Set<string>;
  spelling: NgramModel; // order-1 character model; a word is spelled then ended by " "
}

/** Word n-gram over sentences of words; types seen fewer than minCount times become UNK. */
export function fitWordModel(sentences: readonly string[][], order: number, lambda: number, minCount = 2): WordModel {
  const freq = new Map<string, number>();
  for (const s of sentences) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  const vocabulary = new Set([...freq].filter(([, c]) => c >= minCount).map(([w]) => w));
  const mapped = sentences.map((s) => s.map((w) => (vocabulary.has(w) ? w : UNK)));
  const spelling = fitNgram(sentences.flatMap((s) => s.map((w) => [...Array.from(w), " "])), 1, 0.5);
  return {words: fitNgram(mapped, order, lambda), vocabulary, spelling};
}

/**
 * Per-word log-probs (nats) of a sentence: log p(w | history) for known words; for an unknown word,
 * log p(UNK | history) + Σ log p_char(c) over its characters and the closing space, so the word model
 * also assigns a probability to every string (and bits per byte stay comparable with a character model).
 */
export function wordLogProbs(model: WordModel, words: readonly string[]): number[] {
  const mapped = words.map((w) => (model.vocabulary.has(w) ? w : UNK));
  return mapped.map((w, i) => {
    let lp = ngramLogProb(model.words, mapped.slice(Math.max(0, i - model.words.order + 1), i), w);
    if (w === UNK) for (const c of [...Array.from(words[i]), " "]) lp += ngramLogProb(model.spelling, [], c);
    return lp;
  });
}
