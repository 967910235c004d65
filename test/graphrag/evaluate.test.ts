import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {mulberry32} from "../../labs/kit/random.js";
import {DEFAULT_GRAPH_EVAL, graphCellMeans, graphEval, type GraphEvalData} from "../../labs/graphrag/evaluate.js";
import type {WordVectors} from "../../labs/rag/embed.js";
import {locate, type Question} from "../../labs/rag/questions.js";
import {words} from "../../labs/rag/text.js";
import {toyDocs, toyGraph, toyHierarchy} from "./toy-graph.js";

const docs = toyDocs();
const [d1, d2] = docs;

/** Seeded random 4-d word vectors for every word of the toy documents (dense retrieval only needs some vector). */
function toyVectors(): WordVectors {
  const vocab = [...new Set(docs.flatMap((d) => words(d.text)))];
  const r = mulberry32(7);
  return {words: vocab, counts: vocab.map(() => 1), total: vocab.length, dim: 4, vectors: Float32Array.from({length: vocab.length * 4}, () => r() - 0.5)};
}

const questions: Question[] = [
  {id: "q1", type: "single", question: "Which director runs the Zeta Agency?", answer: "Bob Jones", gold: [locate(d1, "director who runs")]},
  {id: "q2", type: "multi", question: "Which festival does Dan Brown play at in the town where Carol White teaches?", answer: "Jazz Festival", gold: [locate(d2, "Dan Brown plays"), locate(d2, "Carol White teaches")]},
  {id: "q3", type: "unanswerable", question: "What is the capital of Mars?", answer: "none", gold: []}
];

const data = (): GraphEvalData => ({docs, wv: toyVectors(), questions, graph: toyGraph("default-chunks"), hierarchy: toyHierarchy()});

function run(budget: number) {
  let state = graphEval.init({...DEFAULT_GRAPH_EVAL, budget, batch: 2, data: data()});
  let steps = 0;
  while (graphEval.progress(state) < 1) { state = graphEval.step(state); steps++; }
  expect(steps).toBe(2); // 3 questions, 2 per step
  return graphEval.snapshot(state, steps);
}

describe("graphEval", () => {
  it("graphEval(budget 1000) reads every toy unit: gold recall 1 for local, BM25, dense and hybrid; F1 of the answer sentence 4/13", () => {
    const snap = run(1000);
    expect(snap.methods).toEqual(["local", "global C0", "global C1", "bm25", "dense", "hybrid"]);
    expect(snap.done).toBe(3);
    expect(snap.progress).toBe(1);
    for (const m of ["local", "bm25", "dense", "hybrid"]) {
      expect(graphCellMeans(snap.cells[m].single).goldRecall).toBe(1);
      expect(graphCellMeans(snap.cells[m].multi).goldRecall).toBe(1);
      // "bob jones is director who runs zeta agency from capital city" (11 tokens) vs "bob jones": F1 = 2·(2/11)·1/(2/11 + 1)
      expect(graphCellMeans(snap.cells[m].single).f1).toBeCloseTo(4 / 13, 12);
      expect(snap.cells[m].single.hasAnswer).toBe(1);
      expect(snap.cells[m].single.inGold).toBe(1);
    }
    expect(snap.cells.local.unanswerable.noEntity).toBe(1); // "capital" alone is not "Capital City"
    expect(snap.cells.local.unanswerable.abstained).toBe(1);
    expect(snap.cells.dense.unanswerable.n).toBe(1);
  });

  it("graphEval(localFallback dense) answers the entity-less question with dense retrieval's context", () => {
    let state = graphEval.init({...DEFAULT_GRAPH_EVAL, localFallback: "dense", batch: 5, data: data()});
    state = graphEval.step(state);
    const snap = graphEval.snapshot(state, 1);
    expect(snap.cells.local.unanswerable.noEntity).toBe(1);
    expect(snap.cells.local.unanswerable.tokens).toBe(snap.cells.dense.unanswerable.tokens);
    expect(snap.cells.local.unanswerable.tokens).toBeGreaterThan(0);
  });

  it("graphEval(...) keeps every method within the budget; a 10-token budget fits no 28-token chunk", () => {
    const snap = run(10);
    for (const m of snap.methods) for (const t of ["single", "multi", "unanswerable"] as const) expect(snap.cells[m][t].tokens).toBeLessThanOrEqual(10 * snap.cells[m][t].n);
    expect(snap.cells.dense.single.goldRecall).toBe(0);
    expect(snap.cells.hybrid.multi.goldRecall).toBe(0);
  });

  it("graphEval(...) reports the cost table and is deterministic", () => {
    const a = run(1000), b = run(1000);
    expect(a).toEqual(b);
    expect(a.cost.map((r) => r.condition)).toEqual(["C0", "C1", "TS"]);
    expect(a.cost[2].tokens).toBe(56);
  });

  it("graphEval.init(graph over other units, bad budget) throws InputError", () => {
    expect(() => graphEval.init({...DEFAULT_GRAPH_EVAL, data: {...data(), graph: toyGraph("paragraphs")}})).toThrow(/default chunks/);
    expect(() => graphEval.init({...DEFAULT_GRAPH_EVAL, budget: 0, data: data()})).toThrow(InputError);
    expect(() => graphEval.init({...DEFAULT_GRAPH_EVAL, batch: 0, data: data()})).toThrow(InputError);
    expect(() => graphEval.init({...DEFAULT_GRAPH_EVAL, localFallback: "bm42" as "none", data: data()})).toThrow(InputError);
  });
});
