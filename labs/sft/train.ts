// Supervised fine-tuning of two identical tiny GPTs side by side on the element Q&A chats (SmolLM2's ChatML
// template): one with the loss masked to the assistant's tokens, one on every token (full sequence). Both see
// the same batches from the same initial weights. An init/step algorithm (labs/kit/loop.ts); step mutates the state.
// Leaves out learning-rate schedules, gradient clipping and packing. Source: nanoGPT train.py; TRL SFTTrainer.
import * as tf from "@tensorflow/tfjs";
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {AdamW, NANOGPT_ADAMW, disposeGrads, lossAndGrads} from "./adamw.js";
import {CONTEXT, type Example, type Vocabulary, buildVocabulary, conversations, decodeCompact, encodeExample, encodeText} from "./dataset.js";
import {type Batch, type GPTConfig, TinyGPT, initWeights} from "./gpt.js";
import {type Message, family, renderChat} from "./templates.js";

export interface TrainConfig {
  seed: number;
  steps: number;
  batch: number;
  lr: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** Evaluate (held losses, samples, probe) every this many steps, and at the end. */
  evalEvery: number;
  /** Check prompts in other templates at the end (greedy decoding; a few seconds). */
  mismatchAtEnd: boolean;
}

export const DEFAULT_TRAIN: TrainConfig = {seed: 42, steps: 150, batch: 8, lr: 5e-3, dModel: 32, nLayers: 2, nHeads: 4, evalEvery: 25, mismatchAtEnd: true};
export {CONTEXT};
const TRAIN_FAMILY = family("smollm2");

