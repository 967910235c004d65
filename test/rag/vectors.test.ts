// The RAG lab's word vectors against gensim 4.2 trained on the same sentences (data/rag/fixtures/w2v-gensim.json,
// from scripts/rag-w2v-gensim.py): the early-epoch collapse (nearly parallel vectors) is word2vec's own
// behaviour on this 200,000-word corpus, and the settings the page uses train past it.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {VECTOR_SEED} from "../../labs/rag/data-files.js";
import {corpusSentences, RAG_W2V, trainWordVectors, type WordVectors} from "../../labs/rag/embed.js";

interface GensimRun {epochs: number; meanCos: number; neighbours: Record<string, string[]>}
const fx = JSON.parse(readFileSync(new URL("../../data/rag/fixtures/w2v-gensim.json", import.meta.url), "utf8")) as {
  config: Record<string, number | string>; tokens: number; top: number; runs: GensimRun[];
};
const docs = readSotu();

/** Mean cosine over ordered pairs i ≠ j of the first n rows (brute force, float64). */
function meanPairCosine(wv: WordVectors, n: number): number {
  const D = wv.dim;
  const norms = Array.from({length: n}, (_, i) => Math.hypot(...wv.vectors.subarray(i * D, (i + 1) * D)));
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let p = 0;
    for (let d = 0; d < D; d++) p += wv.vectors[i * D + d] * wv.vectors[j * D + d];
    sum += p / (norms[i] * norms[j]);
  }
  return (2 * sum) / (n * (n - 1));
}

describe("RAG word vectors vs gensim", () => {
  it("the fixture was made with RAG_W2V's settings (bar epochs) on the same tokens", () => {
    const {model, dim, window, negative, sample, minCount, alpha} = RAG_W2V;
    expect(fx.config).toEqual({model, dim, window, negative, sample, minCount, alpha});
    expect(fx.tokens).toBe(corpusSentences(docs).reduce((s, x) => s + x.length, 0));
  });

  it("trainWordVectors(SOTU, 1 and 3 epochs): the 2,000 most frequent words are as parallel as gensim's (mean cosine within 0.02)", () => {
    for (const epochs of [1, 3]) {
      const wv = trainWordVectors(docs, VECTOR_SEED, {...RAG_W2V, epochs});
      const ref = fx.runs.find((r) => r.epochs === epochs)!;
      expect(Math.abs(meanPairCosine(wv, fx.top) - ref.meanCos)).toBeLessThan(0.02);
    }
  });

  it("RAG_W2V.epochs trains past the collapse: gensim with the same settings leaves the frequent words' mean cosine below 0.1", () => {
    const ref = fx.runs.find((r) => r.epochs === RAG_W2V.epochs);
    expect(ref, `no gensim run for ${RAG_W2V.epochs} epochs: rerun scripts/rag-w2v-gensim.py with it`).toBeDefined();
    expect(ref!.meanCos).toBeLessThan(0.1);
  });
});
