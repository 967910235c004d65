// The question-set evaluation as an init/step Algorithm (labs/kit/loop.ts): init builds the index for a
// config; each step answers a batch of questions with BM25, dense and hybrid retrieval and adds their
// metrics, split by question type. Runs in the page's worker, in the build-time first state and in tests.
import {InputError} from "../kit/params.js";
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {type Bm25Params, checkBm25Params} from "./bm25.js";
import {type ChunkConfig, checkChunkConfig} from "./chunk.js";
import type {Doc} from "./corpus.js";
import type {Pooling, WordVectors} from "./embed.js";
import {extractAnswer} from "./answer.js";
import {answerSpans, exactMatch, ndcgAt, reciprocalRank, recallAt, tokenF1} from "./metrics.js";
import {type QuestionType, QUESTION_TYPES, type Question} from "./questions.js";
import {buildIndex, type Fusion, type Method, type RagIndex, retrieve} from "./rag-index.js";
import {queryTerms} from "./text.js";

export const METHODS: readonly Method[] = ["bm25", "dense", "hybrid"];
export const RECALL_KS = [1, 5, 10] as const;

export interface EvalConfig {
  chunking: ChunkConfig;
  pooling: Pooling;
  bm25: Bm25Params;
  fusion: Fusion;
  rrfK: number;
  weight: number; // weighted fusion's BM25 share
  contextK: number; // chunks the answer is extracted from
  threshold: number; // abstain below this coverage
  batch: number; // questions per step
}

export const DEFAULT_EVAL: EvalConfig = {
  chunking: {method: "recursive", size: 100, overlap: 20}, pooling: "sif", bm25: {k1: 1.2, b: 0.75},
  fusion: "rrf", rrfK: 60, weight: 0.5, contextK: 5, threshold: 0.4, batch: 15
};

export interface EvalData {
  docs: Doc[];
  wv: WordVectors;
  questions: Question[];
}

/** Running sums of one (method, question type) cell. */
export interface Cell {
  n: number;
  recall: number[]; // sums of recall@1, @5, @10 (answerable questions)
  mrr: number;
  ndcg: number;
  em: number;
  f1: number;
  cited: number; // answered answerable questions (citation precision's denominator)
  citedRight: number; // ... whose cited sentence contains the gold answer
  abstained: number;
}

export interface EvalSnapshot extends LoopSnapshot {
  done: number;
  total: number;
  chunks: number;
  cells: Record<Method, Record<QuestionType, Cell>>;
  latencyMs: Record<Method, number[]>; // per-question retrieval time (ms), for p50/p95
}

interface EvalState {
  config: EvalConfig;
  data: EvalData;
  index: RagIndex;
  next: number;
  cells: EvalSnapshot["cells"];
  latencyMs: EvalSnapshot["latencyMs"];
  targets: ReturnType<typeof answerSpans>[]; // per question, the answer's place in each gold passage
}

const emptyCell = (): Cell => ({n: 0, recall: RECALL_KS.map(() => 0), mrr: 0, ndcg: 0, em: 0, f1: 0, cited: 0, citedRight: 0, abstained: 0});

export function checkEvalConfig(c: EvalConfig): void {
  checkChunkConfig(c.chunking);
  checkBm25Params(c.bm25);
  if (c.pooling !== "mean" && c.pooling !== "sif") throw new InputError(`pooling must be mean or sif, got "${c.pooling}".`);
  if (!Number.isInteger(c.contextK) || c.contextK < 1 || c.contextK > 50) throw new InputError(`Chunks in context must be a whole number from 1 to 50, got ${c.contextK}.`);
  if (!(c.threshold >= 0 && c.threshold <= 1)) throw new InputError(`The abstention threshold must be in [0, 1], got ${c.threshold}.`);
  if (!Number.isInteger(c.batch) || c.batch < 1) throw new InputError(`batch must be a positive whole number, got ${c.batch}.`);
}

/** Evaluates one question with one method; adds to `cell`; returns the retrieval time in ms. */
export function evaluateQuestion(state: Pick<EvalState, "index" | "config">, q: Question, targets: ReturnType<typeof answerSpans>, method: Method, cell: Cell): number {
  const {config, index} = state;
  const depth = Math.max(10, config.contextK);
  const t0 = performance.now();
  let ranked: ReturnType<typeof retrieve> = [];
  try {
    ranked = retrieve(index, q.question, {method, k: depth, bm25: config.bm25, fusion: config.fusion, rrfK: config.rrfK, weight: config.weight});
  } catch (e) {
    if (!(e instanceof InputError)) throw e; // e.g. dense with no known word: nothing retrieved
  }
  const ms = performance.now() - t0;
  const answer = extractAnswer(index, queryTerms(q.question), ranked.slice(0, config.contextK), config.threshold);
  cell.n++;
  if (answer.abstained) cell.abstained++;
  if (q.type === "unanswerable") return ms;
  RECALL_KS.forEach((k, i) => (cell.recall[i] += recallAt(ranked, targets, k)));
  cell.mrr += reciprocalRank(ranked, targets);
  cell.ndcg += ndcgAt(ranked, targets, 10);
  cell.em += exactMatch(answer.text, q.answer);
  cell.f1 += tokenF1(answer.text, q.answer);
  if (!answer.abstained) {
    cell.cited++;
    if (answer.text.toLowerCase().includes(q.answer.toLowerCase())) cell.citedRight++;
  }
  return ms;
}

export const questionEval: Algorithm<EvalConfig & {data: EvalData}, EvalState, EvalSnapshot> = {
  init(config) {
    checkEvalConfig(config);
    const {data} = config;
    const text = new Map(data.docs.map((d) => [d.id, d.text]));
    const index = buildIndex(data.docs, data.wv, {chunking: config.chunking, pooling: config.pooling});
    const cells = Object.fromEntries(METHODS.map((m) => [m, Object.fromEntries(QUESTION_TYPES.map((t) => [t, emptyCell()]))])) as EvalSnapshot["cells"];
    const targets = data.questions.map((q) => answerSpans(q.gold, q.answer, (id) => text.get(id)!));
    return {config, data, index, next: 0, cells, latencyMs: {bm25: [], dense: [], hybrid: []}, targets};
  },
  /** Evaluates the next `batch` questions with every method. Mutates the state. */
  step(state) {
    const end = Math.min(state.data.questions.length, state.next + state.config.batch);
    for (let i = state.next; i < end; i++) {
      const q = state.data.questions[i];
      for (const m of METHODS) state.latencyMs[m].push(evaluateQuestion(state, q, state.targets[i], m, state.cells[m][q.type]));
    }
    state.next = end;
    return state;
  },
  progress: (s) => (s.data.questions.length ? s.next / s.data.questions.length : 1),
  snapshot(s, step) {
    return {
      step, progress: s.data.questions.length ? s.next / s.data.questions.length : 1, done: s.next, total: s.data.questions.length,
      chunks: s.index.bm25.live, cells: structuredClone(s.cells), latencyMs: structuredClone(s.latencyMs)
    };
  }
};

/** Means of a cell: recall@k, MRR, nDCG@10, EM, F1 over answerable questions; citation precision; abstention rate. */
export function cellMeans(c: Cell) {
  const n = c.n;
  return {
    n,
    recall: c.recall.map((r) => r / n),
    mrr: c.mrr / n, ndcg: c.ndcg / n, em: c.em / n, f1: c.f1 / n,
    citationPrecision: c.cited ? c.citedRight / c.cited : NaN,
    abstention: c.abstained / n
  };
}

/** p-th percentile (0..100) of a sample, nearest-rank; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
