import {beforeAll, describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {DEFAULT_CONFIG, initKernel, stepKernel, takeLoss, type TrainConfig} from "../../labs/word2vec/kernel.js";
import {encodeSentences} from "../../labs/word2vec/vocab.js";
import {compileKernel, initWasmKernel} from "../../labs/word2vec/wasm-kernel.js";
import {kernelWasmBytes} from "../../labs/word2vec/wasm-node.js";

let wasm: WebAssembly.Module;
beforeAll(async () => {
  const bytes = await kernelWasmBytes();
  const module = compileKernel(bytes);
  if (!module) throw new Error("This Node lacks WebAssembly SIMD.");
  wasm = module;
});

// A Zipf-like corpus of 600 sentences (about 4,200 tokens): frequent words to subsample, rare ones below
// min-count, sentences of 1 to 13 words; 5 epochs read > 10,000 words, so the learning rate decays too.
function zipfCorpus(seed: number) {
  const r = mulberry32(seed);
  return encodeSentences(Array.from({length: 600}, (_, i) => Array.from({length: 1 + (i % 13)}, () => `w${Math.floor(r() * r() * 60)}`)));
}

describe("WebAssembly kernel against the TypeScript reference", () => {
  for (const model of ["sg", "cbow"] as const)
    for (const dim of [6, 8, 50])
      it(`${model}, D = ${dim}: the same seed gives bit-identical vectors, loss, counts and random state`, () => {
        const corpus = zipfCorpus(dim);
        const config: TrainConfig = {...DEFAULT_CONFIG, model, dim, window: 4, negative: 4, minCount: 2, sample: 1e-2, epochs: 5};
        const ts = initKernel(config, corpus, mulberry32(9));
        const w = initWasmKernel(wasm, config, corpus, mulberry32(9));
        const tsLoss: number[] = [];
        const wLoss: number[] = [];
        while (ts.epoch < config.epochs) {
          // uneven chunks: a step may end mid-epoch, and takeLoss resets between steps
          expect(w.step(777)).toBe(stepKernel(ts, 777));
          tsLoss.push(takeLoss(ts));
          wLoss.push(takeLoss(w.state));
        }
        expect(w.state.epoch).toBe(config.epochs);
        expect(ts.alpha).toBeLessThan(config.alpha * 0.5);
        w.pull();
        expect(wLoss).toEqual(tsLoss);
        expect({done: w.state.wordsDone, pairs: w.state.pairs, alpha: w.state.alpha, rng: w.state.rng.s}).toEqual({done: ts.wordsDone, pairs: ts.pairs, alpha: ts.alpha, rng: ts.rng.s});
        expect(w.state.syn0).toEqual(ts.syn0);
        expect(w.state.syn1neg).toEqual(ts.syn1neg);
      });

  it("without subsampling (sample 0) the two kernels also agree", () => {
    const corpus = zipfCorpus(3);
    const config: TrainConfig = {...DEFAULT_CONFIG, model: "sg", dim: 12, sample: 0, minCount: 1, epochs: 2};
    const ts = initKernel(config, corpus, mulberry32(4));
    const w = initWasmKernel(wasm, config, corpus, mulberry32(4));
    while (ts.epoch < config.epochs) stepKernel(ts, 1e9);
    while (w.state.epoch < config.epochs) w.step(1e9);
    expect(w.vectors()).toEqual(ts.syn0);
  });
});
