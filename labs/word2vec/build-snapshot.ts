// Node only (the build's data loaders): trains the space the page shows before the reader trains,
// with the page's own kernel (WebAssembly SIMD; the same vectors as the TypeScript reference) on the
// full Brown corpus. Two loaders write it: word2vec-first.json (the page's first state) and
// word2vec-snapshot.json (the flat file other notebooks reuse, e.g. the ANN measurement's word vectors).
import {floatsToBase64} from "../kit/base64.js";
import {mulberry32} from "../kit/random.js";
import {brownCorpus} from "./brown-files.js";
import {POS_CLASSES} from "./corpus.js";
import {posPurity} from "./evaluate.js";
import {DEFAULT_CONFIG, takeLoss, type TrainConfig} from "./kernel.js";
import {compileKernel, initWasmKernel} from "./wasm-kernel.js";
import {kernelWasmBytes} from "./wasm-node.js";

// CBOW (the references' default model) with word2vec.c's CBOW learning rate 0.05: in 2 epochs it reaches a POS
// purity of about 0.58, where gensim's 0.025 gives about 0.51; full 5-epoch runs are left to the reader.
export const SNAPSHOT_CONFIG: TrainConfig = {...DEFAULT_CONFIG, model: "cbow", epochs: 2, alpha: 0.05};
export const SNAPSHOT_SEED = 42;

export interface BuildSnapshot {
  model: string;
  config: TrainConfig;
  seed: number;
  corpus: "brown";
  trainSeconds: number;
  vocabSize: number; // V
  dim: number; // D
  words: string[]; // (V) frequency order
  pos: number[]; // (V) class index into classes
  classes: readonly string[];
  vectors: string; // base64 of V*D little-endian float32, row i = words[i] (labs/kit/base64.ts)
  loss: Array<{words: number; loss: number; alpha: number}>; // mean NEG loss per positive update
  purity: {purity: number; chance: number}; // POS neighbour purity@10 over the 2000 most frequent words
}

export async function trainBuildSnapshot(): Promise<BuildSnapshot> {
  const {corpus, pos} = brownCorpus();
  const module = compileKernel(await kernelWasmBytes());
  if (!module) throw new Error("This Node lacks WebAssembly SIMD.");
  const w = initWasmKernel(module, SNAPSHOT_CONFIG, corpus, mulberry32(SNAPSHOT_SEED));
  const s = w.state;
  const loss: BuildSnapshot["loss"] = [];
  const t0 = performance.now();
  while (s.epoch < SNAPSHOT_CONFIG.epochs) {
    w.step(50_000);
    const l = takeLoss(s);
    if (Number.isFinite(l)) loss.push({words: s.wordsDone, loss: Math.round(l * 1e4) / 1e4, alpha: s.alpha});
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  const V = s.vocabSize;
  const D = SNAPSHOT_CONFIG.dim;
  const vectors = w.vectors();
  return {
    model: SNAPSHOT_CONFIG.model,
    config: SNAPSHOT_CONFIG,
    seed: SNAPSHOT_SEED,
    corpus: "brown",
    trainSeconds: Math.round(trainSeconds * 100) / 100,
    vocabSize: V,
    dim: D,
    words: corpus.words.slice(0, V),
    pos: Array.from(pos.subarray(0, V)),
    classes: POS_CLASSES,
    vectors: floatsToBase64(vectors),
    loss,
    purity: posPurity(vectors, D, pos, Math.min(2000, V), 10)
  };
}
