// The GraphRAG measurement as an init/step Algorithm (labs/kit/loop.ts): on the /rag notebook's labelled
// questions, local search, global search (one method per level), vector RAG (labs/rag dense), hybrid
// (labs/rag hybrid, RRF) and BM25 alone (the strongest baseline on these questions) each read at most the same number of context tokens; per question type we sum
// gold-passage recall (share of the gold sentences lying inside the context read) and answer accuracy
// (SQuAD EM / token F1, answer sentence holds the gold answer, cited sentence inside a gold passage).
// The paper has no gold answers and did not evaluate local search (Edge et al. 2024, §4); this is ours.
import {InputError} from "../kit/params.js";
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {type Answer, extractAnswer} from "../rag/answer.js";
import type {Doc} from "../rag/corpus.js";
import type {WordVectors} from "../rag/embed.js";
import {exactMatch, type SpanRef, tokenF1} from "../rag/metrics.js";
import {type Question, type QuestionType, QUESTION_TYPES} from "../rag/questions.js";
import {buildIndex, DEFAULT_INDEX, type RagIndex, type Retrieved, retrieve} from "../rag/rag-index.js";
import {questionTerms} from "./match.js";
import {countTokens, inside} from "./context.js";
import {type CostRow, costTable} from "./cost.js";
import {globalSearch} from "./global-search.js";
import {checkLocalOptions, LOCAL_DEFAULTS, localSearch} from "./local-search.js";
import {checkBudget, communityReports, DEFAULT_REPORT_BUDGET} from "./reports.js";
import {type GraphSearchIndex, graphSearchIndex} from "./search-index.js";
import type {CommunityReport, EntityGraphData, Hierarchy} from "./types.js";

export interface GraphEvalConfig {
  budget: number; // context tokens every method may read (default 1000)
  hops: number; // local search hops (default 2)
  textUnitProp: number; // local search shares (library defaults 0.5, 0.15)
  communityProp: number;
  reportBudget: number; // tokens per community report (default 300)
  threshold: number; // answer abstains below this coverage (labs/rag's evaluation uses 0.4)
  localFallback: "none" | RagMethod; // what answers when local search finds no entity (the page: vector search)
  batch: number; // questions per step
}

export const DEFAULT_GRAPH_EVAL: GraphEvalConfig = {
  budget: 1000, hops: LOCAL_DEFAULTS.hops, textUnitProp: LOCAL_DEFAULTS.textUnitProp, communityProp: LOCAL_DEFAULTS.communityProp,
  reportBudget: DEFAULT_REPORT_BUDGET, threshold: 0.4, localFallback: "none", batch: 10
};

export interface GraphEvalData {
  docs: Doc[];
  wv: WordVectors;
  questions: Question[];
  graph: EntityGraphData; // its units must be the docs chunked with labs/rag's DEFAULT_CHUNKING
  hierarchy: Hierarchy;
  reports?: CommunityReport[]; // default communityReports(graph, hierarchy, {budget: reportBudget})
}

/** Running sums of one (method, question type) cell. Recall and accuracy sums cover answerable questions only. */
export interface GraphCell {
  n: number;
  goldRecall: number; // Σ share of gold passages inside the context
  em: number; // Σ SQuAD exact match of the answer sentence against the short answer
  f1: number; // Σ SQuAD token F1
  hasAnswer: number; // answer sentence contains the short gold answer
  inGold: number; // answer's cited sentence lies inside a gold passage
  abstained: number; // answered nothing (for unanswerable questions: the right call)
  tokens: number; // Σ context tokens read
  noEntity: number; // local search only: no anchor in the question (empty context, or the fallback's)
}

export interface GraphEvalSnapshot extends LoopSnapshot {
  done: number;
  total: number;
  methods: string[]; // "local", "global C0", …, "bm25", "dense", "hybrid"
  cells: Record<string, Record<QuestionType, GraphCell>>;
  cost: CostRow[]; // the context-cost table of the hierarchy's reports
  budget: number;
}

interface GraphEvalState {
  config: GraphEvalConfig;
  data: GraphEvalData;
  rag: RagIndex;
  search: GraphSearchIndex;
  methods: string[];
  next: number;
  cells: GraphEvalSnapshot["cells"];
  cost: CostRow[];
}

type RagMethod = "bm25" | "dense" | "hybrid";
const RAG_METHODS: readonly string[] = ["bm25", "dense", "hybrid"];

interface Outcome {
  context: SpanRef[];
  tokens: number;
  answer: Answer;
  noEntity: boolean;
}

const emptyCell = (): GraphCell => ({n: 0, goldRecall: 0, em: 0, f1: 0, hasAnswer: 0, inGold: 0, abstained: 0, tokens: 0, noEntity: 0});

export function checkGraphEvalConfig(c: GraphEvalConfig): void {
  checkBudget(c.budget, "The context budget");
  checkBudget(c.reportBudget, "The report budget");
  checkLocalOptions({hops: c.hops, budget: c.budget, textUnitProp: c.textUnitProp, communityProp: c.communityProp, threshold: c.threshold});
  if (c.localFallback !== "none" && !RAG_METHODS.includes(c.localFallback)) throw new InputError(`The local-search fallback must be none, bm25, dense or hybrid, got "${c.localFallback}".`);
  if (!Number.isInteger(c.batch) || c.batch < 1) throw new InputError(`batch must be a positive whole number, got ${c.batch}.`);
}

