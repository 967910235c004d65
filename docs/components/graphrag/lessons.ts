// The /graphrag page's misconceptions and predict-then-run questions, each built from numbers the page
// computed (the build-time measurement, cost table and studies), so the Markdown keeps one call per callout.
import type {CostRow} from "../../labs/graphrag/cost.js";
import {graphCellMeans, type GraphEvalSnapshot} from "../../labs/graphrag/evaluate.js";
import type {ChunkRow, EmbeddingStudy} from "../../labs/graphrag/study.js";
import {misconception, predict} from "../kit/callouts.js";
import {fmt} from "../kit/chart-style.js";
import {methodLabel} from "./eval-views.js";

const n = (x: number) => x.toLocaleString("en-US");

export function FactualQA(s: GraphEvalSnapshot): HTMLElement {
  const m = (method: string, type: "single" | "multi") => graphCellMeans(s.cells[method][type]);
  const globals = s.methods.filter((x) => x.startsWith("global"));
  const bestGlobal = globals.reduce((a, x) => (m(x, "single").goldRecall > m(a, "single").goldRecall ? x : a));
  const ranked = (type: "single" | "multi") => ["local", bestGlobal, "dense", "hybrid", "bm25"]
    .map((x) => ({x, r: m(x, type).goldRecall}))
    .sort((a, b) => b.r - a.r)
    .map(({x, r}) => `${methodLabel(x)} ${fmt(r, 3)}`)
    .join(" ≥ ");
  const local = m("local", "single");
  return misconception({
    claim: "GraphRAG beats RAG on factual question answering.",
    truth: "The paper never measured that. It evaluated only global sensemaking questions, judged head to head by an LLM on comprehensiveness, diversity and empowerment, with no gold answers, and vector RAG won on directness. On questions with gold passages, the measurement is ours: community reports are written for breadth, so global search reads few of the sentences a factual question needs, while local search (in the library, not evaluated in the paper) reads the text units around the question's entities.",
    evidence: `Gold recall at ${n(s.budget)} context tokens (global search at its best level), single-hop: ${ranked("single")}. Multi-hop: ${ranked("multi")}. Local search found no entity in ${fmt(100 * local.noEntity, 0)}% of the single-hop questions; those were answered by its fallback. Answer accuracy, single-hop: local ${fmt(local.hasAnswer, 3)}, ${methodLabel(bestGlobal)} ${fmt(m(bestGlobal, "single").hasAnswer, 3)}, vector RAG ${fmt(m("dense", "single").hasAnswer, 3)}, BM25 ${fmt(m("bm25", "single").hasAnswer, 3)}.`,
    source: "Edge et al. 2024, arXiv:2404.16130, §4.1 (questions and criteria) and §4.2 (results)."
  });
}

export function EmbeddingCommunities(e: EmbeddingStudy): HTMLElement {
  return misconception({
    claim: "GraphRAG's communities come from k-means on embeddings.",
    truth: "They come from the graph: hierarchical Leiden on the extracted entities and relations, with no vectors involved. Clusters of embeddings are a different partition.",
    evidence: `For the ${n(e.entities)} linked entities with a word vector, k-means (k = ${e.k}, the number of C0 communities among them) on the mean word vector of each name gives modularity ${fmt(e.modularityKmeans, 3)} on the graph of those entities, against ${fmt(e.modularityLouvain, 3)} for Louvain's C0 restricted to them (so not the whole-graph value in the level table). The two partitions agree with NMI ${fmt(e.nmi, 3)} (1 = the same partition).`,
    source: "Edge et al. 2024, §3.1.4 (Leiden on the graph); Traag, Waltman & van Eck 2019, From Louvain to Leiden (Scientific Reports 9:5233)."
  });
}

export function ChunkSize(rows: readonly ChunkRow[]): HTMLElement {
  const [small, large] = [rows[0], rows[rows.length - 1]];
  const same = new Set(rows.map((r) => r.entities)).size === 1;
  return misconception({
    claim: "The paper used 1200-token chunks.",
    truth: "It used 600-token chunks with 100 tokens of overlap (§4.1.1); 1200 is the GraphRAG library's current default (config/defaults.py). The paper also reports that smaller chunks made its LLM extract more entity references.",
    evidence: `The same extraction on this corpus at three chunk sizes (whitespace tokens): ${rows.map((r) => `${r.size}/${r.overlap}: ${n(r.units)} units, ${n(r.entities)} entities, ${n(r.relations)} relations (${fmt(r.relationsPerEntity, 1)} per entity)`).join("; ")}. This page's extractor reads each whole address, so it finds ${same ? "the same entities at every size" : "nearly the same entities at every size"}; an LLM reading one chunk at a time is what made the paper's count depend on chunk size. Relations do depend on it here: ${fmt(large.relations / small.relations, 1)}× as many at ${large.size} tokens as at ${small.size}, because a larger unit puts more entities side by side.`,
    source: "Edge et al. 2024, §4.1.1 and Figure 2; microsoft/graphrag packages/graphrag/graphrag/config/defaults.py."
  });
}

export function PredictMultiHop(s: GraphEvalSnapshot): HTMLElement {
  const local = graphCellMeans(s.cells.local.multi), dense = graphCellMeans(s.cells.dense.multi);
  return predict({
    question: "At the default budget, which puts more of the multi-hop questions' gold passages in its context: local search or vector RAG?",
    choices: ["local search", "vector RAG"],
    answer: local.goldRecall >= dense.goldRecall ? 0 : 1,
    reveal: `Multi-hop gold-passage recall at build time: local search ${fmt(local.goldRecall, 3)}, vector RAG ${fmt(dense.goldRecall, 3)} (${local.n} questions).`
  });
}

export function PredictCost(cost: readonly CostRow[]): HTMLElement {
  const c0 = cost.find((r) => r.condition === "C0")!, ts = cost.find((r) => r.condition === "TS")!;
  return predict({
    question: "How many fewer tokens than the source text do all C0 reports of this corpus need?",
    choices: ["under 50%", "50–90%", "over 90%"],
    answer: c0.saving < 0.5 ? 0 : c0.saving < 0.9 ? 1 : 2,
    reveal: `${fmt(100 * c0.saving, 1)}% fewer: ${n(c0.tokens)} tokens in ${c0.reports} reports against ${n(ts.tokens)}.`
  });
}
