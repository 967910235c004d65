// The reference word2vec kernel (kernel.wat is its fast twin): skip-gram and CBOW with negative sampling,
// in-place float32 SGD on Float32Arrays, a precomputed sigmoid table, no allocation in the inner loop.
// Leaves out hierarchical softmax and threads. Source: word2vec.c (tmikolov, 20c129a) TrainModelThread;
// initial range and learning-rate floor from gensim 4.2 (the speed and quality reference).
import {InputError} from "../kit/params.js";
import {type AliasTable, aliasDraw, aliasTable, keepTable, nextRadius, nextU32, noiseDistribution, type Rng, rngFrom} from "./sampling.js";
import {type Corpus, checkedVocabSize, trainWords} from "./vocab.js";

export type Model = "sg" | "cbow";

export interface TrainConfig {
  model: Model;
  dim: number; // vector size D
  window: number; // max window radius
  negative: number; // negatives per positive (k)
  sample: number; // subsampling threshold s (0 = off)
  minCount: number;
  epochs: number;
  alpha: number; // starting learning rate
}

/** gensim 4 defaults (vector_size 100 there; the lab uses 50 to train fast in a browser). */
export const DEFAULT_CONFIG: TrainConfig = {model: "cbow", dim: 50, window: 5, negative: 5, sample: 1e-3, minCount: 5, epochs: 5, alpha: 0.025};

