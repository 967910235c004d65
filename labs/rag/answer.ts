// Extractive answers with citations: among the top retrieved chunks, the sentence covering the most
// query-term idf mass (with the document's title) is the answer, cited as (document, character span); below a coverage threshold
// the system abstains ("not in the documents"). No generation: the answer is always copied text.
import {bm25Idf} from "./bm25.js";
import type {RagIndex, Retrieved} from "./rag-index.js";
import {sentenceSpans, terms} from "./text.js";

export interface Answer {
  abstained: boolean;
  text: string; // the answer sentence ("" when abstaining)
  citation: {docId: string; title: string; start: number; end: number} | null;
  coverage: number; // share of the query's idf mass whose terms the sentence contains, in [0, 1]
}

export const DEFAULT_THRESHOLD = 0.5;

/**
 * Best sentence of `chunks` (in retrieval order) for the query terms; ties go to the earlier chunk.
 * coverage = Σ idf(t) over distinct query terms in the sentence / Σ idf(t) over distinct query terms,
 * idf from the index's BM25 statistics (unseen terms weigh most). Abstains when coverage < threshold.
 */
export function extractAnswer(index: Pick<RagIndex, "bm25">, qTerms: readonly string[], chunks: readonly Retrieved[], threshold = DEFAULT_THRESHOLD): Answer {
  const distinct = [...new Set(qTerms)];
  const N = index.bm25.live;
  const idf = new Map(distinct.map((t) => [t, bm25Idf(N, index.bm25.df(t))]));
  let total = 0;
  for (const v of idf.values()) total += v;
  let best: Answer = {abstained: true, text: "", citation: null, coverage: 0};
  for (const c of chunks) {
    for (const s of sentenceSpans(c.text)) {
      const text = c.text.slice(s.start, s.end);
      const present = new Set(terms(`${c.title} ${text}`)); // the citation names the document, so its title counts
      let got = 0;
      for (const t of distinct) if (present.has(t)) got += idf.get(t)!;
      const coverage = total > 0 ? got / total : 0;
      if (coverage > best.coverage) best = {abstained: false, text, citation: {docId: c.docId, title: c.title, start: c.start + s.start, end: c.start + s.end}, coverage};
    }
  }
  if (best.coverage < threshold) return {...best, abstained: true, text: ""};
  return best;
}
