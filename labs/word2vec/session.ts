// A training session behind the page's run controller: one engine (kernel or tfjs) on one corpus,
// stepped a fixed number of words at a time, returning plain snapshots (loss curve, learning rate,
// words/s, the vectors, POS purity@10 now and then). Pure apart from the engine; used by the workers.
import {mulberry32} from "../kit/random.js";
import type {Stepper} from "../kit/stepper.js";
import {normalizeRows, type Pca, PCA_WORDS, pcaAxes, posPurity} from "./evaluate.js";
import {initKernel, kernelProgress, type KernelState, stepKernel, takeLoss, totalWords, type TrainConfig} from "./kernel.js";
import type {Corpus} from "./vocab.js";
import {initWasmKernel} from "./wasm-kernel.js";

export interface SessionConfig {
  train: TrainConfig;
  seed: number;
  corpus: Corpus;
  pos: Uint8Array | null; // (V_all) POS class per type, or null (no tags: no purity)
  wordsPerStep: number; // vocabulary words read per controller step
  purityEverySeconds?: number; // default 8 (purity@10 over 2000 words costs ~0.3 s)
  vectorsEveryMs?: number; // default 400: copying V x D floats to the page every step would load its main thread
}

export interface SessionSnapshot {
  engine: string; // "kernel (wasm SIMD)", "kernel (TypeScript)" or "tfjs-<backend>"
  model: string;
  vocabSize: number;
  dim: number;
  epoch: number;
  epochs: number;
  wordsDone: number;
  totalWords: number;
  wordsPerStep: number;
  progress: number;
  alpha: number;
  pairs: number;
  loss: Array<{words: number; loss: number; alpha: number}>;
  rawWordsPerSecond: number; // raw corpus tokens per second of training time
  vectors: Float32Array | null; // (V, D) copy of syn0; null when sent less than vectorsEveryMs ago
  // With the vectors, what the page's explorer needs, computed here so the page's main thread does not:
  unit: Float32Array | null; // (V, D) the rows scaled to unit length (cosine search)
  pca: Pca | null; // principal axes of the PCA_WORDS most frequent words (the map)
  purity: {purity: number; chance: number; atWords: number} | null;
}

/** What an engine must offer a session. */
export interface Engine {
  name(): string;
  state: KernelState; // run counters and settings (the wasm kernel keeps its vectors elsewhere)
  step(words: number): number | Promise<number>;
  vectors(): Float32Array; // (V, D) current input vectors
}

/** The TypeScript kernel (the reference; the page uses it where WebAssembly SIMD is missing). */
export function kernelEngine(config: SessionConfig): Engine {
  const state = initKernel(config.train, config.corpus, mulberry32(config.seed));
  return {name: () => "kernel (TypeScript)", state, step: (words) => stepKernel(state, words), vectors: () => state.syn0};
}

/** The WebAssembly SIMD kernel: same results as kernelEngine, faster. */
export function wasmEngine(config: SessionConfig, module: WebAssembly.Module): Engine {
  const w = initWasmKernel(module, config.train, config.corpus, mulberry32(config.seed));
  return {name: () => "kernel (wasm SIMD)", state: w.state, step: (words) => w.step(words), vectors: () => w.vectors()};
}

/** Wraps an engine as a Stepper whose step(n) trains n x wordsPerStep words. */
export function sessionStepper(config: SessionConfig, makeEngine: (config: SessionConfig) => Engine | Promise<Engine>): Stepper<SessionSnapshot> {
  let engine: Engine;
  let loss: SessionSnapshot["loss"] = [];
  let seconds = 0;
  let purity: SessionSnapshot["purity"] = null;
  let lastPurityTime = -Infinity;
  const everyMs = (config.purityEverySeconds ?? 8) * 1000;
  const vectorsEveryMs = config.vectorsEveryMs ?? 400;
  let lastVectorsTime = -Infinity;
  const rawPerVocabWord = () => config.corpus.ids.length / Math.max(1, engine.state.trainWords);

  const withVectors = (vectors: Float32Array, dim: number) => ({vectors, unit: normalizeRows(vectors, dim), pca: pcaAxes(vectors, dim, Math.min(PCA_WORDS, vectors.length / dim))});

  const snapshot = (evaluate: boolean): SessionSnapshot => {
    const s = engine.state;
    const now = performance.now();
    const done = kernelProgress(s) >= 1;
    if (evaluate && config.pos && (done || now - lastPurityTime > everyMs)) {
      const n = Math.min(2000, s.vocabSize);
      if (n > 10) {
        const p = posPurity(engine.vectors(), s.config.dim, config.pos, n, 10);
        purity = {...p, atWords: s.wordsDone};
      }
      lastPurityTime = performance.now();
    }
    return {
      engine: engine.name(),
      model: s.config.model,
      vocabSize: s.vocabSize,
      dim: s.config.dim,
      epoch: Math.min(s.epoch, s.config.epochs - 1) + 1,
      epochs: s.config.epochs,
      wordsDone: s.wordsDone,
      totalWords: totalWords(s),
      wordsPerStep: config.wordsPerStep,
      progress: kernelProgress(s),
      alpha: s.alpha,
      pairs: s.pairs,
      loss: loss.slice(),
      rawWordsPerSecond: seconds > 0 ? (s.wordsDone * rawPerVocabWord()) / seconds : NaN,
      ...(!evaluate || done || now - lastVectorsTime >= vectorsEveryMs ? ((lastVectorsTime = now), withVectors(engine.vectors().slice(), s.config.dim)) : {vectors: null, unit: null, pca: null}),
      purity
    };
  };

  return {
    async reset() {
      engine = await makeEngine(config);
      loss = [];
      seconds = 0;
      purity = null;
      lastPurityTime = performance.now(); // the first purity comes a few seconds into training
      return snapshot(false);
    },
    async step(n: number) {
      const t0 = performance.now();
      await engine.step(n * config.wordsPerStep);
      seconds += (performance.now() - t0) / 1000;
      const l = takeLoss(engine.state);
      if (Number.isFinite(l)) loss.push({words: engine.state.wordsDone, loss: l, alpha: engine.state.alpha});
      return snapshot(true);
    },
    progress: (s) => s.progress,
    stepsDone
  };
}

/**
 * Controller steps done when a snapshot was taken: one step is wordsPerStep words read. A step reads
 * whole sentences, so it ends a few words past its share; floor ignores that overshoot while the run
 * goes (it stays under one step over a whole run), and the last, shorter step counts as one.
 */
export function stepsDone(s: Pick<SessionSnapshot, "wordsDone" | "wordsPerStep" | "progress">): number {
  const steps = s.wordsDone / s.wordsPerStep;
  return s.progress >= 1 ? Math.ceil(steps) : Math.floor(steps);
}
