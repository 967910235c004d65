// Evaluation of retrieval and answers against gold passages: recall@k, MRR, nDCG@10 (binary gains,
// each gold passage counted once; BEIR's main metric), SQuAD exact match and token F1 (Rajpurkar et
// al. 2016, evaluate-v1.1.py normalisation), citation precision and abstention accuracy.
import type {GoldPassage} from "./questions.js";

export interface SpanRef {
  docId: string;
  start: number;
  end: number;
}

/**
 * Where the answer sits in each gold passage: the first case-insensitive occurrence of `answer` inside
 * the passage (docText(docId) gives the document). A retrieved chunk "hits" a gold passage when it
 * contains that whole occurrence, i.e. when reading the chunk is enough to answer from that passage.
 */
export function answerSpans(gold: readonly GoldPassage[], answer: string, docText: (id: string) => string): SpanRef[] {
  return gold.map((g) => {
    const passage = docText(g.docId).slice(g.start, g.end).toLowerCase();
    const at = passage.indexOf(answer.toLowerCase());
    if (at < 0) throw new Error(`The answer “${answer}” is not in its gold passage (${g.docId} ${g.start}–${g.end}).`);
    return {docId: g.docId, start: g.start + at, end: g.start + at + answer.length};
  });
}

export const hits = (chunk: SpanRef, target: SpanRef): boolean => chunk.docId === target.docId && chunk.start <= target.start && target.end <= chunk.end;

/** Share of targets hit by at least one of the first k chunks. */
export function recallAt(ranked: readonly SpanRef[], targets: readonly SpanRef[], k: number): number {
  if (targets.length === 0) return NaN;
  const top = ranked.slice(0, k);
  return targets.filter((t) => top.some((c) => hits(c, t))).length / targets.length;
}

/** 1 / rank of the first chunk hitting any target (0 when none does). */
export function reciprocalRank(ranked: readonly SpanRef[], targets: readonly SpanRef[]): number {
  const i = ranked.findIndex((c) => targets.some((t) => hits(c, t)));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** nDCG@k with binary gains: a chunk gains 1 if it hits a target no earlier chunk hit; ideal = all targets first. */
export function ndcgAt(ranked: readonly SpanRef[], targets: readonly SpanRef[], k = 10): number {
  const found = new Set<number>();
  let dcg = 0;
  ranked.slice(0, k).forEach((c, i) => {
    const t = targets.findIndex((t, j) => !found.has(j) && hits(c, t));
    if (t >= 0) { found.add(t); dcg += 1 / Math.log2(i + 2); }
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, targets.length); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : NaN;
}

/** SQuAD normalisation: lowercase, drop punctuation, drop the articles a/an/the, collapse whitespace. */
export function normalizeAnswer(s: string): string {
  return s.toLowerCase().replace(/[\p{P}\p{S}]/gu, "").replace(/\b(a|an|the)\b/g, " ").split(/\s+/).filter(Boolean).join(" ");
}

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

/** SQuAD token F1: harmonic mean of token precision and recall over the multiset overlap. */
export function tokenF1(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(" ").filter(Boolean);
  const g = normalizeAnswer(gold).split(" ").filter(Boolean);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) { same++; counts.set(t, c - 1); }
  }
  if (same === 0) return 0;
  const precision = same / p.length, recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}
