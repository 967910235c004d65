// A word2vec space trained at build time with the page's own kernel, so the page shows a meaningful
// space before the reader trains. Also the vectors other pages reuse (e.g. vector search).
// Output JSON:
//   {model, config: TrainConfig, seed, corpus: "brown", trainSeconds, vocabSize: V, dim: D,
//    words: string[V] (frequency order), pos: number[V] (class index into classes), classes: string[5],
//    vectors: base64 of V*D little-endian float32 (row i = words[i]; decode with base64ToFloats in
//    labs/word2vec/packed.ts), loss: [{words, loss, alpha}] (mean NEG loss per positive update),
//    purity: {purity, chance} (POS neighbour purity@10 over the 2000 most frequent words)}
import {mulberry32} from "../../labs/kit/random.js";
import {brownCorpus} from "../../labs/word2vec/brown-files.js";
import {POS_CLASSES} from "../../labs/word2vec/corpus.js";
import {posPurity} from "../../labs/word2vec/evaluate.js";
import {DEFAULT_CONFIG, takeLoss, type TrainConfig} from "../../labs/word2vec/kernel.js";
import {floatsToBase64} from "../../labs/word2vec/packed.js";
import {compileKernel, initWasmKernel} from "../../labs/word2vec/wasm-kernel.js";
import {kernelWasmBytes} from "../../labs/word2vec/wasm-node.js";

// CBOW (the references' default model) with word2vec.c's CBOW learning rate 0.05: in 2 epochs it reaches a POS
// purity of about 0.58, where gensim's 0.025 gives about 0.51; full 5-epoch runs are left to the reader.
export const SNAPSHOT_CONFIG: TrainConfig = {...DEFAULT_CONFIG, model: "cbow", epochs: 2, alpha: 0.05};
const seed = 42;
const {corpus, pos} = brownCorpus();
// The page's kernel (WebAssembly SIMD; the same vectors as the TypeScript reference, faster).
const module = compileKernel(await kernelWasmBytes());
if (!module) throw new Error("This Node lacks WebAssembly SIMD.");
const w = initWasmKernel(module, SNAPSHOT_CONFIG, corpus, mulberry32(seed));
const s = w.state;
const loss: Array<{words: number; loss: number; alpha: number}> = [];
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
const purity = posPurity(vectors, D, pos, Math.min(2000, V), 10);
process.stdout.write(
  JSON.stringify({
    model: SNAPSHOT_CONFIG.model,
    config: SNAPSHOT_CONFIG,
    seed,
    corpus: "brown",
    trainSeconds: Math.round(trainSeconds * 100) / 100,
    vocabSize: V,
    dim: D,
    words: corpus.words.slice(0, V),
    pos: Array.from(pos.subarray(0, V)),
    classes: POS_CLASSES,
    vectors: floatsToBase64(vectors),
    loss,
    purity
  })
);
