// What one training step sees, drawn with the training code's own sampling functions: a sentence
// after subsampling, the reduced window around a center word, its (input, target) pairs and sampled
// negatives; and how often each distance is used over many sentences. Source: word2vec.c TrainModelThread.
import {aliasDraw, aliasTable, keepTable, nextRadius, nextUniform, noiseDistribution, rngFrom, windowPairs} from "./sampling.js";
import {type Corpus, trainWords} from "./vocab.js";

export interface SentenceIllustration {
  words: Array<{word: string; kept: boolean; keep: number; inVocab: boolean}>;
  center: number; // index into words (a kept word), or -1 if none is kept
  radius: number; // reduced window radius drawn for the center
  pairs: Array<{input: string; target: string; distance: number}>; // skip-gram pairs of the center
  negatives: string[][]; // k noise words per pair
}

/** One sentence through subsampling, the reduced window and negative sampling (seeded). */
export function illustrateSentence(corpus: Corpus, v: number, sentence: number, options: {window: number; negative: number; sample: number; centerChoice: number}, random: () => number): SentenceIllustration {
  const rng = rngFrom(random);
  const T = trainWords(corpus, v);
  const keep = keepTable(corpus.counts, v, T, options.sample);
  const words: SentenceIllustration["words"] = [];
  for (let i = corpus.offsets[sentence]; i < corpus.offsets[sentence + 1]; i++) {
    const id = corpus.ids[i];
    const inVocab = id < v;
    const p = inVocab ? keep[id] : 0;
    words.push({word: corpus.words[id], inVocab, keep: p, kept: inVocab && nextUniform(rng) <= p});
  }
  const keptIdx = words.map((w, i) => (w.kept ? i : -1)).filter((i) => i >= 0);
  if (keptIdx.length === 0) return {words, center: -1, radius: 0, pairs: [], negatives: []};
  const cpos = Math.min(keptIdx.length - 1, Math.max(0, Math.floor(options.centerChoice * keptIdx.length)));
  const radius = nextRadius(rng, options.window);
  const noise = aliasTable(noiseDistribution(corpus.counts, v));
  const pairs: SentenceIllustration["pairs"] = [];
  const negatives: string[][] = [];
  for (let c = Math.max(0, cpos - radius); c <= Math.min(keptIdx.length - 1, cpos + radius); c++) {
    if (c === cpos) continue;
    // As in word2vec.c, the context word's vector is the input and the center word the target.
    pairs.push({input: words[keptIdx[c]].word, target: words[keptIdx[cpos]].word, distance: Math.abs(c - cpos)});
    negatives.push(Array.from({length: options.negative}, () => corpus.words[aliasDraw(noise, rng)]));
  }
  return {words, center: keptIdx[cpos], radius, pairs, negatives};
}

/** Share of pairs at each distance 1..window over the first `sentences` sentences (no subsampling). */
export function distanceShares(corpus: Corpus, window: number, sentences: number, random: () => number): number[] {
  const rng = rngFrom(random);
  const count = new Float64Array(window + 1);
  let total = 0;
  const S = Math.min(sentences, corpus.offsets.length - 1);
  for (let s = 0; s < S; s++) {
    for (const [c, x] of windowPairs(corpus.offsets[s + 1] - corpus.offsets[s], window, rng)) {
      count[Math.abs(c - x)]++;
      total++;
    }
  }
  return Array.from(count.subarray(1), (c) => (total > 0 ? c / total : 0));
}
