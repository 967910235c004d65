// Dense passage vectors from word vectors: word2vec (labs/word2vec's vocabulary and TypeScript kernel)
// trained on the corpus's sentences, pooled per chunk by the mean or by SIF (Arora, Liang & Ma, ICLR
// 2017: weights a/(a + p(w)), then the first principal component removed). No transformer pooling here.
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {trainKernel, type TrainConfig} from "../word2vec/kernel.js";
import {encodeSentences} from "../word2vec/vocab.js";
import type {Doc} from "./corpus.js";
import {sentenceSpans, words} from "./text.js";

export interface WordVectors {
  words: string[]; // (V) vocabulary, by count desc
  counts: number[]; // (V) corpus counts (for SIF's p(w))
  total: number; // corpus tokens (all types, for p(w) = count / total)
  dim: number; // D
  vectors: Float32Array; // (V, D) row-major input vectors (syn0)
}

export type Pooling = "mean" | "sif";
export const SIF_A = 1e-3;

/**
 * word2vec settings for the RAG corpus: CBOW, 50 dims, min-count 3, 50 epochs. Not gensim's 5: on these
 * 200,000 words, 3 to 5 epochs leave the vectors nearly parallel (mean cosine 0.93 between two of the
 * 2,000 most frequent words, neighbours at cosine 0.99 off topic; gensim 4.2 the same, data/rag/fixtures/
 * w2v-gensim.json), and dense recall@10 on single-hop questions fell to 0.069, below random vectors' 0.26.
 * At 50 epochs the mean cosine is 0.03 and neighbours are topical (scripts/rag-w2v-epochs.ts measures it).
 */
export const RAG_W2V: TrainConfig = {model: "cbow", dim: 50, window: 5, negative: 5, sample: 1e-3, minCount: 3, epochs: 50, alpha: 0.025};

/** Sentences of the corpus as lowercased word lists (stop words kept: word2vec learns from them). */
export function corpusSentences(docs: readonly Doc[]): string[][] {
  return docs.flatMap((d) => sentenceSpans(d.text).map((s) => words(d.text.slice(s.start, s.end)))).filter((s) => s.length > 0);
}

/** Trains word2vec on the documents (deterministic for a seed: stream(seed, "word2vec")). */
export function trainWordVectors(docs: readonly Doc[], seed: number, config: TrainConfig = RAG_W2V): WordVectors {
  const corpus = encodeSentences(corpusSentences(docs));
  const state = trainKernel(config, corpus, stream(seed, "word2vec"));
  const V = state.vocabSize;
  let total = 0;
  for (const c of corpus.counts) total += c;
  return {words: corpus.words.slice(0, V), counts: Array.from(corpus.counts.subarray(0, V)), total, dim: config.dim, vectors: state.syn0};
}

/** word -> row of a WordVectors. */
export function vocabIndex(wv: WordVectors): Map<string, number> {
  return new Map(wv.words.map((w, i) => [w, i]));
}

/**
 * Pools the in-vocabulary words of a text into `out` (D): the mean of their vectors, or for SIF the
 * mean weighted by a/(a + p(w)). Returns the number of words used (0 leaves `out` zero).
 */
export function poolWords(wv: WordVectors, index: Map<string, number>, tokens: readonly string[], pooling: Pooling, out: Float32Array): number {
  const D = wv.dim;
  out.fill(0);
  let used = 0, weightSum = 0;
  for (const t of tokens) {
    const r = index.get(t);
    if (r === undefined) continue;
    const w = pooling === "sif" ? SIF_A / (SIF_A + wv.counts[r] / wv.total) : 1;
    for (let j = 0; j < D; j++) out[j] += w * wv.vectors[r * D + j];
    used++;
    weightSum += w;
  }
  if (used) for (let j = 0; j < D; j++) out[j] /= pooling === "sif" ? used : weightSum; // SIF averages the weighted vectors
  return used;
}

/**
 * First right singular vector of X (n, D) (no centring, as in Arora et al.'s TruncatedSVD): power
 * iteration on XᵀX from a fixed start, `iters` rounds. Returns a unit vector (D).
 */
export function firstPrincipalComponent(X: Float32Array, n: number, D: number, iters = 100): Float64Array {
  let u = new Float64Array(D).fill(1 / Math.sqrt(D));
  for (let it = 0; it < iters; it++) {
    const next = new Float64Array(D);
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let j = 0; j < D; j++) p += X[i * D + j] * u[j];
      for (let j = 0; j < D; j++) next[j] += p * X[i * D + j];
    }
    let norm = 0;
    for (let j = 0; j < D; j++) norm += next[j] * next[j];
    norm = Math.sqrt(norm);
    if (norm === 0) return u;
    for (let j = 0; j < D; j++) next[j] /= norm;
    u = next;
  }
  return u;
}

/** x ← x − (x·u) u for one row (D) at offset o. */
export function removeComponent(x: Float32Array, o: number, u: Float64Array): void {
  let p = 0;
  for (let j = 0; j < u.length; j++) p += x[o + j] * u[j];
  for (let j = 0; j < u.length; j++) x[o + j] -= p * u[j];
}

/** Scales row o (D) to unit length; false (row left zero) when it is the zero vector. */
export function normalizeRow(x: Float32Array, o: number, D: number): boolean {
  let s = 0;
  for (let j = 0; j < D; j++) s += x[o + j] * x[o + j];
  if (s === 0) return false;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < D; j++) x[o + j] *= inv;
  return true;
}

/** Checks the text has at least one word the vectors know; InputError otherwise. */
export function checkEmbeddable(used: number): void {
  if (used === 0) throw new InputError("None of the query's words is in the word vectors' vocabulary, so dense retrieval has nothing to compare; try other words or BM25.");
}
