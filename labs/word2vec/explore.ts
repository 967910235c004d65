// The numbers behind the word2vec page's figures that are not training: the subsampling and noise
// rows drawn from the real counts, the words the map shows, the reader's query words. Pure; the
// sampling formulas are in sampling.ts (word2vec.c, gensim), the search in evaluate.ts.
import {keepProbability, noiseDistribution, paperDiscardProbability} from "./sampling.js";
import type {Corpus} from "./vocab.js";

export interface KeepRow {
  word: string;
  frequency: number; // f = c / T
  code: number; // word2vec.c / gensim keep probability at the page's s
  paper: number; // 1 - the paper's discard probability at t
}

/** Keep probabilities of the 60 most frequent words and every 10th word after, up to rank 3000. */
export function keepRows(corpus: Corpus, v: number, total: number, sample: number, paperT = 1e-5): KeepRow[] {
  const rows: KeepRow[] = [];
  for (let i = 0; i < Math.min(v, 3000); i++) {
    if (i >= 60 && i % 10 !== 0) continue;
    const c = corpus.counts[i];
    rows.push({word: corpus.words[i], frequency: c / total, code: keepProbability(c, total, sample), paper: 1 - paperDiscardProbability(c, total, paperT)});
  }
  return rows;
}

/** Expected share of the T training tokens that subsampling keeps per epoch: Σ_w c_w·keep(w) / T. */
export function keptShare(corpus: Corpus, v: number, total: number, sample: number): number {
  let kept = 0;
  for (let i = 0; i < v; i++) kept += corpus.counts[i] * keepProbability(corpus.counts[i], total, sample);
  return kept / total;
}

/** Unigram c/T against the noise distribution c^0.75/Z for words at a spread of ranks (the last word included). */
export function noiseRows(corpus: Corpus, v: number, total: number): Array<{word: string; unigram: number; noise: number}> {
  const p = noiseDistribution(corpus.counts, v, 0.75);
  const picks = [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, v - 1].filter((i, j, a) => i < v && a.indexOf(i) === j);
  return picks.map((i) => ({word: corpus.words[i], unigram: corpus.counts[i] / total, noise: p[i]}));
}

/**
 * The words the map shows: the `n` most frequent (of `vocab`), then the query and its neighbours that
 * are not among them. `rank` maps each emphasised row to its place: 0 the query, then neighbours nearest first.
 */
export function mapSelection(n: number, vocab: number, query: number, neighbours: number[]): {rows: number[]; rank: Map<number, number>} {
  const top = Math.min(n, vocab);
  const hits = query >= 0 ? [query, ...neighbours] : [];
  const rows = Array.from({length: top}, (_, i) => i);
  for (const h of hits) if (h >= top && !rows.includes(h)) rows.push(h);
  return {rows, rank: new Map(hits.map((h, i) => [h, i]))};
}

/** A typed query as vocabulary words: NFC, lowercased, split on whitespace (as the reader's text is tokenised). */
export function queryWords(text: string): string[] {
  return text.normalize("NFC").trim().toLowerCase().split(/\s+/).filter((w) => w !== "");
}
