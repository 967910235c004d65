// Vocabulary and compact corpus: word types sorted by count (descending, ties by word), every
// token stored as its type id, sentences as offsets. min-count is then a prefix of the types.
// Leaves out phrase detection and max-vocab pruning. Source: word2vec.c LearnVocabFromTrainFile/SortVocab.
import {InputError} from "../kit/params.js";
import type {Sentences} from "./corpus.js";

/** All word types of a corpus and its tokens as type ids. */
export interface Corpus {
  words: string[]; // (V_all) types sorted by count desc, then alphabetically
  counts: Int32Array; // (V_all) occurrences of each type
  ids: Int32Array; // (N) token ids, sentence after sentence
  offsets: Int32Array; // (S + 1) sentence s is ids[offsets[s] .. offsets[s + 1])
}

/** Builds the type list and token ids of tokenised sentences. */
export function encodeSentences(sentences: Sentences): Corpus {
  const countMap = new Map<string, number>();
  let n = 0;
  for (const s of sentences) {
    n += s.length;
    for (const w of s) countMap.set(w, (countMap.get(w) ?? 0) + 1);
  }
  const words = [...countMap.keys()].sort((a, b) => countMap.get(b)! - countMap.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(words.map((w, i) => [w, i]));
  const counts = Int32Array.from(words, (w) => countMap.get(w)!);
  const ids = new Int32Array(n);
  const offsets = new Int32Array(sentences.length + 1);
  let k = 0;
  sentences.forEach((s, i) => {
    for (const w of s) ids[k++] = index.get(w)!;
    offsets[i + 1] = k;
  });
  return {words, counts, ids, offsets};
}

/** Number of types with count >= minCount: the vocabulary is words[0 .. V). */
export function vocabSize(corpus: Corpus, minCount: number): number {
  let v = 0;
  while (v < corpus.counts.length && corpus.counts[v] >= minCount) v++;
  return v;
}

/** Like vocabSize, but throws a reader-facing error when nothing (or too little) is left to train on. */
export function checkedVocabSize(corpus: Corpus, minCount: number): number {
  const v = vocabSize(corpus, minCount);
  if (corpus.ids.length === 0) throw new InputError("The text is empty: it has no word with a letter or digit.");
  if (v === 0) {
    const top = corpus.counts.length ? corpus.counts[0] : 0;
    throw new InputError(`No word occurs at least ${minCount} times (min-count); the most frequent word occurs ${top} times. Lower min-count or use a longer text.`);
  }
  if (v < 2) throw new InputError(`Only one word occurs at least ${minCount} times (min-count); word2vec needs at least two. Lower min-count or use a longer text.`);
  return v;
}

/** Sum of counts of the vocabulary words (word2vec.c's train_words). */
export function trainWords(corpus: Corpus, v: number): number {
  let t = 0;
  for (let i = 0; i < v; i++) t += corpus.counts[i];
  return t;
}

/** Id of a word in the first v types, or -1. */
export function wordIndex(corpus: Corpus, v: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < v; i++) m.set(corpus.words[i], i);
  return m;
}
