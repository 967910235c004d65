import {beforeAll, describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {DEFAULT_CONFIG, initKernel, kernelProgress, learningRate, MIN_ALPHA, stepKernel, takeLoss, totalWords, trainKernel, type TrainConfig, word2vecCLearningRate} from "../../labs/word2vec/kernel.js";
import {nearest, normalizeRows} from "../../labs/word2vec/evaluate.js";
import {initTf, stepTf} from "../../labs/word2vec/tfjs-engine.js";
import {type Corpus, encodeSentences} from "../../labs/word2vec/vocab.js";
import {compileKernel, initWasmKernel} from "../../labs/word2vec/wasm-kernel.js";
import {kernelWasmBytes} from "../../labs/word2vec/wasm-node.js";

let wasm: WebAssembly.Module;
beforeAll(async () => {
  wasm = compileKernel(await kernelWasmBytes())!;
});

// Planted structure: group A (a0..a9) and group B (b0..b9); a sentence draws all its words from one group,
// so words share contexts within a group and never across.
function plantedCorpus(sentences: number, seed: number): Corpus {
  const random = mulberry32(seed);
  const out: string[][] = [];
  for (let i = 0; i < sentences; i++) {
    const g = i % 2 === 0 ? "a" : "b";
    out.push(Array.from({length: 8}, () => `${g}${Math.floor(random() * 10)}`));
  }
  return encodeSentences(out);
}

function groupsSeparated(words: string[], syn0: Float32Array, dim: number, k: number): number {
  const unit = normalizeRows(syn0, dim);
  let wrong = 0;
  for (let i = 0; i < words.length; i++) for (const {index} of nearest(unit, dim, i, k)) if (words[index][0] !== words[i][0]) wrong++;
  return wrong;
}

const small: TrainConfig = {...DEFAULT_CONFIG, dim: 10, window: 3, negative: 3, sample: 0, minCount: 1, epochs: 5, alpha: 0.025};

describe("training", () => {
  it("learningRate(alpha0, done, total) decays linearly from alpha0 to gensim's min_alpha 1e-4", () => {
    expect(learningRate(0.025, 0, 999)).toBe(0.025);
    expect(learningRate(0.025, 500, 999)).toBeCloseTo(0.025 - 0.0249 * 0.5, 12);
    expect(learningRate(0.025, 1000, 999)).toBeCloseTo(1e-4, 12);
    expect(learningRate(0.025, 5000, 999)).toBe(1e-4);
  });

  it("learningRate follows gensim's form (floor min_alpha = 1e-4), not word2vec.c's (floor 1e-4 * alpha0)", () => {
    // gensim/models/word2vec.py _get_next_alpha: max(min_alpha, alpha - (alpha - min_alpha) * progress).
    const gensim = (a0: number, p: number) => Math.max(1e-4, a0 - (a0 - 1e-4) * p);
    // word2vec.c L397-398: alpha = starting_alpha * (1 - p); if (alpha < starting_alpha * 0.0001) alpha = starting_alpha * 0.0001.
    const c = (a0: number, p: number) => Math.max(a0 * 0.0001, a0 * (1 - p));
    const total = 1_000_000;
    for (const p of [0, 0.25, 0.9, 0.999, 1]) {
      const done = p * (total + 1);
      expect(learningRate(0.025, done, total)).toBeCloseTo(gensim(0.025, p), 12);
      expect(word2vecCLearningRate(0.025, done, total)).toBeCloseTo(c(0.025, p), 12);
    }
    // Late in training the two differ: gensim's rate ends at 1e-4, word2vec.c's at 2.5e-6 (for alpha0 = 0.025).
    expect(learningRate(0.025, total, total)).toBeGreaterThan(word2vecCLearningRate(0.025, total, total) * 30);
    expect(word2vecCLearningRate(0.025, total, total)).toBeCloseTo(2.5e-6, 12);
  });

  it("stepKernel sets alpha from learningRate every 10,000 words (the kernel uses gensim's form)", () => {
    const corpus = plantedCorpus(1500, 3); // 12,000 words per epoch
    const s = initKernel({...small, epochs: 3}, corpus, mulberry32(1));
    const seen: number[] = [];
    while (s.epoch < 3) {
      stepKernel(s, 5000);
      expect(s.alpha).toBeCloseTo(Math.max(MIN_ALPHA, 0.025 - (0.025 - MIN_ALPHA) * (s.alphaWords / (totalWords(s) + 1))), 12);
      seen.push(s.alpha);
    }
    expect(seen.at(-1)!).toBeLessThan(0.025 * 0.3);
    expect(seen.every((a, i) => i === 0 || a <= seen[i - 1])).toBe(true);
  });

  for (const model of ["sg", "cbow"] as const) {
    it(`trainKernel (${model}) puts each word's 5 nearest neighbours in its own planted group`, () => {
      const corpus = plantedCorpus(400, 1);
      const s = trainKernel({...small, model}, corpus, mulberry32(42));
      expect(groupsSeparated(corpus.words, s.syn0, small.dim, 5)).toBe(0);
    });

    it(`the wasm kernel (${model}) puts each word's 5 nearest neighbours in its own planted group`, () => {
      const corpus = plantedCorpus(400, 1);
      const w = initWasmKernel(wasm, {...small, model}, corpus, mulberry32(42));
      while (w.state.epoch < small.epochs) w.step(1e9);
      expect(groupsSeparated(corpus.words, w.vectors(), small.dim, 5)).toBe(0);
    });

    it(`stepTf (${model}, tfjs autodiff) puts each word's 5 nearest neighbours in its own planted group`, async () => {
      const corpus = plantedCorpus(400, 1);
      // Small batches: with 20 words a large batch sums many stale steps on the same rows.
      const s = initTf({...small, model}, corpus, mulberry32(42), {batchSize: model === "sg" ? 128 : 256});
      while (s.kernel.epoch < s.kernel.config.epochs) await stepTf(s, 1e9);
      expect(groupsSeparated(corpus.words, s.kernel.syn0, small.dim, 5)).toBe(0);
    });
  }

  it("trainKernel(config, corpus, mulberry32(seed)): same seed gives the same vectors, another seed others", () => {
    const corpus = plantedCorpus(100, 2);
    const a = trainKernel({...small, sample: 1e-2}, corpus, mulberry32(7));
    const b = trainKernel({...small, sample: 1e-2}, corpus, mulberry32(7));
    const c = trainKernel({...small, sample: 1e-2}, corpus, mulberry32(8));
    expect(Array.from(a.syn0)).toEqual(Array.from(b.syn0));
    expect(Array.from(a.syn1neg)).toEqual(Array.from(b.syn1neg));
    expect(Array.from(a.syn0)).not.toEqual(Array.from(c.syn0));
  });

  it("stepKernel(state, n) starts near (1 + k) ln 2, reaches progress 1 after epochs x T words, and the loss falls", () => {
    const corpus = plantedCorpus(400, 3);
    const s = initKernel({...small, model: "sg"}, corpus, mulberry32(1));
    stepKernel(s, 100);
    const first = takeLoss(s);
    // Output vectors start at zero, so every term is ln 2; negatives equal to the positive (1 in 20) are skipped.
    expect(Math.abs(first - 4 * Math.LN2)).toBeLessThan(0.25);
    let last = NaN;
    while (kernelProgress(s) < 1) {
      stepKernel(s, 800);
      last = takeLoss(s);
    }
    expect(s.wordsDone).toBe(5 * 3200);
    expect(s.epoch).toBe(5);
    expect(last).toBeLessThan(first - 0.3);
  });
});
