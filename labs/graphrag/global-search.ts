// Global search as map-reduce over the community reports of one level (Edge et al. 2024, §3.1.6): map
// scores every report for the query and drops the zeros; reduce sorts by score, fills the context budget
// and answers. The paper's map is an LLM writing a partial answer with a 0–100 helpfulness score; here the
// score is BM25 of the query against the level's reports and the answer is an extracted sentence.
import {InputError} from "../kit/params.js";
import {extractAnswer, type Answer} from "../rag/answer.js";
import {LUCENE_DEFAULTS} from "../rag/bm25.js";
import {questionTerms} from "./match.js";
import {countTokens, sentenceKey, sentencePiece} from "./context.js";
import type {ContextPiece} from "./local-search.js";
import {checkBudget, levelCommunities, reportPieces} from "./reports.js";
import type {GraphSearchIndex} from "./search-index.js";

export interface GlobalOptions {
  level?: number; // default 0 (C0, the root level)
  budget?: number; // context tokens, default 1000
  threshold?: number; // answer abstains below this coverage, default 0.4
  partials?: boolean; // also give each scored report's best sentence (the map step's "partial answer"), default false
}

export const GLOBAL_DEFAULTS = {level: 0, budget: 1000, threshold: 0.4, partials: false};

export interface MapScore {
  community: number;
  score: number; // BM25 of the query against the report (0: no query term in it)
  tokens: number; // the report's tokens
  partial?: string; // with options.partials and score > 0: the report's sentence covering most of the query's idf mass
}

export interface Kept {
  community: number;
  score: number;
  tokens: number; // tokens of it in the context
  cut: boolean; // only a prefix of its sentences fitted
}

export interface GlobalResult {
  level: number;
  map: MapScore[]; // every report of the level, by community id
  dropped: number; // reports scored 0
  kept: Kept[]; // reduce: in context, best first
  context: ContextPiece[];
  tokens: number; // ≤ budget
  answer: Answer;
}

/**
 * Map: BM25 (Lucene defaults, statistics over the level's reports) of the query for every report of
 * `level`; reports scoring 0 are dropped. Reduce: the rest by score (ties: community id), each taking the
 * longest prefix of its sentences (minus any already in context) that fits what is left of the budget (a report with no fitting prefix is
 * skipped); the answer is labs/rag's extractAnswer over those sentences (idf over the text units).
 * InputError: empty query, unknown level, bad budget or threshold.
 */
export function globalSearch(index: GraphSearchIndex, query: string, options: GlobalOptions = {}): GlobalResult {
  const o = {...GLOBAL_DEFAULTS, ...options};
  checkBudget(o.budget, "The context budget");
  if (!(o.threshold >= 0 && o.threshold <= 1)) throw new InputError(`The abstention threshold must be in [0, 1], got ${o.threshold}.`);
  levelCommunities(index.hierarchy, o.level); // InputError for a missing level
  const qTerms = questionTerms(query);
  const {communities, index: bm25} = index.levels[o.level];
  const scores = bm25.score(qTerms, LUCENE_DEFAULTS); // slot → score
  const map: MapScore[] = communities.map((c, slot) => ({community: c, score: scores.get(slot) ?? 0, tokens: index.reports[c]?.tokens ?? 0}));
  if (o.partials) for (const m of map) if (m.score > 0) m.partial = extractAnswer({bm25: index.unitIndex}, qTerms, reportPieces(index.reports[m.community], index.corpus), 0).text;
  const ranked = map.filter((m) => m.score > 0).sort((a, b) => b.score - a.score || a.community - b.community);
  const context: ContextPiece[] = [];
  const kept: Kept[] = [];
  const seen = new Set<string>(); // a sentence chosen by two reports of the level is read once
  let used = 0;
  for (const m of ranked) {
    if (used >= o.budget) break;
    const rep = index.reports[m.community];
    let took = 0, n = 0;
    for (const s of rep.sentences) {
      if (seen.has(sentenceKey(s))) continue;
      const p = sentencePiece(index.corpus, s, m.score);
      const t = countTokens(p.text);
      if (used + took + t > o.budget) break;
      seen.add(sentenceKey(s));
      context.push({...p, part: "report", tokens: t});
      took += t;
      n++;
    }
    if (n === 0) continue;
    kept.push({community: m.community, score: m.score, tokens: took, cut: n < rep.sentences.length});
    used += took;
  }
  const answer = extractAnswer({bm25: index.unitIndex}, qTerms, context, o.threshold);
  return {level: o.level, map, dropped: map.length - ranked.length, kept, context, tokens: used, answer};
}