/** labs/rag retrieval (BM25, dense or hybrid) at a token budget: the ranked chunks, in order, each taken if it still fits. */
function ragOutcome(state: GraphEvalState, q: string, method: RagMethod): Outcome {
  let ranked: Retrieved[] = [];
  try {
    ranked = retrieve(state.rag, q, {method, k: 100});
  } catch (e) {
    if (!(e instanceof InputError)) throw e; // dense: no known word → nothing retrieved
  }
  const chosen: Retrieved[] = [];
  let tokens = 0;
  for (const c of ranked) {
    const t = countTokens(c.text);
    if (tokens + t > state.config.budget) continue;
    chosen.push(c);
    tokens += t;
  }
  return {context: chosen, tokens, answer: extractAnswer(state.rag, questionTerms(q), chosen, state.config.threshold), noEntity: false};
}

/** Runs one method on one question. */
export function runMethod(state: GraphEvalState, method: string, q: string): Outcome {
  const {config} = state;
  if (RAG_METHODS.includes(method)) return ragOutcome(state, q, method as RagMethod);
  if (method === "local") {
    const r = localSearch(state.search, q, {hops: config.hops, budget: config.budget, textUnitProp: config.textUnitProp, communityProp: config.communityProp, threshold: config.threshold});
    if (r.noEntity && config.localFallback !== "none") return {...ragOutcome(state, q, config.localFallback), noEntity: true};
    return {context: r.context, tokens: r.tokens, answer: r.answer, noEntity: r.noEntity};
  }
  const level = Number(method.slice("global C".length));
  const r = globalSearch(state.search, q, {level, budget: config.budget, threshold: config.threshold});
  return {context: r.context, tokens: r.tokens, answer: r.answer, noEntity: false};
}

/** Adds one question's outcome to its cell. */
export function score(cell: GraphCell, q: Question, o: Outcome): void {
  cell.n++;
  cell.tokens += o.tokens;
  if (o.answer.abstained) cell.abstained++;
  if (o.noEntity) cell.noEntity++;
  if (q.type === "unanswerable") return;
  cell.goldRecall += q.gold.filter((g) => inside(o.context, g)).length / q.gold.length;
  cell.em += exactMatch(o.answer.text, q.answer);
  cell.f1 += tokenF1(o.answer.text, q.answer);
  if (!o.answer.abstained && o.answer.text.toLowerCase().includes(q.answer.toLowerCase())) cell.hasAnswer++;
  if (o.answer.citation && q.gold.some((g) => inside([g], o.answer.citation!))) cell.inGold++;
}

export const graphEval: Algorithm<GraphEvalConfig & {data: GraphEvalData}, GraphEvalState, GraphEvalSnapshot> = {
  init(config) {
    checkGraphEvalConfig(config);
    const {data} = config;
    if (data.graph.units.length === 0) throw new InputError("The graph has no text units to search.");
    const rag = buildIndex(data.docs, data.wv, DEFAULT_INDEX);
    const chunks = rag.chunks;
    if (chunks.length !== data.graph.units.length || data.graph.units.some((u, i) => u.docId !== chunks[i]?.docId || u.start !== chunks[i]?.start || u.end !== chunks[i]?.end)) {
      throw new InputError("The graph's text units are not the documents' default chunks, so the methods would not read the same text.");
    }
    const reports = data.reports ?? communityReports(data.graph, data.hierarchy, {budget: config.reportBudget});
    const search = graphSearchIndex(data.graph, data.hierarchy, reports);
    const methods = ["local", ...data.hierarchy.levels.map((_, l) => `global C${l}`), ...RAG_METHODS];
    const cells = Object.fromEntries(methods.map((m) => [m, Object.fromEntries(QUESTION_TYPES.map((t) => [t, emptyCell()]))])) as GraphEvalSnapshot["cells"];
    return {config, data, rag, search, methods, next: 0, cells, cost: costTable(data.graph, data.hierarchy, reports)};
  },
  /** Evaluates the next `batch` questions with every method. Mutates the state. */
  step(state) {
    const end = Math.min(state.data.questions.length, state.next + state.config.batch);
    for (let i = state.next; i < end; i++) {
      const q = state.data.questions[i];
      for (const m of state.methods) score(state.cells[m][q.type], q, runMethod(state, m, q.question));
    }
    state.next = end;
    return state;
  },
  progress: (s) => (s.data.questions.length ? s.next / s.data.questions.length : 1),
  snapshot(s, step) {
    const total = s.data.questions.length;
    return {step, progress: total ? s.next / total : 1, done: s.next, total, methods: [...s.methods], cells: structuredClone(s.cells), cost: structuredClone(s.cost), budget: s.config.budget};
  }
};

/** Means of a cell (answerable types: recall and accuracy per question; every type: abstention, tokens). NaN when empty. */
export function graphCellMeans(c: GraphCell) {
  const n = c.n;
  return {
    n, goldRecall: c.goldRecall / n, em: c.em / n, f1: c.f1 / n, hasAnswer: c.hasAnswer / n, inGold: c.inGold / n,
    abstention: c.abstained / n, tokens: c.tokens / n, noEntity: c.noEntity / n
  };
}