export const MAX_EXP = 6;
export const EXP_TABLE_SIZE = 1000;
const EXP_SCALE = EXP_TABLE_SIZE / (2 * MAX_EXP);
/** sigmoid(x) at x = (i / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP, i = 0..EXP_TABLE_SIZE-1. */
export const EXP_TABLE = Float32Array.from({length: EXP_TABLE_SIZE}, (_, i) => {
  const e = Math.exp((i / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
  return e / (e + 1);
});
export const LOSS_POS = Float32Array.from(EXP_TABLE, (s) => -Math.log(s)); // -log sigma(x)
export const LOSS_NEG = Float32Array.from(EXP_TABLE, (s) => -Math.log(1 - s)); // -log sigma(-x)
const fr = Math.fround;

/** log(1 + e^x) without overflow: the NEG loss of a saturated dot product (and of the exact mode). */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The exact logistic function (tests only; training reads EXP_TABLE). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export interface KernelState {
  config: TrainConfig;
  corpus: Corpus;
  vocabSize: number; // V: words[0..V) are trained
  trainWords: number; // T = sum of counts of the V words
  syn0: Float32Array; // (V, D) input vectors: the embeddings
  syn1neg: Float32Array; // (V, D) output vectors
  keep: Float32Array; // (V) subsampling keep probabilities
  noise: AliasTable; // unigram^0.75
  rng: Rng;
  epoch: number; // current epoch, 0-based; == epochs when done
  sentence: number; // next sentence to read
  wordsDone: number; // vocabulary words read so far, all epochs (word2vec.c word_count_actual)
  alphaWords: number; // wordsDone when alpha was last updated
  alpha: number;
  pairs: number; // positive (input, target) updates so far
  lossSum: number; // summed NEG loss since the last takeLoss()
  lossCount: number; // positive updates since the last takeLoss()
  sen: Int32Array; // (max sentence length) the subsampled sentence being trained
  neu1: Float32Array; // (D) CBOW hidden vector
  neu1e: Float32Array; // (D) accumulated input gradient step
  exactSigmoid: boolean; // tests only: 1/(1+e^-f) instead of the table, so updates equal -alpha * gradient
}

function checkConfig(c: TrainConfig): void {
  const intIn = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new InputError(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  if (c.model !== "sg" && c.model !== "cbow") throw new InputError(`model must be "sg" or "cbow", got "${c.model}".`);
  intIn("dim", c.dim, 1, 1000);
  intIn("window", c.window, 1, 50);
  intIn("negative", c.negative, 1, 50);
  intIn("min-count", c.minCount, 1, 1_000_000);
  intIn("epochs", c.epochs, 1, 1000);
  if (!(c.sample >= 0 && c.sample < 1)) throw new InputError(`sample must be in [0, 1), got ${c.sample}.`);
  if (!(c.alpha > 0 && c.alpha <= 1)) throw new InputError(`alpha must be in (0, 1], got ${c.alpha}.`);
}

/** Sets up a training run: vocabulary (min-count), tables, and word2vec.c's initialisation. Returns a fresh state; stepKernel mutates it. */
export function initKernel(config: TrainConfig, corpus: Corpus, random: () => number): KernelState {
  checkConfig(config);
  const V = checkedVocabSize(corpus, config.minCount);
  const D = config.dim;
  const T = trainWords(corpus, V);
  const syn0 = new Float32Array(V * D);
  // gensim 4's range U[-1/D, 1/D) (prep_vectors), twice word2vec.c's InitNet: in 5-seed runs on Brown it
  // raised POS purity by about 0.005 (CBOW) and 0.001 (skip-gram), matching gensim, the targets' reference.
  for (let i = 0; i < syn0.length; i++) syn0[i] = (2 * random() - 1) / D;
  let maxLen = 1;
  for (let s = 0; s + 1 < corpus.offsets.length; s++) maxLen = Math.max(maxLen, corpus.offsets[s + 1] - corpus.offsets[s]);
  return {
    config: {...config},
    corpus,
    vocabSize: V,
    trainWords: T,
    syn0,
    syn1neg: new Float32Array(V * D), // zeros
    keep: keepTable(corpus.counts, V, T, config.sample),
    noise: aliasTable(noiseDistribution(corpus.counts, V, 0.75)),
    rng: rngFrom(random),
    epoch: 0,
    sentence: 0,
    wordsDone: 0,
    alphaWords: 0,
    alpha: config.alpha,
    pairs: 0,
    lossSum: 0,
    lossCount: 0,
    sen: new Int32Array(maxLen),
    neu1: new Float32Array(D),
    neu1e: new Float32Array(D),
    exactSigmoid: false
  };
}

/** Total words the run will read (epochs x T). */
export function totalWords(s: KernelState): number {
  return s.config.epochs * s.trainWords;
}

export function kernelProgress(s: KernelState): number {
  return s.epoch >= s.config.epochs ? 1 : Math.min(1, s.wordsDone / totalWords(s));
}

/** gensim's min_alpha: the learning rate decays linearly from alpha0 to this. */
export const MIN_ALPHA = 1e-4;

/**
 * The kernel's schedule, gensim's form (gensim/models/word2vec.py `_get_next_alpha`): alpha falls
 * linearly from alpha0 to min_alpha = MIN_ALPHA (an absolute 1e-4) and stays there:
 * max(alpha0 - (alpha0 - MIN_ALPHA) * p, MIN_ALPHA), with p = done / (total + 1), total = epochs * T words.
 * The +1 is word2vec.c's guard against a zero total; it moves p by less than 1 / total.
 */
export function learningRate(alpha0: number, done: number, total: number): number {
  return Math.max(alpha0 - (alpha0 - MIN_ALPHA) * (done / (total + 1)), MIN_ALPHA);
}

/**
 * word2vec.c's schedule (TrainModelThread, L397-398), for comparison only (the kernel does not use it):
 * alpha0 * (1 - done / (total + 1)), floored at alpha0 * 1e-4, a floor relative to alpha0.
 */
export function word2vecCLearningRate(alpha0: number, done: number, total: number): number {
  return Math.max(alpha0 * (1 - done / (total + 1)), alpha0 * 1e-4);
}

/**
 * Reads sentence `index` into s.sen: drops out-of-vocabulary ids, counts the words read, and drops
 * frequent words with probability 1 - keep[w]. Returns the subsampled length.
 */
export function readSentence(s: KernelState, index: number): number {
  const {ids, offsets} = s.corpus;
  const V = s.vocabSize;
  const keep = s.keep;
  const sen = s.sen;
  const rng = s.rng;
  const subsample = s.config.sample > 0;
  let len = 0;
  for (let i = offsets[index], end = offsets[index + 1]; i < end; i++) {
    const w = ids[i];
    if (w >= V) continue;
    s.wordsDone++;
    if (subsample && keep[w] < nextU32(rng) / 4294967296) continue;
    sen[len++] = w;
  }
  return len;
}

/** Mean NEG loss per positive update since the last call (NaN if none), and resets the sum. */
export function takeLoss(s: KernelState): number {
  const loss = s.lossCount > 0 ? s.lossSum / s.lossCount : NaN;
  s.lossSum = 0;
  s.lossCount = 0;
  return loss;
}

/**
 * One negative-sampling update for input vector `inp` (a row of syn0 at offset l1, or the CBOW
 * hidden vector) against the positive `word` and k noise words. Adds the input's step to neu1e,
 * updates syn1neg rows in place, returns the pair's loss -log s(x.v_o) - sum log s(-x.v_n).
 * With an exact sigmoid this is word2vec.c's update: syn1[t] += g x, neu1e += g syn1[t], g = (label - s(f)) alpha.
 */
export function negativeUpdate(
  s: KernelState,
  inp: Float32Array,
  l1: number,
  word: number,
  alpha: number,
  negatives: Int32Array | null = null // fixed negatives (tests, tfjs cross-check); null = draw from the noise
): number {
  const D = s.config.dim;
  const k = s.config.negative;
  const syn1 = s.syn1neg;
  const neu1e = s.neu1e;
  const noise = s.noise;
  const rng = s.rng;
  const exact = s.exactSigmoid;
  let loss = 0;
  for (let d = 0; d <= k; d++) {
    let target: number;
    let label: number;
    if (d === 0) {
      target = word;
      label = 1;
    } else {
      target = negatives === null ? aliasDraw(noise, rng) : negatives[d - 1];
      if (target === word) continue; // word2vec.c skips a negative equal to the positive
      label = 0;
    }
    const l2 = target * D;
    // f = x . v_t in float32 (word2vec.c's real), lane l summing dimensions l, l+4, ... as the wasm
    // kernel's f32x4 lanes do; four accumulators also break V8's add-latency chain.
    let f0 = 0, f1 = 0, f2 = 0, f3 = 0;
    let j = 0;
    for (; j + 3 < D; j += 4) {
      f0 = fr(f0 + fr(inp[l1 + j] * syn1[l2 + j]));
      f1 = fr(f1 + fr(inp[l1 + j + 1] * syn1[l2 + j + 1]));
      f2 = fr(f2 + fr(inp[l1 + j + 2] * syn1[l2 + j + 2]));
      f3 = fr(f3 + fr(inp[l1 + j + 3] * syn1[l2 + j + 3]));
    }
    if (j < D) f0 = fr(f0 + fr(inp[l1 + j] * syn1[l2 + j]));
    if (j + 1 < D) f1 = fr(f1 + fr(inp[l1 + j + 1] * syn1[l2 + j + 1]));
    if (j + 2 < D) f2 = fr(f2 + fr(inp[l1 + j + 2] * syn1[l2 + j + 2]));
    const f = fr(fr(f0 + f1) + fr(f2 + f3));
    let g: number;
    if (exact || f >= MAX_EXP || f <= -MAX_EXP) {
      const sig = exact ? sigmoid(f) : f >= MAX_EXP ? 1 : 0;
      g = fr((label - sig) * alpha);
      loss += softplus(label === 1 ? -f : f); // -log s(f) or -log s(-f)
    } else {
      const idx = ((f + MAX_EXP) * EXP_SCALE) | 0;
      g = fr((label - EXP_TABLE[idx]) * alpha);
      loss += label === 1 ? LOSS_POS[idx] : LOSS_NEG[idx];
    }
    if (g === 0) continue; // saturated: the update would add exact zeros
    // neu1e += g * syn1[t] (before its update, as word2vec.c), syn1[t] += g * x; each product rounded
    // to float32 as in the wasm kernel (storing into a Float32Array rounds each sum).
    for (j = 0; j < D; j++) {
      const o = syn1[l2 + j];
      neu1e[j] += fr(g * o);
      syn1[l2 + j] = o + fr(g * inp[l1 + j]);
    }
  }
  return loss;
}

/** dst[do..do+n) += src[so..so+n), unrolled by four (fewer loop branches per element in V8). */
function addRow(dst: Float32Array, dOff: number, src: Float32Array, sOff: number, n: number): void {
  let j = 0;
  for (; j + 3 < n; j += 4) {
    dst[dOff + j] += src[sOff + j];
    dst[dOff + j + 1] += src[sOff + j + 1];
    dst[dOff + j + 2] += src[sOff + j + 2];
    dst[dOff + j + 3] += src[sOff + j + 3];
  }
  for (; j < n; j++) dst[dOff + j] += src[sOff + j];
}

/**
 * One sentence (s.sen[0..len)) through word2vec.c's loop: at each position a reduced window (radius
 * drawn from 1..window), then the model's update. Mutates s (vectors, random stream, loss and pair counts).
 */
function trainSentence(s: KernelState, len: number, alpha: number): void {
  const sg = s.config.model === "sg";
  let loss = 0;
  let pairs = 0;
  for (let pos = 0; pos < len; pos++) {
    const r = nextRadius(s.rng, s.config.window);
    const lo = pos - r < 0 ? 0 : pos - r;
    const hi = pos + r >= len ? len - 1 : pos + r;
    if (sg) {
      loss += skipGramAt(s, pos, lo, hi, alpha);
      pairs += hi - lo; // every context word in [lo, hi] but the center
    } else if (hi > lo) {
      loss += cbowAt(s, pos, lo, hi, alpha);
      pairs++;
    }
  }
  s.lossSum += loss;
  s.lossCount += pairs;
  s.pairs += pairs;
}

/** Skip-gram at one center: each context word's input vector predicts the center (word2vec.c and gensim). Returns the summed loss. */
function skipGramAt(s: KernelState, pos: number, lo: number, hi: number, alpha: number): number {
  const D = s.config.dim;
  const word = s.sen[pos];
  let loss = 0;
  for (let c = lo; c <= hi; c++) {
    if (c === pos) continue;
    const l1 = s.sen[c] * D;
    s.neu1e.fill(0);
    loss += negativeUpdate(s, s.syn0, l1, word, alpha);
    addRow(s.syn0, l1, s.neu1e, 0, D);
  }
  return loss;
}

/** CBOW at one center: h = mean of the context vectors predicts the center; returns the loss. Needs hi > lo. */
function cbowAt(s: KernelState, pos: number, lo: number, hi: number, alpha: number): number {
  const D = s.config.dim;
  const {sen, syn0, neu1, neu1e} = s;
  const cw = hi - lo; // context words (the center is excluded)
  neu1.fill(0);
  for (let c = lo; c <= hi; c++) if (c !== pos) addRow(neu1, 0, syn0, sen[c] * D, D);
  for (let j = 0; j < D; j++) neu1[j] /= cw; // h = mean of context vectors (cbow_mean), rounded as float32 division
  neu1e.fill(0);
  const loss = negativeUpdate(s, neu1, 0, sen[pos], alpha);
  // word2vec.c L466 / gensim cbow_mean=1: every context vector gets the whole step on h (not divided by cw).
  for (let c = lo; c <= hi; c++) if (c !== pos) addRow(syn0, sen[c] * D, neu1e, 0, D);
  return loss;
}

/**
 * Trains sentence after sentence until at least `words` vocabulary words were read (or the run
 * ends). Returns the words read. Updates alpha every 10,000 words as word2vec.c does.
 * Mutates `s`: its vectors (syn0, syn1neg) in place, its random stream, counters, loss sums and alpha.
 */
export function stepKernel(s: KernelState, words: number): number {
  const start = s.wordsDone;
  for (let len = nextSentence(s, start, words); len >= 0; len = nextSentence(s, start, words)) trainSentence(s, len, s.alpha);
  closeLastEpoch(s);
  return s.wordsDone - start;
}

/**
 * The schedule both engines share: reads the next sentence into s.sen (moving to the next epoch at the
 * end of the corpus) and refreshes alpha every 10,000 words, as word2vec.c does. Returns its length,
 * or -1 once the run has ended or `words` words have been read since `start`.
 */
export function nextSentence(s: KernelState, start: number, words: number): number {
  const S = s.corpus.offsets.length - 1;
  while (s.epoch < s.config.epochs && s.wordsDone - start < words) {
    if (s.sentence >= S) {
      s.epoch++;
      s.sentence = 0;
      continue;
    }
    if (s.wordsDone - s.alphaWords > 10_000) {
      s.alphaWords = s.wordsDone;
      s.alpha = learningRate(s.config.alpha, s.wordsDone, totalWords(s));
    }
    const len = readSentence(s, s.sentence);
    s.sentence++;
    return len;
  }
  return -1;
}

/** After a step: the last epoch counts as done as soon as its last sentence has been read. */
export function closeLastEpoch(s: KernelState): void {
  if (s.epoch === s.config.epochs - 1 && s.sentence >= s.corpus.offsets.length - 1) {
    s.epoch++;
    s.sentence = 0;
  }
}

/** Trains to the end; returns the state. */
export function trainKernel(config: TrainConfig, corpus: Corpus, random: () => number): KernelState {
  const s = initKernel(config, corpus, random);
  while (s.epoch < config.epochs) stepKernel(s, 1e9);
  return s;
}
