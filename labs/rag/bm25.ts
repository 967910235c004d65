// Okapi BM25 (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework", eq. 3.15) with
// Lucene's idf ln(1 + (N − n + 0.5)/(n + 0.5)) and the (k1 + 1) numerator factor, over an inverted
// index that supports adding and removing chunks (ids are stable slots). No BM25+, no field boosts.
import {InputError} from "../kit/params.js";

export interface Bm25Params {
  k1: number; // term-frequency saturation, ≥ 0 (Lucene default 1.2)
  b: number; // length normalisation in [0, 1] (default 0.75)
}

export const LUCENE_DEFAULTS: Bm25Params = {k1: 1.2, b: 0.75};

export function checkBm25Params(p: Bm25Params): void {
  if (!(p.k1 >= 0 && p.k1 <= 10)) throw new InputError(`k1 must be in [0, 10], got ${p.k1}.`);
  if (!(p.b >= 0 && p.b <= 1)) throw new InputError(`b must be in [0, 1], got ${p.b}.`);
}

/** Lucene's idf of a term found in n of N documents: ln(1 + (N − n + 0.5)/(n + 0.5)) ≥ 0. */
export function bm25Idf(N: number, n: number): number {
  return Math.log(1 + (N - n + 0.5) / (n + 0.5));
}

/** One term's contribution: idf · tf (k1 + 1) / (tf + k1 (1 − b + b · dl / avgdl)). */
export function bm25Term(tf: number, idf: number, dl: number, avgdl: number, {k1, b}: Bm25Params): number {
  if (tf === 0) return 0;
  return (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl));
}

export class Bm25Index {
  /** term -> (doc slot -> term frequency) */
  readonly postings = new Map<string, Map<number, number>>();
  readonly lengths: number[] = []; // (slots) document length in terms; -1 for a removed slot
  live = 0; // N: documents present
  totalLength = 0; // sum of live lengths

  /** Adds a document (its analysed terms) at a new slot; returns the slot. */
  add(terms: readonly string[]): number {
    const slot = this.lengths.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(slot, f);
    }
    this.lengths.push(terms.length);
    this.live++;
    this.totalLength += terms.length;
    return slot;
  }

  /** Removes a slot's document (its terms are needed to find its postings). */
  remove(slot: number, terms: readonly string[]): void {
    if (this.lengths[slot] === undefined || this.lengths[slot] < 0) throw new Error(`BM25 slot ${slot} is not present.`);
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      p?.delete(slot);
      if (p && p.size === 0) this.postings.delete(t);
    }
    this.totalLength -= this.lengths[slot];
    this.lengths[slot] = -1;
    this.live--;
  }

  avgdl(): number {
    return this.live ? this.totalLength / this.live : 0;
  }

  /** Number of live documents containing the term. */
  df(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** BM25 of every slot that matches a query term (others score 0): slot -> score. Repeated query terms count once each time. */
  score(query: readonly string[], params: Bm25Params): Map<number, number> {
    checkBm25Params(params);
    const out = new Map<number, number>();
    const N = this.live, avgdl = this.avgdl();
    for (const t of query) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = bm25Idf(N, p.size);
      for (const [slot, tf] of p) out.set(slot, (out.get(slot) ?? 0) + bm25Term(tf, idf, this.lengths[slot], avgdl, params));
    }
    return out;
  }

  /** Why a slot scores what it does: each query term's tf, df, idf and contribution. */
  explain(query: readonly string[], slot: number, params: Bm25Params): Array<{term: string; tf: number; df: number; idf: number; contribution: number}> {
    const N = this.live, avgdl = this.avgdl();
    return query.map((term) => {
      const p = this.postings.get(term);
      const tf = p?.get(slot) ?? 0, df = p?.size ?? 0, idf = bm25Idf(N, df);
      return {term, tf, df, idf, contribution: bm25Term(tf, idf, this.lengths[slot], avgdl, params)};
    });
  }
}
