// The /rag page's figures: the pipeline diagram, recall@k by method and question type from an
// evaluation snapshot, the metrics table, and the query view (ranked chunks with each term's BM25
// contribution and each list's rank; the answer with its citation). Reader text goes in as text only.
import * as Plot from "@observablehq/plot";
import {fmt, palette, plotDefaults} from "../kit/chart-style.js";
import {el} from "../kit/dom.js";
import {cellMeans, type EvalSnapshot, METHODS, percentile, RECALL_KS} from "../../labs/rag/evaluate.js";
import {QUESTION_TYPES} from "../../labs/rag/questions.js";
import type {Answer} from "../../labs/rag/answer.js";
import type {Retrieved} from "../../labs/rag/rag-index.js";


const TYPE_LABEL = {single: "single-hop", multi: "multi-hop", unanswerable: "unanswerable"} as const;
const METHOD_LABEL = {bm25: "BM25", dense: "dense", hybrid: "hybrid"} as const;

/** The pipeline as a figure: documents → chunks → two indexes → fusion → answer with citation. */
export function Pipeline(): HTMLElement {
  const steps = ["documents (32 addresses)", "chunks + metadata (doc, year, span)", "BM25 inverted index ‖ word2vec → pooled vectors", "top-k lists → fusion (RRF / weighted)", "best sentence → answer + citation, or abstain"];
  const fig = el("figure", undefined, "rag-pipeline");
  const ol = el("ol");
  for (const s of steps) ol.append(el("li", s));
  fig.append(ol);
  return fig;
}

/** recall@k for every method and question type (answerable types only), as grouped bars. */
export function RecallChart(s: EvalSnapshot, k: (typeof RECALL_KS)[number], width: number): Element {
  const i = RECALL_KS.indexOf(k);
  const rows = METHODS.flatMap((m) => (["single", "multi"] as const).map((t) => {
    const c = cellMeans(s.cells[m][t]);
    return {method: METHOD_LABEL[m], type: TYPE_LABEL[t], recall: c.n ? c.recall[i] : 0, n: c.n};
  }));
  return Plot.plot({
    ...plotDefaults(width, 240),
    x: {label: null, axis: null},
    fx: {label: null},
    y: {label: `recall@${k}`, domain: [0, 1], grid: true},
    color: {domain: Object.values(METHOD_LABEL), range: palette.slice(0, 3), legend: true},
    marks: [
      Plot.barY(rows, {fx: "type", x: "method", y: "recall", fill: "method", title: (d: {method: string; type: string; recall: number; n: number}) => `${d.method}, ${d.type}: recall@${k} ${fmt(d.recall, 3)} over ${d.n} questions`}),
      Plot.text(rows, {fx: "type", x: "method", y: "recall", text: (d: {recall: number}) => fmt(d.recall, 2), dy: -6}),
      Plot.ruleY([0])
    ]
  }) as Element;
}

/** Every metric, one row per method and question type. */
export function MetricsTable(s: EvalSnapshot): HTMLElement {
  const table = el("table", undefined, "rag-metrics");
  table.tabIndex = 0; // it scrolls sideways on a phone: reachable by keyboard
  table.setAttribute("aria-label", "metrics by method and question type");
  const head = el("tr");
  for (const h of ["method", "questions", "n", "R@1", "R@5", "R@10", "MRR", "nDCG@10", "EM", "F1", "citation precision", "abstained", "p95 ms"]) head.append(el("th", h));
  table.append(head);
  for (const m of METHODS) for (const t of QUESTION_TYPES) {
    const c = cellMeans(s.cells[m][t]);
    const answerable = t !== "unanswerable";
    const cells = [METHOD_LABEL[m], TYPE_LABEL[t], String(c.n),
      ...(answerable ? [...c.recall.map((r) => fmt(r, 3)), fmt(c.mrr, 3), fmt(c.ndcg, 3), fmt(c.em, 3), fmt(c.f1, 3), fmt(c.citationPrecision, 3)] : ["", "", "", "", "", "", "", ""]),
      fmt(c.abstention, 3), t === "single" ? fmt(percentile(s.latencyMs[m], 95), 1) : ""];
    const tr = el("tr");
    for (const x of cells) tr.append(el("td", x));
    table.append(tr);
  }
  return table;
}