export function checkTrainConfig(c: TrainConfig): void {
  const ints: [keyof TrainConfig, number, number][] = [
    ["steps", 1, 5000],
    ["batch", 1, 64],
    ["dModel", 8, 256],
    ["nLayers", 1, 4],
    ["nHeads", 1, 8],
    ["evalEvery", 1, 1000]
  ];
  for (const [k, lo, hi] of ints) {
    const v = c[k] as number;
    if (!Number.isInteger(v) || v < lo || v > hi) throw new InputError(`${k} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  }
  if (!Number.isFinite(c.lr) || c.lr <= 0 || c.lr > 0.1) throw new InputError(`The learning rate must be in (0, 0.1], got ${c.lr}.`);
  if (c.dModel % c.nHeads !== 0) throw new InputError(`d = ${c.dModel} must be divisible by the ${c.nHeads} heads.`);
}

export type Variant = "masked" | "full";
export const VARIANTS: Variant[] = ["masked", "full"];

export interface EvalPoint {
  step: number;
  /** Mean loss on the assistant's tokens of the evaluation chats (nats), per model. */
  answer: Record<Variant, number>;
  /** Mean loss on the user turns' tokens (nats), per model. */
  question: Record<Variant, number>;
}

export interface MismatchRow {
  format: string;
  /** Mean loss (nats) of the trained answer's tokens after this prompt format, per model. */
  answerLoss: Record<Variant, number>;
  example: {prompt: string; answer: Record<Variant, string>};
}

export interface TrainSnapshot extends LoopSnapshot {
  steps: number;
  backend: string;
  tokensPerSecond: number;
  /** Latest training loss per model, each on its own objective (nats). */
  trainLoss: Record<Variant, number>;
  trainHistory: {step: number; masked: number; full: number}[];
  evals: EvalPoint[];
  samples: {answerPrompt: string; answer: Record<Variant, string>; questionPrompt: string; question: Record<Variant, string>};
  /** Per-token loss of each model on a fixed training chat; loss[0] is NaN (nothing predicts the first token). */
  probe: {tokens: string[]; loss: Record<Variant, number[]>};
  mismatch: MismatchRow[] | null;
  vocabSize: number;
  parameters: number;
}

interface State {
  config: TrainConfig;
  vocab: Vocabulary;
  train: Example[];
  evalSet: Example[];
  evalConvs: Message[][];
  models: Record<Variant, TinyGPT>;
  opts: Record<Variant, AdamW>;
  data: () => number;
  step: number;
  trainLoss: Record<Variant, number>;
  trainHistory: {step: number; masked: number; full: number}[];
  evals: EvalPoint[];
  samples: TrainSnapshot["samples"];
  probe: TrainSnapshot["probe"];
  mismatch: MismatchRow[] | null;
  positions: number;
  seconds: number;
}

const convs = conversations();
const PROBE = convs[3 * 25]; // "What is the symbol of Iron?"
const QUESTION_PROMPT: Message[] = [{role: "system", content: convs[0][0].content}];

/** Batch of examples padded to CONTEXT: targets are next tokens, −100 on padding and (masked) outside the assistant. */
export function makeBatch(examples: readonly Example[], pad: number, variant: Variant): Batch {
  const B = examples.length;
  const T = CONTEXT;
  const ids = new Int32Array(B * T).fill(pad);
  const targets = new Int32Array(B * T).fill(-100);
  examples.forEach((e, b) => {
    if (e.ids.length > T) throw new InputError(`An example has ${e.ids.length} tokens, more than the context of ${T}.`);
    ids.set(e.ids, b * T);
    for (let t = 0; t + 1 < e.ids.length; t++) if (variant === "full" || e.assistant[t + 1]) targets[b * T + t] = e.ids[t + 1];
  });
  return {ids, targets, batch: B, length: T};
}

/** Mean loss over positions whose next token is selected by `select` (assistant or user tokens). */
function heldLoss(model: TinyGPT, examples: readonly Example[], pad: number, select: (e: Example, t: number) => boolean): number {
  const T = CONTEXT;
  const batch = makeBatch(examples, pad, "full");
  examples.forEach((e, b) => {
    for (let t = 0; t < T; t++) if (!(t + 1 < e.ids.length && select(e, t + 1))) batch.targets[b * T + t] = -100;
  });
  return tf.tidy(() => model.loss(batch).dataSync()[0]);
}

/** Greedy continuation of compact ids, at most `maxNew` tokens or until a stop id. */
export function greedy(model: TinyGPT, prompt: Int32Array, maxNew: number, stop: readonly number[]): Int32Array {
  const out = Array.from(prompt);
  for (let k = 0; k < maxNew && out.length < CONTEXT; k++) {
    const n = out.length;
    const next = tf.tidy(() => {
      const logits = model.logits({ids: Int32Array.from(out), targets: new Int32Array(n), batch: 1, length: n});
      return logits.slice([0, n - 1, 0], [1, 1, -1]).argMax(-1).dataSync()[0];
    });
    out.push(next);
    if (stop.includes(next)) break;
  }
  return Int32Array.from(out.slice(prompt.length));
}

function evaluate(s: State): void {
  const {vocab, models} = s;
  const imEnd = encodeText("<|im_end|>", vocab)[0];
  const answer = {} as Record<Variant, number>;
  const question = {} as Record<Variant, number>;
  for (const v of VARIANTS) {
    answer[v] = heldLoss(models[v], s.evalSet, vocab.pad, (e, t) => e.assistant[t] === 1);
    question[v] = heldLoss(models[v], s.evalSet, vocab.pad, (e, t) => e.user[t] === 1);
  }
  s.evals.push({step: s.step, answer, question});
  const answerPromptText = renderChat(TRAIN_FAMILY, PROBE.slice(0, -1), {addGenerationPrompt: true});
  const questionPromptText = renderChat(TRAIN_FAMILY, QUESTION_PROMPT) + "<|im_start|>user\n";
  const stops = [imEnd, vocab.pad];
  const sample = (v: Variant, text: string) => decodeCompact(greedy(models[v], encodeText(text, vocab), 16, stops), vocab);
  s.samples = {
    answerPrompt: answerPromptText,
    answer: {masked: sample("masked", answerPromptText), full: sample("full", answerPromptText)},
    questionPrompt: questionPromptText,
    question: {masked: sample("masked", questionPromptText), full: sample("full", questionPromptText)}
  };
  const probe = encodeExample(TRAIN_FAMILY, PROBE, vocab);
  const loss = {} as Record<Variant, number[]>;
  for (const v of VARIANTS) {
    const per = models[v].tokenLosses({...makeBatch([probe], vocab.pad, "full"), batch: 1});
    loss[v] = Array.from(probe.ids, (_, t) => (t === 0 ? NaN : per[t - 1]));
  }
  s.probe = {tokens: Array.from(probe.ids, (i) => decodeCompact([i], vocab)), loss};
}

/**
 * The template-mismatch check: the same questions prompted in three formats, each followed by the answer as
 * it was trained ("The symbol of X is Y.<|im_end|>"); the mean loss of those answer tokens per model
 * (teacher forcing), and one greedy answer per format.
 */
function mismatchCheck(s: State): MismatchRow[] {
  const checks = s.evalConvs;
  const formats: {format: string; prompt: (c: Message[]) => string}[] = [
    {format: "ChatML (SmolLM2), as trained", prompt: (c) => renderChat(TRAIN_FAMILY, c.slice(0, -1), {addGenerationPrompt: true})},
    {format: "Qwen3, enable_thinking=False", prompt: (c) => renderChat(family("qwen3"), c.slice(0, -1), {addGenerationPrompt: true, enableThinking: false})},
    {format: "Mistral [INST]", prompt: (c) => renderChat(family("mistral"), c.slice(0, -1), {addGenerationPrompt: true})}
  ];
  const stops = [encodeText("<|im_end|>", s.vocab)[0], encodeText("</s>", s.vocab)[0], s.vocab.pad];
  return formats.map(({format, prompt}) => {
    const examples: Example[] = checks.map((c) => {
      const p = encodeText(prompt(c), s.vocab);
      const a = encodeText(c[2].content + "<|im_end|>", s.vocab);
      const ids = new Int32Array(p.length + a.length);
      ids.set(p);
      ids.set(a, p.length);
      const assistant = new Uint8Array(ids.length);
      assistant.fill(1, p.length);
      return {ids, assistant, user: new Uint8Array(ids.length)};
    });
    const answerLoss = {} as Record<Variant, number>;
    const first = prompt(checks[0]);
    const example = {prompt: first, answer: {} as Record<Variant, string>};
    for (const v of VARIANTS) {
      answerLoss[v] = heldLoss(s.models[v], examples, s.vocab.pad, (e, t) => e.assistant[t] === 1);
      example.answer[v] = decodeCompact(greedy(s.models[v], encodeText(first, s.vocab), 14, stops), s.vocab);
    }
    return {format, answerLoss, example};
  });
}

export const sftTraining: Algorithm<TrainConfig, State, TrainSnapshot> = {
  init(config) {
    checkTrainConfig(config);
    const vocab = buildVocabulary(convs);
    const all = convs.map((c) => encodeExample(TRAIN_FAMILY, c, vocab));
    const gpt: GPTConfig = {vocabSize: vocab.ids.length, contextLength: CONTEXT, dModel: config.dModel, nHeads: config.nHeads, nLayers: config.nLayers};
    // Same initial weights for both models: the only difference is the loss mask.
    const weights = initWeights(gpt, Math.floor(stream(config.seed, "init")() * 2 ** 31));
    const models = {masked: new TinyGPT(gpt, weights), full: new TinyGPT(gpt, weights)};
    const adam = {...NANOGPT_ADAMW, lr: config.lr};
    const s: State = {
      config,
      vocab,
      train: all,
      evalSet: all.filter((_, i) => i % 9 === 0),
      evalConvs: convs.filter((_, i) => i % 9 === 0),
      models,
      opts: {masked: new AdamW(models.masked.params, adam), full: new AdamW(models.full.params, adam)},
      data: stream(config.seed, "data"),
      step: 0,
      trainLoss: {masked: NaN, full: NaN},
      trainHistory: [],
      evals: [],
      samples: {answerPrompt: "", answer: {masked: "", full: ""}, questionPrompt: "", question: {masked: "", full: ""}},
      probe: {tokens: [], loss: {masked: [], full: []}},
      mismatch: null,
      positions: 0,
      seconds: 0
    };
    evaluate(s);
    return s;
  },
  step(s) {
    const t0 = performance.now();
    const picks = Array.from({length: s.config.batch}, () => s.train[Math.floor(s.data() * s.train.length)]);
    for (const v of VARIANTS) {
      const batch = makeBatch(picks, s.vocab.pad, v);
      const {loss, grads} = lossAndGrads(s.models[v].params, () => s.models[v].loss(batch));
      s.opts[v].apply(grads);
      disposeGrads(grads);
      s.trainLoss[v] = loss;
    }
    s.seconds += (performance.now() - t0) / 1000;
    s.positions += 2 * s.config.batch * CONTEXT;
    s.step++;
    s.trainHistory.push({step: s.step, masked: s.trainLoss.masked, full: s.trainLoss.full});
    const last = s.step >= s.config.steps;
    if (s.step % s.config.evalEvery === 0 || last) evaluate(s);
    if (last && s.config.mismatchAtEnd) s.mismatch = mismatchCheck(s);
    return s;
  },
  progress: (s) => Math.min(1, s.step / s.config.steps),
  snapshot(s, step) {
    return {
      step,
      progress: Math.min(1, s.step / s.config.steps),
      steps: s.config.steps,
      backend: tf.getBackend(),
      tokensPerSecond: s.seconds > 0 ? s.positions / s.seconds : 0,
      trainLoss: {...s.trainLoss},
      trainHistory: s.trainHistory.slice(),
      evals: s.evals.map((e) => ({...e, answer: {...e.answer}, question: {...e.question}})),
      samples: structuredClone(s.samples),
      probe: structuredClone(s.probe),
      mismatch: s.mismatch ? structuredClone(s.mismatch) : null,
      vocabSize: s.vocab.ids.length,
      parameters: [...s.models.masked.params.values()].reduce((a, p) => a + p.size, 0)
    };
  },
  dispose(s) {
    for (const v of VARIANTS) {
      s.opts[v].dispose();
      s.models[v].dispose();
    }
  }
};
