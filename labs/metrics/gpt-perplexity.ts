// The same held-out text scored by two copies of the SFT notebook's tiny GPT (labs/sft/gpt.ts, AdamW of
// labs/sft/adamw.ts), same architecture and training budget, one on GPT-2 BPE tokens, one on UTF-8 bytes.
// Per-token perplexity differs a lot; bits per byte compares them. Needs a tfjs backend set by the caller.
// Source: Gao et al. 2020 (The Pile, arXiv:2101.00027) §5 for bits per byte; nanoGPT for the model.
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import {mulberry32, stream} from "../kit/random.js";
import {AdamW, NANOGPT_ADAMW, disposeGrads, lossAndGrads} from "../sft/adamw.js";
import {type Batch, type GPTConfig, TinyGPT, initWeights, parameterCount} from "../sft/gpt.js";
import {encode} from "../sft/tokenizer.js";
import {type PerplexityReport, perplexityReport} from "./perplexity.js";
import {utf8Length} from "./text.js";

export type Tokenization = "bpe" | "bytes";
export const TOKENIZATIONS: Tokenization[] = ["bpe", "bytes"];

export interface GptPerplexityConfig {
  seed: number;
  dModel: number; // d
  nHeads: number; // H
  nLayers: number; // L
  context: number; // T, tokens per training window and per scoring window
  batch: number; // B windows per step
  steps: number; // AdamW steps, the same for both tokenizations
  lr: number;
}

export interface TokenizationResult {
  tokenization: Tokenization;
  /** Rows of the embedding: bytes 256; BPE the GPT-2 ids that occur in train or held-out text (compacted). */
  vocabSize: number;
  parameters: number;
  trainTokens: number;
  /** Tokens seen in training: steps · B · T. */
  tokensSeen: number;
  /** Characters of training text seen per step on average: B · T · (train bytes / train tokens). */
  bytesSeen: number;
  firstLoss: number;
  lastLoss: number;
  /** Per-token natural-log probabilities of the held-out tokens, in order (the first token is conditioned on "\n"). */
  logProbs: number[];
  report: PerplexityReport;
  seconds: number;
}

/** Token ids of a text: GPT-2 BPE ids (js-tiktoken ranks) or its UTF-8 bytes. */
export function tokenizeAs(text: string, how: Tokenization): number[] {
  return how === "bpe" ? encode(text) : Array.from(new TextEncoder().encode(text));
}

// "\n" is one token in both (GPT-2 id 198, byte 10): it opens the held-out text so that every token of the
// text itself is predicted and the bytes scored are exactly the text's bytes.
const NEWLINE: Record<Tokenization, number> = {bpe: 198, bytes: 10};

/**
 * Trains the tiny GPT on `train` with one tokenization and scores `heldOut`: per-token log-probs (nats) of
 * every held-out token, in windows of T tokens each opened by the previous window's last token (the first by
 * "\n"). BPE ids are compacted to those that occur in either text (the softmax is over them, not all 50,257).
 * Frees every tensor it makes. Errors (InputError): empty text, train text shorter than T + 1 tokens.
 */
export function trainAndScore(train: string, heldOut: string, how: Tokenization, c: GptPerplexityConfig): TokenizationResult {
  if (!train || !heldOut) throw new InputError("Both the training text and the held-out text must be non-empty.");
  const t0 = performance.now();
  const T = c.context;
  const rawTrain = tokenizeAs(train, how);
  const rawHeld = [NEWLINE[how], ...tokenizeAs(heldOut, how)];
  if (rawTrain.length < T + 1) throw new InputError(`The training text has ${rawTrain.length} tokens; it needs at least ${T + 1}.`);
  // ids: compact for BPE (sorted GPT-2 ids present), identity for bytes
  let vocabSize = 256;
  let trainIds = Int32Array.from(rawTrain);
  let heldIds = Int32Array.from(rawHeld);
  if (how === "bpe") {
    const present = [...new Set([...rawTrain, ...rawHeld])].sort((a, b) => a - b);
    const index = new Map(present.map((id, i) => [id, i]));
    vocabSize = present.length;
    trainIds = Int32Array.from(rawTrain, (id) => index.get(id)!);
    heldIds = Int32Array.from(rawHeld, (id) => index.get(id)!);
  }
  const config: GPTConfig = {vocabSize, contextLength: T, dModel: c.dModel, nHeads: c.nHeads, nLayers: c.nLayers};
  const model = new TinyGPT(config, initWeights(config, seedFrom(c.seed, "init")));
  const opt = new AdamW(model.params, {...NANOGPT_ADAMW, lr: c.lr});
  const data = mulberry32(seedFrom(c.seed, "data"));
  let firstLoss = NaN;
  let lastLoss = NaN;
  try {
    for (let step = 0; step < c.steps; step++) {
      // B random windows of T + 1 tokens: ids are the first T, targets the next T
      const ids = new Int32Array(c.batch * T);
      const targets = new Int32Array(c.batch * T);
      for (let b = 0; b < c.batch; b++) {
        const start = Math.floor(data() * (trainIds.length - T));
        ids.set(trainIds.subarray(start, start + T), b * T);
        targets.set(trainIds.subarray(start + 1, start + T + 1), b * T);
      }
      const batch: Batch = {ids, targets, batch: c.batch, length: T};
      const {loss, grads} = lossAndGrads(model.params, () => model.loss(batch));
      opt.apply(grads);
      disposeGrads(grads);
      if (step === 0) firstLoss = loss;
      lastLoss = loss;
    }
    const logProbs = scoreWindows(model, heldIds, T);
    return {
      tokenization: how,
      vocabSize,
      parameters: parameterCount(config),
      trainTokens: trainIds.length,
      tokensSeen: c.steps * c.batch * T,
      bytesSeen: (c.steps * c.batch * T * utf8Length(train)) / trainIds.length,
      firstLoss,
      lastLoss,
      logProbs,
      report: perplexityReport(logProbs, utf8Length(heldOut)),
      seconds: (performance.now() - t0) / 1000
    };
  } finally {
    opt.dispose();
    model.dispose();
  }
}

/** A 32-bit seed drawn from the named stream, so init and data sampling do not share numbers. */
const seedFrom = (seed: number, name: string) => Math.floor(stream(seed, name)() * 2 ** 32);

/** log p(ids[i] | up to T previous ids) for i = 1..n−1, windows of T predictions: [n − 1] nats. */
function scoreWindows(model: TinyGPT, ids: Int32Array, T: number): number[] {
  const out: number[] = [];
  for (let start = 0; start + 1 < ids.length; start += T) {
    const len = Math.min(T, ids.length - 1 - start);
    const batch: Batch = {ids: ids.slice(start, start + len), targets: ids.slice(start + 1, start + len + 1), batch: 1, length: len};
    const losses = model.tokenLosses(batch); // [len] nats
    for (let i = 0; i < len; i++) out.push(Math.min(0, -losses[i])); // float32 rounding can give −0.0000001
  }
  return out;
}
