// Dense retrieval with the SFT notebook's tiny GPT as the encoder: trained here on the corpus's chunks
// (next-token loss, GPT-2 BPE ids compacted to those present), then every chunk and question embedded by
// the mean of its final hidden states or by its last token's, searched exactly by cosine. Measures
// pooling; it is not a trained sentence encoder. Needs a tfjs backend set by the caller.
import {mulberry32, stream} from "../kit/random.js";
import {AdamW, NANOGPT_ADAMW, disposeGrads, lossAndGrads} from "../sft/adamw.js";
import {type GPTConfig, TinyGPT, initWeights, parameterCount} from "../sft/gpt.js";
import {encode} from "../sft/tokenizer.js";
import {exactKnn} from "../vector-search/knn.js";
import type {Chunk} from "./chunk.js";
import {GPT_POOLINGS, type GptPooling, poolHidden} from "./gpt-hidden.js";
import {type SpanRef, recallAt, reciprocalRank} from "./metrics.js";
import type {QuestionType} from "./questions.js";

export interface GptPoolingConfig {
  seed: number;
  dModel: number; // d
  nHeads: number; // H
  nLayers: number; // L
  context: number; // T
  batch: number; // B windows per step
  steps: number; // AdamW steps
  lr: number;
}

/** Mean recall@1/5/10 and MRR of one pooling on one question type (answerable questions only). */
export interface PoolingRow {
  pooling: GptPooling;
  type: QuestionType;
  n: number;
  recall: number[]; // [@1, @5, @10]
  mrr: number;
}

export interface EvalQuestion {
  question: string;
  type: QuestionType;
  targets: SpanRef[];
}

/**
 * recall@1/5/10 and MRR per (pooling, type) of exact cosine search: chunk vectors [n, d], query vectors
 * [nq, d] (per pooling). Questions without targets (unanswerable) are skipped.
 */
export function poolingRecall(chunks: readonly SpanRef[], d: number, vectors: Record<GptPooling, {chunks: Float32Array; queries: Float32Array}>, questions: readonly EvalQuestion[]): PoolingRow[] {
  const rows: PoolingRow[] = [];
  for (const pooling of GPT_POOLINGS) {
    const {chunks: base, queries} = vectors[pooling];
    const k = Math.min(10, chunks.length);
    const found = exactKnn(base, chunks.length, d, queries, questions.length, k, "cosine");
    const byType = new Map<QuestionType, PoolingRow>();
    questions.forEach((q, i) => {
      if (q.targets.length === 0) return;
      const ranked = Array.from(found.ids.subarray(i * k, (i + 1) * k)).filter((id) => id >= 0).map((id) => chunks[id]);
      const row = byType.get(q.type) ?? {pooling, type: q.type, n: 0, recall: [0, 0, 0], mrr: 0};
      row.n++;
      [1, 5, 10].forEach((kk, j) => (row.recall[j] += recallAt(ranked, q.targets, kk)));
      row.mrr += reciprocalRank(ranked, q.targets);
      byType.set(q.type, row);
    });
    for (const row of byType.values()) rows.push({...row, recall: row.recall.map((r) => r / row.n), mrr: row.mrr / row.n});
  }
  return rows;
}

const seedFrom = (seed: number, name: string) => Math.floor(stream(seed, name)() * 2 ** 32);

/**
 * Trains the tiny GPT on the chunks' text (random windows of T + 1 tokens from the chunks joined by "\n"),
 * embeds chunks and questions by both poolings and measures retrieval. Frees every tensor it makes.
 */
export function gptPoolingStudy(chunks: readonly Chunk[], questions: readonly EvalQuestion[], c: GptPoolingConfig) {
  const t0 = performance.now();
  const T = c.context;
  const chunkIds = chunks.map((ch) => encode(ch.text));
  const queryIds = questions.map((q) => encode(q.question));
  const stream0 = chunkIds.flatMap((ids) => [...ids, 198]); // training text: chunks separated by "\n"
  const present = [...new Set([...stream0, ...queryIds.flat()])].sort((a, b) => a - b);
  const index = new Map(present.map((id, i) => [id, i]));
  const compact = (ids: number[]) => Int32Array.from(ids, (id) => index.get(id)!);
  const trainIds = compact(stream0);
  const config: GPTConfig = {vocabSize: present.length, contextLength: T, dModel: c.dModel, nHeads: c.nHeads, nLayers: c.nLayers};
  const model = new TinyGPT(config, initWeights(config, seedFrom(c.seed, "init")));
  const opt = new AdamW(model.params, {...NANOGPT_ADAMW, lr: c.lr});
  const data = mulberry32(seedFrom(c.seed, "data"));
  let firstLoss = NaN, lastLoss = NaN;
  try {
    for (let step = 0; step < c.steps; step++) {
      const ids = new Int32Array(c.batch * T), targets = new Int32Array(c.batch * T);
      for (let b = 0; b < c.batch; b++) {
        const start = Math.floor(data() * (trainIds.length - T));
        ids.set(trainIds.subarray(start, start + T), b * T);
        targets.set(trainIds.subarray(start + 1, start + T + 1), b * T);
      }
      const {loss, grads} = lossAndGrads(model.params, () => model.loss({ids, targets, batch: c.batch, length: T}));
      opt.apply(grads);
      disposeGrads(grads);
      if (step === 0) firstLoss = loss;
      lastLoss = loss;
    }
    const trainSeconds = (performance.now() - t0) / 1000;
    const chunkVec = poolHidden(model, chunkIds.map((ids) => compact(ids.length ? ids : [198])));
    const queryVec = poolHidden(model, queryIds.map((ids) => compact(ids.length ? ids : [198])));
    const rows = poolingRecall(chunks, c.dModel, {
      mean: {chunks: chunkVec.mean, queries: queryVec.mean},
      last: {chunks: chunkVec.last, queries: queryVec.last}
    }, questions);
    return {
      vocabSize: present.length, parameters: parameterCount(config), trainTokens: trainIds.length,
      tokensSeen: c.steps * c.batch * T, chunks: chunks.length, questions: questions.length,
      firstLoss, lastLoss, trainSeconds, seconds: (performance.now() - t0) / 1000, rows
    };
  } finally {
    opt.dispose();
    model.dispose();
  }
}
