// Prints the GraphRAG measurement for a saved entity graph and hierarchy: the context-cost table and, per
// method and question type, gold-passage recall and answer accuracy at one context budget (labs/graphrag/
// evaluate.ts, the Algorithm the page's worker runs). The graph and hierarchy come from files so this script
// does not depend on how they were built (labs/graphrag/graph.ts corpusGraph, communities.ts hierarchicalLouvain).
//   npx tsx scripts/graphrag-eval.ts GRAPH.json HIERARCHY.json [--budget 1000] [--hops 2] [--fallback none|bm25|dense|hybrid]
// GRAPH.json: EntityGraphData, or {graph: EntityGraphData} as docs/data/graphrag-graph.json writes it. HIERARCHY.json: Hierarchy.
import {readFileSync} from "node:fs";
import {DEFAULT_GRAPH_EVAL, graphCellMeans, graphEval, type GraphEvalConfig} from "../labs/graphrag/evaluate.js";
import type {EntityGraphData, Hierarchy} from "../labs/graphrag/types.js";
import {readSotu} from "../labs/rag/corpus-files.js";
import {corpusVectors, readQuestions} from "../labs/rag/data-files.js";
import {QUESTION_TYPES} from "../labs/rag/questions.js";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const files = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
if (files.length !== 2) {
  console.error("usage: npx tsx scripts/graphrag-eval.ts GRAPH.json HIERARCHY.json [--budget N] [--hops 1|2] [--fallback none|bm25|dense|hybrid]");
  process.exit(2);
}
const raw = JSON.parse(readFileSync(files[0], "utf8"));
const graph: EntityGraphData = raw.graph ?? raw;
const hierarchy: Hierarchy = JSON.parse(readFileSync(files[1], "utf8"));
const config: GraphEvalConfig = {
  ...DEFAULT_GRAPH_EVAL,
  budget: Number(flag("budget") ?? DEFAULT_GRAPH_EVAL.budget),
  hops: Number(flag("hops") ?? DEFAULT_GRAPH_EVAL.hops),
  localFallback: (flag("fallback") ?? DEFAULT_GRAPH_EVAL.localFallback) as GraphEvalConfig["localFallback"]
};
const docs = readSotu();
let t0 = performance.now();
let state = graphEval.init({...config, data: {docs, wv: corpusVectors(docs), questions: readQuestions(), graph, hierarchy}});
const initMs = performance.now() - t0;
t0 = performance.now();
let steps = 0, slowest = 0;
while (graphEval.progress(state) < 1) {
  const s0 = performance.now();
  state = graphEval.step(state);
  slowest = Math.max(slowest, performance.now() - s0);
  steps++;
}
const snap = graphEval.snapshot(state, steps);
console.log(`${graph.units.length} units, ${graph.entities.length} entities, ${graph.relations.length} relations; levels ${hierarchy.levels.map((l) => l.count).join(" / ")} communities`);
console.log(`init ${initMs.toFixed(0)} ms; ${steps} steps in ${(performance.now() - t0).toFixed(0)} ms (slowest ${slowest.toFixed(0)} ms); budget ${config.budget} tokens, hops ${config.hops}, fallback ${config.localFallback}\n`);
console.table(snap.cost.map((r) => ({condition: r.condition, reports: r.reports, tokens: r.tokens, "share of TS": r.shareOfTs.toFixed(4), "fewer tokens than TS": `${(100 * r.saving).toFixed(1)}%`})));
const f = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(3));
console.table(snap.methods.flatMap((m) => QUESTION_TYPES.map((t) => {
  const c = graphCellMeans(snap.cells[m][t]);
  const a = (x: number) => (t === "unanswerable" ? "–" : f(x)); // no gold passage, no gold answer
  return {method: m, type: t, n: c.n, "gold recall": a(c.goldRecall), "holds answer": a(c.hasAnswer), "cites gold": a(c.inGold), F1: a(c.f1), abstains: f(c.abstention), tokens: c.tokens.toFixed(0), "no entity": f(c.noEntity)};
})));
