// The tiny GPT's hidden states: finalHidden · wteᵀ reproduces TinyGPT.logits, pooling shapes and values
// follow their definitions, and recall/MRR by pooling on a hand-checkable case.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {finalHidden, poolHidden} from "../../labs/rag/gpt-hidden.js";
import {poolingRecall} from "../../labs/rag/gpt-pooling.js";
import {type GPTConfig, TinyGPT, initWeights, mm} from "../../labs/sft/gpt.js";

const config: GPTConfig = {vocabSize: 13, contextLength: 8, dModel: 8, nHeads: 2, nLayers: 2};
beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

describe("finalHidden", () => {
  it("finalHidden(model, batch) · wteᵀ equals model.logits(batch) within 1e-5 and frees its tensors", () => {
    const model = new TinyGPT(config, initWeights(config, 7, 0.3));
    const B = 2, T = 6;
    const ids = Int32Array.from({length: B * T}, (_, i) => (i * 5 + 3) % 13);
    const batch = {ids, targets: new Int32Array(B * T), batch: B, length: T};
    const before = tf.memory().numTensors;
    const [fromHidden, logits] = tf.tidy(() => {
      const h = finalHidden(model, batch);
      const head = mm(h.reshape([B * T, config.dModel]), tf.transpose(model.params.get("wte")!));
      return [head.dataSync() as Float32Array, model.logits(batch).dataSync() as Float32Array];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(fromHidden.length).toBe(B * T * 13);
    let worst = 0;
    for (let i = 0; i < logits.length; i++) worst = Math.max(worst, Math.abs(fromHidden[i] - logits[i]));
    expect(worst).toBeLessThan(1e-5);
    model.dispose();
  });
});

describe("poolHidden", () => {
  it("poolHidden(model, seqs) gives [n, d] mean and last vectors equal to the states they pool", () => {
    const model = new TinyGPT(config, initWeights(config, 3, 0.3));
    const short = Int32Array.from([1, 2, 3]);
    const long = Int32Array.from({length: 11}, (_, i) => (i * 7 + 1) % 13); // two windows of T = 8
    const before = tf.memory().numTensors;
    const {mean, last} = poolHidden(model, [short, long], 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(mean.length).toBe(2 * 8);
    expect(last.length).toBe(2 * 8);
    const states = (ids: Int32Array) => tf.tidy(() => finalHidden(model, {ids, targets: new Int32Array(ids.length), batch: 1, length: ids.length}).dataSync() as Float32Array);
    // short: mean of its 3 positions, last = position 2
    const s = states(short);
    for (let j = 0; j < 8; j++) {
      expect(mean[j]).toBeCloseTo((s[j] + s[8 + j] + s[16 + j]) / 3, 5);
      expect(last[j]).toBeCloseTo(s[16 + j], 5);
    }
    // long: mean over windows [0, 8) and [8, 11); last = last position of the window holding tokens 3..10
    const w1 = states(long.subarray(0, 8)), w2 = states(long.subarray(8)), tail = states(long.subarray(3));
    for (let j = 0; j < 8; j++) {
      let sum = 0;
      for (let t = 0; t < 8; t++) sum += w1[t * 8 + j];
      for (let t = 0; t < 3; t++) sum += w2[t * 8 + j];
      expect(mean[8 + j]).toBeCloseTo(sum / 11, 5);
      expect(last[8 + j]).toBeCloseTo(tail[7 * 8 + j], 5);
    }
    expect(() => poolHidden(model, [new Int32Array(0)])).toThrow(InputError);
    model.dispose();
  });
});

describe("poolingRecall", () => {
  it("poolingRecall(chunks, d, vectors, questions): recall@k and MRR on a hand-checked case", () => {
    // three chunks along x, y, and the diagonal; d = 2
    const chunks = [{docId: "a", start: 0, end: 10}, {docId: "a", start: 10, end: 20}, {docId: "b", start: 0, end: 10}];
    const base = Float32Array.from([1, 0, 0, 1, 1, 1]);
    // mean queries: q0 = q1 = q2 = (1, 0.1) → cosines 0.995, 0.0995, 0.778: chunk0, chunk2, chunk1
    // last queries: (0, 1) → cosines 0, 1, 0.707: chunk1, chunk2, chunk0
    const questions = [
      {question: "q0", type: "single" as const, targets: [{docId: "a", start: 2, end: 5}]}, // in chunk0
      {question: "q1", type: "multi" as const, targets: [{docId: "a", start: 12, end: 15}, {docId: "b", start: 1, end: 3}]}, // chunk1 and chunk2
      {question: "q2", type: "unanswerable" as const, targets: []}
    ];
    const rows = poolingRecall(chunks, 2, {mean: {chunks: base, queries: Float32Array.from([1, 0.1, 1, 0.1, 1, 0.1])}, last: {chunks: base, queries: Float32Array.from([0, 1, 0, 1, 0, 1])}}, questions);
    const row = (p: string, t: string) => rows.find((r) => r.pooling === p && r.type === t)!;
    expect(rows.length).toBe(4); // unanswerable skipped
    // mean, q0: chunk0 at rank 1
    expect(row("mean", "single").recall).toEqual([1, 1, 1]);
    expect(row("mean", "single").mrr).toBe(1);
    // mean, q1: ranks chunk0, chunk2, chunk1 → @1 0, @5 1 (both targets in top 3); first hit at rank 2
    expect(row("mean", "multi").recall).toEqual([0, 1, 1]);
    expect(row("mean", "multi").mrr).toBe(0.5);
    // last, q0: chunk1, chunk2, chunk0 → chunk0 at rank 3
    expect(row("last", "single").recall).toEqual([0, 1, 1]);
    expect(row("last", "single").mrr).toBeCloseTo(1 / 3, 12);
    // last, q1: chunk1 first (target 1), chunk2 second (target 2) → @1 0.5
    expect(row("last", "multi").recall).toEqual([0.5, 1, 1]);
    expect(row("last", "multi").mrr).toBe(1);
  });
});
