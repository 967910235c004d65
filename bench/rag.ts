// RAG retrieval benchmark on the whole corpus (State of the Union 1990–2021, recursive chunks of 100
// tokens, overlap 20): index build time and single-query latency/throughput for the lab's BM25, dense
// (exact and IVF-Flat), hybrid (RRF) and MiniSearch 7.2's BM25+ on the same chunks and the same analyzer.
// Queries: the 215 labelled questions, 3 rounds. Word vectors: 1 epoch of CBOW (speed, not quality).
// Usage: npx tsx bench/rag.ts
import {readFileSync} from "node:fs";
import MiniSearch from "minisearch";
import {Bm25Index, LUCENE_DEFAULTS} from "../labs/rag/bm25.js";
import {chunkDocs} from "../labs/rag/chunk.js";
import {readSotu} from "../labs/rag/corpus-files.js";
import {RAG_W2V, trainWordVectors} from "../labs/rag/embed.js";
import {percentile} from "../labs/rag/evaluate.js";
import type {Question} from "../labs/rag/questions.js";
import {buildIndex, retrieve, type RetrieveOptions} from "../labs/rag/rag-index.js";
import {terms} from "../labs/rag/text.js";

const ROUNDS = 3;
const docs = readSotu();
const questions: Question[] = JSON.parse(readFileSync("data/rag/questions.json", "utf8"));
const chunking = {method: "recursive", size: 100, overlap: 20} as const;
const chunks = chunkDocs(docs, chunking);
const chunkTerms = chunks.map((c) => terms(`${c.title} ${c.text}`)); // as labs/rag indexes them

const time = (f: () => void) => { const t = performance.now(); f(); return performance.now() - t; };
const median = (xs: number[]) => percentile(xs, 50);

interface Row { name: string; buildMs: number; qps: number; p50: number; p95: number }
const rows: Row[] = [];

function queries(run: (q: string) => void): {qps: number; p50: number; p95: number} {
  for (const q of questions.slice(0, 20)) run(q.question); // warm-up
  const lat: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const q of questions) lat.push(time(() => run(q.question)));
  const total = performance.now() - t0;
  return {qps: (lat.length / total) * 1000, p50: percentile(lat, 50), p95: percentile(lat, 95)};
}

// BM25, index only (chunking and analysis done once, outside the timing, for both engines)
const bm25Builds: number[] = [];
let bm25 = new Bm25Index();
for (let r = 0; r < 5; r++) bm25Builds.push(time(() => { bm25 = new Bm25Index(); for (const t of chunkTerms) bm25.add(t); }));
rows.push({name: "lab BM25 (Lucene idf, k1 1.2, b 0.75), top 10", buildMs: median(bm25Builds), ...queries((q) => {
  const s = bm25.score(terms(q), LUCENE_DEFAULTS);
  [...s].sort((a, b) => b[1] - a[1]).slice(0, 10);
})});

const msBuilds: number[] = [];
let ms!: MiniSearch<{id: number; text: string}>;
const docsForMs = chunks.map((c, id) => ({id, text: `${c.title} ${c.text}`}));
for (let r = 0; r < 5; r++) msBuilds.push(time(() => {
  ms = new MiniSearch({fields: ["text"], tokenize: (t) => terms(t), processTerm: (t) => t});
  ms.addAll(docsForMs);
}));
rows.push({name: "MiniSearch 7.2 BM25+ (defaults), top 10", buildMs: median(msBuilds), ...queries((q) => ms.search(q).slice(0, 10))});

const tw = performance.now();
const wv = trainWordVectors(docs, 42, {...RAG_W2V, epochs: 1});
const trainMs = performance.now() - tw;
let index!: ReturnType<typeof buildIndex>;
const buildMs = time(() => { index = buildIndex(docs, wv, {chunking, pooling: "sif"}); });
const run = (o: RetrieveOptions) => (q: string) => retrieve(index, q, o);
rows.push({name: "lab retrieve bm25 (full index: chunk + BM25 + SIF vectors)", buildMs, ...queries(run({method: "bm25", k: 10}))});
rows.push({name: "lab retrieve dense, exact (SIF, 50-d)", buildMs: NaN, ...queries(run({method: "dense", k: 10}))});
const ivfBuild = time(() => retrieve(index, "budget", {method: "dense", k: 10, ann: "ivf", nprobe: 8}));
rows.push({name: "lab retrieve dense, IVF-Flat nlist √n, nprobe 8", buildMs: ivfBuild, ...queries(run({method: "dense", k: 10, ann: "ivf", nprobe: 8}))});
rows.push({name: "lab retrieve hybrid (RRF k 60, depth 100)", buildMs: NaN, ...queries(run({method: "hybrid", k: 10}))});

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "—");
console.log(`${docs.length} documents, ${chunks.length} chunks, ${questions.length} questions × ${ROUNDS} rounds; word2vec (1 epoch) ${f(trainMs / 1000)} s\n`);
console.log("| engine | build ms | queries/s | p50 ms | p95 ms |");
console.log("|---|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.name} | ${f(r.buildMs)} | ${f(r.qps, 0)} | ${f(r.p50, 2)} | ${f(r.p95, 2)} |`);
