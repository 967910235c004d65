// Hybrid retrieval by fusing ranked lists: reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR
// 2009: score = Σ 1/(k + rank), ranks from 1, k = 60) and weighted score fusion (each list's scores
// min-max scaled to [0, 1], then w·keyword + (1 − w)·dense). Items missing from a list get nothing from it.

export interface Ranked {
  id: number;
  score: number;
}

export const RRF_K = 60;

/** RRF of ranked lists (best first): id -> Σ 1/(k + rank). Returned best first (ties by id). */
export function reciprocalRankFusion(lists: readonly (readonly Ranked[])[], k = RRF_K): Ranked[] {
  const acc = new Map<number, number>();
  for (const list of lists) list.forEach((r, i) => acc.set(r.id, (acc.get(r.id) ?? 0) + 1 / (k + i + 1)));
  return sortRanked(acc);
}

/** Scores scaled to [0, 1] by (s − min)/(max − min); all 1 when max = min. */
export function minMax(list: readonly Ranked[]): Map<number, number> {
  let lo = Infinity, hi = -Infinity;
  for (const r of list) { lo = Math.min(lo, r.score); hi = Math.max(hi, r.score); }
  return new Map(list.map((r) => [r.id, hi > lo ? (r.score - lo) / (hi - lo) : 1]));
}

/** Weighted fusion: w · minMax(a) + (1 − w) · minMax(b), best first (ties by id). */
export function weightedFusion(a: readonly Ranked[], b: readonly Ranked[], w: number): Ranked[] {
  const na = minMax(a), nb = minMax(b);
  const acc = new Map<number, number>();
  for (const [id, s] of na) acc.set(id, w * s);
  for (const [id, s] of nb) acc.set(id, (acc.get(id) ?? 0) + (1 - w) * s);
  return sortRanked(acc);
}

export function sortRanked(scores: Map<number, number>): Ranked[] {
  return [...scores].map(([id, score]) => ({id, score})).sort((x, y) => y.score - x.score || x.id - y.id);
}
