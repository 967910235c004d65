// Measures why the RAG page trains word2vec for RAG_W2V.epochs: for 1, 3, 5, 20 and 50 epochs (and random
// vectors, the same vocabulary), how parallel the word vectors are (mean cosine between two of the 2,000
// most frequent words), how much of each of those words' vector, its shared direction (first PC) removed, is
// still its random initial vector (mean cosine), how many directions the SIF chunk vectors span after the first PC is removed
// (participation ratio (Σλ)²/Σλ² of their second-moment matrix), and dense recall@5/@10 on the single-
// and multi-hop questions (mean and SIF pooling, default chunking). About 1 min. Run: npx tsx scripts/rag-w2v-epochs.ts
import {mulberry32, stream} from "../labs/kit/random.js";
import {initKernel} from "../labs/word2vec/kernel.js";
import {encodeSentences} from "../labs/word2vec/vocab.js";
import {readSotu} from "../labs/rag/corpus-files.js";
import {readQuestions, VECTOR_SEED} from "../labs/rag/data-files.js";
import {corpusSentences, firstPrincipalComponent, type Pooling, RAG_W2V, trainWordVectors, type WordVectors} from "../labs/rag/embed.js";
import {type Cell, cellMeans, DEFAULT_EVAL, evaluateQuestion} from "../labs/rag/evaluate.js";
import {answerSpans} from "../labs/rag/metrics.js";
import type {QuestionType} from "../labs/rag/questions.js";
import {buildIndex, liveSlots} from "../labs/rag/rag-index.js";

const docs = readSotu();
const questions = readQuestions();
const text = new Map(docs.map((d) => [d.id, d.text]));
const targets = questions.map((q) => answerSpans(q.gold, q.answer, (id) => text.get(id)!));
const blank = (): Cell => ({n: 0, recall: [0, 0, 0], mrr: 0, ndcg: 0, em: 0, f1: 0, cited: 0, citedRight: 0, abstained: 0});

/** Mean cosine over pairs of the first n rows (D): (|Σ u_i|² − n) / (n (n − 1)) with u_i the unit rows; zero rows skipped. */
function meanCos(X: Float32Array, n: number, D: number): number {
  const sum = new Float64Array(D);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += X[i * D + j] ** 2;
    if (s === 0) continue;
    m++;
    for (let j = 0; j < D; j++) sum[j] += X[i * D + j] / Math.sqrt(s);
  }
  let ss = 0;
  for (const v of sum) ss += v * v;
  return (ss - m) / (m * (m - 1));
}

/** Participation ratio of XᵀX for n rows (D): 1 if all rows share one direction, D if spread evenly. */
function participation(X: Float32Array, n: number, D: number): number {
  const C = new Float64Array(D * D);
  for (let i = 0; i < n; i++) for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) C[a * D + b] += X[i * D + a] * X[i * D + b];
  let tr = 0, fro = 0;
  for (let a = 0; a < D; a++) tr += C[a * D + a];
  for (const c of C) fro += c * c;
  return (tr * tr) / fro;
}

/** Mean over the first n rows of cos(trained row, initial row), both with the trained rows' first PC removed. */
function residualCosToInit(trained: Float32Array, init: Float32Array, n: number, D: number): number {
  const u = firstPrincipalComponent(trained.subarray(0, n * D), n, D);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let pa = 0, pb = 0;
    for (let j = 0; j < D; j++) { pa += trained[i * D + j] * u[j]; pb += init[i * D + j] * u[j]; }
    let ab = 0, aa = 0, bb = 0;
    for (let j = 0; j < D; j++) {
      const a = trained[i * D + j] - pa * u[j], b = init[i * D + j] - pb * u[j];
      ab += a * b; aa += a * a; bb += b * b;
    }
    sum += ab / Math.sqrt(aa * bb);
  }
  return sum / n;
}

function measure(name: string, wv: WordVectors, init: Float32Array | null) {
  const row: Record<string, string> = {vectors: name, "mean cos (2,000 words)": meanCos(wv.vectors, 2000, wv.dim).toFixed(3)};
  row["residual cos to init"] = init ? residualCosToInit(wv.vectors, init, 2000, wv.dim).toFixed(3) : "";
  for (const pooling of ["mean", "sif"] as Pooling[]) {
    const index = buildIndex(docs, wv, {chunking: DEFAULT_EVAL.chunking, pooling});
    if (pooling === "sif") row["SIF chunks PR"] = participation(index.vectors, liveSlots(index).length, wv.dim).toFixed(1);
    const cells = {single: blank(), multi: blank(), unanswerable: blank()} as Record<QuestionType, Cell>;
    questions.forEach((q, i) => evaluateQuestion({index, config: {...DEFAULT_EVAL, pooling}}, q, targets[i], "dense", cells[q.type]));
    for (const t of ["single", "multi"] as const) {
      const r = cellMeans(cells[t]).recall;
      row[`${pooling} ${t} R@5 / R@10`] = `${r[1].toFixed(3)} / ${r[2].toFixed(3)}`;
    }
  }
  return row;
}

const corpus = encodeSentences(corpusSentences(docs));
const rows = [];
let vocabulary: WordVectors | null = null;
for (const epochs of [1, 3, 5, 20, 50]) {
  const wv = trainWordVectors(docs, VECTOR_SEED, {...RAG_W2V, epochs});
  vocabulary ??= wv;
  const init = initKernel({...RAG_W2V, epochs}, corpus, stream(VECTOR_SEED, "word2vec")).syn0; // trainWordVectors' first draws
  rows.push(measure(`CBOW, ${epochs} epochs${epochs === RAG_W2V.epochs ? " (the page)" : ""}`, wv, init));
}
const r = mulberry32(VECTOR_SEED);
rows.push(measure("random U(−½, ½)", {...vocabulary!, vectors: Float32Array.from(vocabulary!.vectors, () => r() - 0.5)}, null));
console.table(rows);