export interface QueryResult {
  results: Array<Retrieved & {terms: Array<{term: string; tf: number; df: number; idf: number; contribution: number}>}>;
  ms: number;
  answer: Answer;
}

/** The answer (or abstention) with its citation, then the ranked chunks and why each ranks. */
export function QueryView(r: QueryResult, method: string): HTMLElement {
  const root = el("div", undefined, "rag-query");
  const ans = el("div", undefined, "rag-answer");
  if (r.answer.abstained) ans.append(el("p", `Abstained: the best sentence covers ${fmt(r.answer.coverage, 2)} of the query's idf mass, below the threshold. “Not found in the documents.”`));
  else {
    const p = el("p");
    p.append(el("strong", "Answer: "), el("span", r.answer.text));
    const c = r.answer.citation!;
    ans.append(p, el("p", `Cited: ${c.title}, characters ${c.start.toLocaleString("en-US")}–${c.end.toLocaleString("en-US")} (coverage ${fmt(r.answer.coverage, 2)}).`, "rag-cite"));
  }
  root.append(ans, el("p", `${r.results.length} chunks by ${method} in ${fmt(r.ms, 1)} ms (in the worker).`, "rag-small"));
  const ol = el("ol", undefined, "rag-results");
  for (const c of r.results) {
    const li = el("li");
    const ranks = [c.ranks.bm25 ? `BM25 rank ${c.ranks.bm25}` : c.ranks.dense !== undefined || method === "hybrid" ? "not in BM25's list" : "", c.ranks.dense ? `dense rank ${c.ranks.dense}` : method === "hybrid" ? "not in the dense list" : ""].filter(Boolean).join(", ");
    li.append(el("div", `${c.title} · chars ${c.start}–${c.end} · score ${fmt(c.score, 4)}${ranks ? ` · ${ranks}` : ""}`, "rag-meta"));
    li.append(el("div", c.text.length > 400 ? c.text.slice(0, 400) + " …" : c.text, "rag-chunk"));
    const terms = c.terms.filter((t) => t.tf > 0).map((t) => `${t.term}: tf ${t.tf}, idf ${fmt(t.idf, 2)} → ${fmt(t.contribution, 2)}`).join(" · ");
    li.append(el("div", terms ? `BM25 terms: ${terms}` : "BM25: no query term in this chunk", "rag-small"));
    ol.append(li);
  }
  root.append(ol);
  return root;
}

/** Chunks in context vs answer quality (build-time study), as lines. */
export function ContextChart(rows: Array<{c: number; recall: number; citationPrecision: number; correct: number; answered: number}>, width: number): Element {
  const long = rows.flatMap((r) => [
    {c: r.c, metric: "recall@c (gold chunk in context)", value: r.recall},
    {c: r.c, metric: "answers containing the gold answer", value: r.correct},
    {c: r.c, metric: "citation precision", value: r.citationPrecision}
  ]);
  return Plot.plot({
    ...plotDefaults(width, 240),
    x: {label: "chunks in context", type: "log", ticks: rows.map((r) => r.c)},
    y: {label: "share", domain: [0, 1], grid: true},
    color: {legend: true, range: palette.slice(0, 3)},
    marks: [Plot.line(long, {x: "c", y: "value", stroke: "metric"}), Plot.dot(long, {x: "c", y: "value", fill: "metric", title: (d: {metric: string; value: number; c: number}) => `${d.metric} at ${d.c}: ${fmt(d.value, 3)}`})]
  }) as Element;
}
