// A training session behind the page's run controller: one engine (kernel or tfjs) on one corpus,
// stepped a fixed number of words at a time, returning plain snapshots (loss curve, learning rate,
// words/s, the vectors, POS purity@10 now and then). Pure apart from the engine; used by the workers.
import {mulberry32} from "../kit/random.js";
import type {Stepper} from "../kit/stepper.js";
import {normalizeRows, type Pca, PCA_WORDS, pcaAxes, posPurity} from "./evaluate.js";
import {initKernel, kernelProgress, type KernelState, stepKernel, takeLoss, totalWords, type TrainConfig} from "./kernel.js";
import {base64ToFloats} from "../kit/base64.js";
import type {BuildSnapshot} from "./build-snapshot.js";
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
  /** Set on the space trained at build time (spaceFromBuild), which no worker produced. */
  fromBuild?: true;
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

/** A snapshot whose vectors (with unit rows and PCA) are the latest the run sent, taken after `vectorsAtWords` words. */
export type SpaceSnapshot = SessionSnapshot & {vectors: Float32Array; unit: Float32Array | null; vectorsAtWords: number};

/**
 * Wraps a session's stepper (typically a worker's) so every snapshot carries the latest vectors: the
 * session sends them at most every vectorsEveryMs, and the snapshots in between reuse the last ones
 * (the same arrays, no copy), so a page that follows the run at any pace always has a space to show.
 * Returns new snapshot objects; never mutates the ones it receives. Keeps the wrapped stepper's other
 * properties (e.g. a worker stepper's offMainThread flag and dispose).
 */
export function withLatestVectors<T extends Stepper<SessionSnapshot>>(stepper: T): Omit<T, keyof Stepper<SessionSnapshot>> & Stepper<SpaceSnapshot> {
  let last: Pick<SpaceSnapshot, "vectors" | "unit" | "pca" | "vectorsAtWords"> | null = null;
  const fill = (s: SessionSnapshot): SpaceSnapshot => {
    if (s.vectors) last = {vectors: s.vectors, unit: s.unit, pca: s.pca, vectorsAtWords: s.wordsDone};
    if (!last) throw new Error("The session's first snapshot carries no vectors.");
    return {...s, ...last};
  };
  return {
    ...stepper,
    reset: async () => {
      last = null;
      return fill(await stepper.reset());
    },
    step: async (n: number) => fill(await stepper.step(n))
  } as unknown as Omit<T, keyof Stepper<SessionSnapshot>> & Stepper<SpaceSnapshot>;
}

/** The space trained at build time (docs/data/word2vec-first.json) as a run snapshot: 0 words read here, its vectors decoded. */
export function spaceFromBuild(b: BuildSnapshot): SpaceSnapshot {
  return {
    engine: "build snapshot", model: b.model, vocabSize: b.vocabSize, dim: b.dim, epoch: b.config.epochs, epochs: b.config.epochs,
    wordsDone: 0, totalWords: 0, wordsPerStep: 50_000, progress: 0, alpha: b.config.alpha, pairs: 0, loss: b.loss,
    rawWordsPerSecond: NaN, vectors: base64ToFloats(b.vectors), unit: null, pca: null, vectorsAtWords: 0,
    purity: {...b.purity, atWords: NaN}, fromBuild: true
  };
}
