// Runs the WebAssembly SIMD kernel (kernel.wat) on a KernelState from initKernel: copies tables, corpus
// and initial vectors into linear memory (rows padded to four floats), then trains chunks of sentences in
// wasm, bit-identical to stepKernel. No threads. The caller supplies the module (wasm-node.ts in Node, the
// page's data file in the browser) and falls back to kernel.ts when compileKernel finds no SIMD.
import {EXP_TABLE, EXP_TABLE_SIZE, initKernel, type KernelState, LOSS_NEG, LOSS_POS, MAX_EXP, MIN_ALPHA, sigmoid, softplus, type TrainConfig} from "./kernel.js";
import type {Corpus} from "./vocab.js";

interface Exports {
  memory: WebAssembly.Memory;
  step(words: number): number;
  update(inp: number, word: number, alpha: number): number;
  [global: string]: unknown;
}

export interface WasmKernel {
  state: KernelState; // scalars current after every step; syn0 / syn1neg only after vectors() / pull()
  step(words: number): number; // stepKernel on the wasm side: mutates the vectors in wasm memory and the state's counters
  vectors(): Float32Array; // (V, D) current input vectors, copied into state.syn0
  pull(): void; // copies both vector tables into state.syn0 and state.syn1neg
  push(): void; // copies state.syn0 and state.syn1neg into wasm memory (tests set vectors by hand)
  /** One negativeUpdate of `input` (D) against `word` and fixed negatives; returns the loss and neu1e (D). */
  negativeUpdate(input: Float32Array, word: number, alpha: number, negatives: Int32Array): {loss: number; neu1e: Float32Array};
}

/** Compiles the kernel's bytes, or returns null when this engine lacks WebAssembly SIMD. */
export function compileKernel(bytes: BufferSource): WebAssembly.Module | null {
  if (typeof WebAssembly !== "object" || !WebAssembly.validate(bytes)) return null;
  return new WebAssembly.Module(bytes);
}

/** initKernel, then the same run in wasm memory. */
export function initWasmKernel(module: WebAssembly.Module, config: TrainConfig, corpus: Corpus, random: () => number): WasmKernel {
  const s = initKernel(config, corpus, random);
  const instance = new WebAssembly.Instance(module, {math: {softplus, sigmoid}});
  const x = instance.exports as unknown as Exports;
  const g = (name: string) => x[name] as WebAssembly.Global;
  const V = s.vocabSize;
  const D = config.dim;
  const Dp = 4 * Math.ceil(D / 4);
  const N = corpus.ids.length;
  const S = corpus.offsets.length - 1;
  const noiseN = s.noise.prob.length;

  // Byte layout, each block 16-byte aligned.
  let top = 16; // offset 0 is the "no fixed negatives" pointer
  const alloc = (bytes: number) => {
    const at = top;
    top += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const at = {
    syn0: alloc(V * Dp * 4),
    syn1: alloc(V * Dp * 4),
    neu1: alloc(Dp * 4),
    neu1e: alloc(Dp * 4),
    expTable: alloc(EXP_TABLE_SIZE * 4),
    lossPos: alloc(EXP_TABLE_SIZE * 4),
    lossNeg: alloc(EXP_TABLE_SIZE * 4),
    keep: alloc(V * 4),
    aliasProb: alloc(noiseN * 8),
    aliasIdx: alloc(noiseN * 4),
    fixedNeg: alloc(config.negative * 4),
    ids: alloc(N * 4),
    offsets: alloc((S + 1) * 4),
    sen: alloc(s.sen.length * 4)
  };
  const pages = Math.ceil(top / 65536) - x.memory.buffer.byteLength / 65536;
  if (pages > 0) x.memory.grow(pages);
  const buf = x.memory.buffer;
  new Float32Array(buf, at.expTable, EXP_TABLE_SIZE).set(EXP_TABLE);
  new Float32Array(buf, at.lossPos, EXP_TABLE_SIZE).set(LOSS_POS);
  new Float32Array(buf, at.lossNeg, EXP_TABLE_SIZE).set(LOSS_NEG);
  new Float32Array(buf, at.keep, V).set(s.keep);
  new Float64Array(buf, at.aliasProb, noiseN).set(s.noise.prob);
  new Int32Array(buf, at.aliasIdx, noiseN).set(s.noise.alias);
  new Int32Array(buf, at.ids, N).set(corpus.ids);
  new Int32Array(buf, at.offsets, S + 1).set(corpus.offsets);
  for (const [name, offset] of Object.entries(at)) if (name !== "fixedNeg") g(name).value = offset;
  const settings: Record<string, number> = {
    V,
    rowBytes: Dp * 4,
    window: config.window,
    negative: config.negative,
    subsample: config.sample > 0 ? 1 : 0,
    cbow: config.model === "cbow" ? 1 : 0,
    epochs: config.epochs,
    S,
    total: config.epochs * s.trainWords,
    alpha0: config.alpha,
    minAlpha: MIN_ALPHA,
    expScale: EXP_TABLE_SIZE / (2 * MAX_EXP),
    noiseN
  };
  for (const [name, value] of Object.entries(settings)) g(name).value = value;

  const rows = (offset: number) => new Float32Array(x.memory.buffer, offset, V * Dp);
  const copyOut = (offset: number, dst: Float32Array) => {
    const src = rows(offset);
    if (Dp === D) dst.set(src);
    else for (let i = 0; i < V; i++) dst.set(src.subarray(i * Dp, i * Dp + D), i * D);
  };
  const copyIn = (src: Float32Array, offset: number) => {
    const dst = rows(offset);
    if (Dp === D) dst.set(src);
    else for (let i = 0; i < V; i++) dst.set(src.subarray(i * D, (i + 1) * D), i * Dp);
  };
  const RUN = ["epoch", "sentence", "wordsDone", "alphaWords", "alpha", "pairs", "lossSum", "lossCount"] as const;
  const pushRun = () => {
    g("rng").value = s.rng.s | 0;
    g("exact").value = s.exactSigmoid ? 1 : 0;
    for (const k of RUN) g(k).value = s[k];
  };
  const pullRun = () => {
    s.rng.s = g("rng").value as number;
    for (const k of RUN) s[k] = g(k).value as number;
  };
  const kernel: WasmKernel = {
    state: s,
    step(words) {
      pushRun();
      const done = x.step(words);
      pullRun();
      return done;
    },
    vectors() {
      copyOut(at.syn0, s.syn0);
      return s.syn0;
    },
    pull() {
      copyOut(at.syn0, s.syn0);
      copyOut(at.syn1, s.syn1neg);
    },
    push() {
      copyIn(s.syn0, at.syn0);
      copyIn(s.syn1neg, at.syn1);
    },
    negativeUpdate(input, word, alpha, negatives) {
      if (negatives.length !== config.negative) throw new Error(`negativeUpdate needs ${config.negative} negatives, got ${negatives.length}.`);
      const m = x.memory.buffer;
      new Float32Array(m, at.neu1, Dp).fill(0).set(input.subarray(0, D));
      new Float32Array(m, at.neu1e, Dp).fill(0);
      new Int32Array(m, at.fixedNeg, negatives.length).set(negatives);
      pushRun();
      g("fixedNeg").value = at.fixedNeg;
      const loss = x.update(at.neu1, word, alpha);
      g("fixedNeg").value = 0;
      pullRun();
      return {loss, neu1e: new Float32Array(m, at.neu1e, D).slice()};
    }
  };
  kernel.push();
  return kernel;
}
