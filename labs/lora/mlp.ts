// LoRA in a small network: an MLP (p → h → h → C, ReLU) is trained on task A, then adapted to a related
// task B by full fine-tuning, head-only tuning and LoRA at several ranks on its two hidden layers (TensorFlow.js, Adam).
// Task A labels inputs with a random teacher network; task B is task A seen through a rotation of the input
// in one plane (x -> R x, R − I of rank 2), so the ideal change to the first layer, W1 (R − I), has rank 2.
// Written as an init/step pair (labs/kit/loop.ts). Leaves out minibatches, dropout and schedules.
// Sources: Hu et al. 2021 (arXiv:2106.09685) §4; huggingface/peft tuners/lora/model.py (adapter on/off, merge_and_unload).
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import type {Stepper} from "../kit/stepper.js";
import {loopStepper, type Algorithm} from "../kit/loop.js";
import {randomNormal, stream} from "../kit/random.js";
import {kaimingUniformBound, loraParamCount, loraScale} from "./lora.js";
import {type MlpConfig, DEFAULT_MLP} from "./config.js";

export {type MlpConfig, DEFAULT_MLP};



/** Throws an InputError naming the first value outside its domain. */
export function validateMlp(c: MlpConfig): void {
  const ints: [string, number, number, number][] = [
    ["p", c.p, 2, 256],
    ["hidden", c.hidden, 2, 256],
    ["classes", c.classes, 2, 32],
    ["nTrain", c.nTrain, 16, 100000],
    ["nTest", c.nTest, 16, 100000],
    ["pretrainSteps", c.pretrainSteps, 1, 100000],
    ["adaptSteps", c.adaptSteps, 1, 100000],
    ["evalEvery", c.evalEvery, 1, 100000]
  ];
  for (const [name, v, lo, hi] of ints) if (!Number.isInteger(v) || v < lo || v > hi) throw new InputError(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  const maxR = Math.min(c.p, c.hidden);
  for (const r of c.ranks) {
    if (!Number.isInteger(r) || r < 1) throw new InputError(`Each LoRA rank must be a whole number ≥ 1, got ${r}.`);
    if (r > maxR) throw new InputError(`The rank r = ${r} exceeds min(d, k) = ${maxR} of the first layer (${c.hidden} × ${c.p}).`);
  }
  if (!Number.isFinite(c.alpha) || c.alpha <= 0) throw new InputError(`alpha must be a positive number, got "${String(c.alpha)}".`);
  if (!Number.isInteger(c.teacherHidden) || c.teacherHidden < 1 || c.teacherHidden > 256) throw new InputError(`teacherHidden must be a whole number from 1 to 256, got ${c.teacherHidden}.`);
  if (!Number.isFinite(c.angle) || Math.abs(c.angle) > 180) throw new InputError(`The rotation angle must be a number of degrees in [−180, 180], got "${String(c.angle)}".`);
  if (!Number.isFinite(c.lr) || c.lr <= 0 || c.lr > 1) throw new InputError(`The learning rate must be in (0, 1], got ${c.lr}.`);
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 2 ** 32 - 1) throw new InputError(`The seed must be a whole number from 0 to 2³² − 1, got ${c.seed}.`);
}

interface Data {
  /** (n, p) inputs */
  x: Float32Array;
  /** (n) labels of task A and task B */
  yA: Int32Array;
  yB: Int32Array;
}

/** Teacher: logits = V tanh(W x), W (t, p), V (C, t). */
function makeTeacher(c: MlpConfig, random: () => number) {
  const normal = randomNormal(random);
  const W = Float64Array.from({length: c.teacherHidden * c.p}, () => normal() * Math.sqrt(2 / c.p)); // (t, p)
  const V = Float64Array.from({length: c.classes * c.teacherHidden}, () => normal()); // (C, t)
  return {W, V};
}

function label(W: Float64Array, V: Float64Array, x: ArrayLike<number>, c: MlpConfig): number {
  let best = 0;
  let bestV = -Infinity;
  const h = new Float64Array(c.teacherHidden);
  for (let i = 0; i < c.teacherHidden; i++) {
    let s = 0;
    for (let j = 0; j < c.p; j++) s += W[i * c.p + j] * x[j];
    h[i] = Math.tanh(s);
  }
  for (let k = 0; k < c.classes; k++) {
    let s = 0;
    for (let i = 0; i < c.teacherHidden; i++) s += V[k * c.teacherHidden + i] * h[i];
    if (s > bestV) [best, bestV] = [k, s];
  }
  return best;
}

/** R x: rotate x by `angle` (degrees) in the plane of the first two input coordinates. R − I has rank 2. */
export function rotatePlane(x: ArrayLike<number>, angleDeg: number): Float64Array {
  const out = Float64Array.from(x);
  const t = (angleDeg * Math.PI) / 180;
  out[0] = Math.cos(t) * x[0] - Math.sin(t) * x[1];
  out[1] = Math.sin(t) * x[0] + Math.cos(t) * x[1];
  return out;
}

/** Training and held-out test sets for tasks A and B, from `random` (teacher, then inputs). */
export function makeTasks(c: MlpConfig, random: () => number): {train: Data; test: Data; agreement: number} {
  const {W, V} = makeTeacher(c, random);
  const normal = randomNormal(random);
  const make = (n: number): Data => {
    const x = Float32Array.from({length: n * c.p}, () => normal());
    const yA = new Int32Array(n);
    const yB = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const xi = x.subarray(i * c.p, (i + 1) * c.p);
      yA[i] = label(W, V, xi, c);
      yB[i] = label(W, V, rotatePlane(xi, c.angle), c);
    }
    return {x, yA, yB};
  };
  const train = make(c.nTrain);
  const test = make(c.nTest);
  let same = 0;
  for (let i = 0; i < c.nTest; i++) same += test.yA[i] === test.yB[i] ? 1 : 0;
  return {train, test, agreement: same / c.nTest};
}

export interface VariantSummary {
  label: string;
  kind: "full" | "head" | "lora";
  r: number | null;
  trainable: number;
  /** training loss on task B per adaptation step */
  losses: number[];
  accB: number;
  /** cross-entropy on task B's held-out test set (the inputs the variant never trained on) */
  testLossB: number;
  /** the adapted model on task A */
  accA: number;
  /** adapter removed (LoRA): the base weights, untouched */
  accAAdapterOff: number | null;
  /** weights merged W0 + s B A: accuracy on B and the largest logit difference to the unmerged model */
  accBMerged: number | null;
  mergeMaxDiff: number | null;
}

export interface MlpSnapshot {
  phase: "pretrain" | "adapt" | "done";
  step: number;
  totalSteps: number;
  progress: number;
  pretrainLosses: number[];
  baseAccA: number;
  baseAccB: number;
  /** fraction of test inputs on which tasks A and B agree */
  agreement: number;
  totalParams: number;
  variants: VariantSummary[];
  /** evaluations: step (within adaptation) -> accuracy and held-out loss on B per variant */
  accHistory: {step: number; accB: number[]; testLossB: number[]}[];
}

type Weights = {W1: tf.Tensor2D; b1: tf.Tensor1D; W2: tf.Tensor2D; b2: tf.Tensor1D; W3: tf.Tensor2D; b3: tf.Tensor1D};

interface Variant {
  summary: VariantSummary;
  /** trainable copies (full/head) or adapters (lora) */
  vars: tf.Variable[];
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** LoRA only: logits of the merged weights */
  merged?: (x: tf.Tensor2D) => tf.Tensor2D;
}

export interface MlpState {
  config: MlpConfig;
  /** every tensor and variable this run made, freed by dispose */
  owned: tf.Tensor[];
  data: {xTr: tf.Tensor2D; yATr: tf.Tensor1D; yBTr: tf.Tensor1D; xTe: tf.Tensor2D; yBTeHot: tf.Tensor2D; yATe: Int32Array; yBTe: Int32Array};
  /** the network being pretrained (variables), then frozen */
  base: Weights;
  variants: Variant[];
  optimizer: tf.Optimizer;
  step: number;
  snap: Omit<MlpSnapshot, "step" | "progress">;
}

/** (n, in) -> (n, C). Weights are (out, in) like torch.nn.Linear: (n, in)(in, out) -> (n, out). */
const forward = (x: tf.Tensor2D, w: Weights, W1 = w.W1, W2 = w.W2, W3 = w.W3): tf.Tensor2D => {
  const h1 = tf.relu(tf.add(tf.matMul(x, W1, false, true), w.b1));
  const h2 = tf.relu(tf.add(tf.matMul(h1, W2, false, true), w.b2));
  return tf.add(tf.matMul(h2, W3, false, true), w.b3);
};

const own = <T extends tf.Tensor>(s: {owned: tf.Tensor[]}, t: T): T => {
  s.owned.push(t);
  return t;
};
/** A variable holding a copy of `make()`; the copy itself is freed (tf.variable keeps its own reference). */
const variable = (s: {owned: tf.Tensor[]}, make: () => tf.Tensor): tf.Variable => own(s, tf.tidy(() => tf.variable(make())));
const uniform = (random: () => number, shape: [number, number], bound: number) => tf.tensor2d(Float32Array.from({length: shape[0] * shape[1]}, () => (2 * random() - 1) * bound), shape);
const crossEntropy = (logits: tf.Tensor2D, y: tf.Tensor1D, classes: number) => tf.losses.softmaxCrossEntropy(tf.oneHot(y, classes), logits) as tf.Scalar;

/** Test accuracy of `f` against labels y (test set). Frees what it computes. */
function accuracy(s: MlpState, f: (x: tf.Tensor2D) => tf.Tensor2D, y: Int32Array): number {
  const pred = tf.tidy(() => tf.argMax(f(s.data.xTe), 1));
  const labels = pred.dataSync();
  pred.dispose();
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += labels[i] === y[i] ? 1 : 0;
  return ok / y.length;
}

/** A scalar computed in a tidy, read and freed. */
function scalar(make: () => tf.Tensor): number {
  const t = tf.tidy(make);
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** Accuracies, held-out loss and merge checks of every variant; appends to the history. Mutates `s`. */
function evaluate(s: MlpState): void {
  const {data} = s;
  for (const v of s.variants) {
    v.summary.accB = accuracy(s, v.logits, data.yBTe);
    v.summary.accA = accuracy(s, v.logits, data.yATe);
    v.summary.testLossB = scalar(() => tf.losses.softmaxCrossEntropy(data.yBTeHot, v.logits(data.xTe)));
    if (v.merged) {
      v.summary.accAAdapterOff = accuracy(s, (x) => forward(x, s.base), data.yATe);
      v.summary.accBMerged = accuracy(s, v.merged, data.yBTe);
      v.summary.mergeMaxDiff = scalar(() => tf.max(tf.abs(tf.sub(v.merged!(data.xTe), v.logits(data.xTe)))));
    }
  }
  s.snap.accHistory.push({step: s.step - s.config.pretrainSteps, accB: s.variants.map((v) => v.summary.accB), testLossB: s.variants.map((v) => v.summary.testLossB)});
}

/** Freezes the pretrained weights and builds full, head-only and LoRA variants from them. Mutates `s`. */
function startAdaptation(s: MlpState): void {
  const c = s.config;
  const f = s.base; // frozen from here on: no optimizer is given these variables again
  const blank = (label: string, kind: VariantSummary["kind"], r: number | null, trainable: number): VariantSummary => ({label, kind, r, trainable, losses: [], accB: 0, testLossB: 0, accA: 0, accAAdapterOff: null, accBMerged: null, mergeMaxDiff: null});
  const copy = (t: tf.Tensor) => variable(s, () => t.clone());
  // Full fine-tune: every weight and bias is a trainable copy.
  const full = {W1: copy(f.W1), b1: copy(f.b1), W2: copy(f.W2), b2: copy(f.b2), W3: copy(f.W3), b3: copy(f.b3)} as unknown as Weights;
  const nAll = Object.values(f).reduce((n, t) => n + t.size, 0);
  s.variants.push({summary: blank("full fine-tune", "full", null, nAll), vars: Object.values(full) as unknown as tf.Variable[], logits: (x) => forward(x, full)});
  // Head only: the last layer (W3, b3) is trainable.
  const W3 = copy(f.W3);
  const b3 = copy(f.b3);
  const head = {...f, W3, b3} as unknown as Weights;
  s.variants.push({summary: blank("head only", "head", null, W3.size + b3.size), vars: [W3, b3], logits: (x) => forward(x, head)});
  // LoRA on W1 (h × p) and W2 (h × h); head and biases frozen.
  const random = stream(c.seed, "adapters");
  for (const r of c.ranks) {
    const scale = loraScale(c.alpha, r);
    const A1 = variable(s, () => uniform(random, [r, c.p], kaimingUniformBound(c.p)));
    const B1 = variable(s, () => tf.zeros([c.hidden, r]));
    const A2 = variable(s, () => uniform(random, [r, c.hidden], kaimingUniformBound(c.hidden)));
    const B2 = variable(s, () => tf.zeros([c.hidden, r]));
    const dW = (A: tf.Variable, B: tf.Variable) => tf.mul(tf.matMul(B, A), scale) as tf.Tensor2D; // (h, r)(r, in) -> (h, in)
    const adapted = (x: tf.Tensor2D) => {
      // h = W0 x + s B (A x): the adapter path, as it runs before merging
      const h1 = tf.relu(tf.add(tf.add(tf.matMul(x, f.W1, false, true), tf.mul(tf.matMul(tf.matMul(x, A1, false, true), B1, false, true), scale)), f.b1));
      const h2 = tf.relu(tf.add(tf.add(tf.matMul(h1, f.W2, false, true), tf.mul(tf.matMul(tf.matMul(h1, A2, false, true), B2, false, true), scale)), f.b2));
      return tf.add(tf.matMul(h2, f.W3, false, true), f.b3) as tf.Tensor2D;
    };
    const merged = (x: tf.Tensor2D) => forward(x, f, tf.add(f.W1, dW(A1, B1)) as tf.Tensor2D, tf.add(f.W2, dW(A2, B2)) as tf.Tensor2D);
    s.variants.push({summary: blank(`LoRA r=${r}`, "lora", r, loraParamCount(c.hidden, c.p, r) + loraParamCount(c.hidden, c.hidden, r)), vars: [A1, B1, A2, B2], logits: adapted, merged});
  }
  s.optimizer.dispose();
  s.optimizer = tf.train.adam(c.lr);
}

/**
 * init: the tasks (stream(seed, "tasks")), a fresh network (stream(seed, "init"), torch.nn.Linear's
 * U(±1/√fan_in)) and Adam. step: one Adam step, pretraining on A, then (after pretrainSteps) adapting every
 * variant to B at once; mutates the state and returns it.
 */
export const mlpAdaptation: Algorithm<MlpConfig, MlpState, MlpSnapshot> = {
  init(config) {
    const c: MlpConfig = {...config, ranks: [...new Set(config.ranks)].sort((a, b) => a - b)};
    validateMlp(c);
    const tasks = makeTasks(c, stream(c.seed, "tasks"));
    const random = stream(c.seed, "init");
    const owned: tf.Tensor[] = [];
    const o = {owned};
    const data = {
      xTr: own(o, tf.tensor2d(tasks.train.x, [c.nTrain, c.p])),
      yATr: own(o, tf.tensor1d(tasks.train.yA, "int32")),
      yBTr: own(o, tf.tensor1d(tasks.train.yB, "int32")),
      xTe: own(o, tf.tensor2d(tasks.test.x, [c.nTest, c.p])),
      yBTeHot: own(o, tf.tidy(() => tf.oneHot(tf.tensor1d(tasks.test.yB, "int32"), c.classes) as tf.Tensor2D)),
      yATe: tasks.test.yA,
      yBTe: tasks.test.yB
    };
    const lin = (out: number, inp: number) => [variable(o, () => uniform(random, [out, inp], 1 / Math.sqrt(inp))), variable(o, () => tf.tensor1d(Float32Array.from({length: out}, () => (2 * random() - 1) / Math.sqrt(inp))))];
    const [W1, b1] = lin(c.hidden, c.p);
    const [W2, b2] = lin(c.hidden, c.hidden);
    const [W3, b3] = lin(c.classes, c.hidden);
    const base = {W1, b1, W2, b2, W3, b3} as unknown as Weights;
    const totalParams = Object.values(base).reduce((n, t) => n + t.size, 0);
    return {
      config: c, owned, data, base, variants: [], optimizer: tf.train.adam(c.lr), step: 0,
      snap: {phase: "pretrain", totalSteps: c.pretrainSteps + c.adaptSteps, pretrainLosses: [], baseAccA: 0, baseAccB: 0, agreement: tasks.agreement, totalParams, variants: [], accHistory: []}
    };
  },
  /** One Adam step (pretraining on A, or adapting all variants to B). Mutates `s`. */
  step(s) {
    const c = s.config;
    const {data} = s;
    if (s.step < c.pretrainSteps) {
      const loss = s.optimizer.minimize(() => crossEntropy(forward(data.xTr, s.base), data.yATr, c.classes), true, Object.values(s.base) as unknown as tf.Variable[])!;
      s.snap.pretrainLosses.push(loss.dataSync()[0]);
      loss.dispose();
      s.step++;
      if (s.step === c.pretrainSteps) {
        s.snap.baseAccA = accuracy(s, (x) => forward(x, s.base), data.yATe);
        s.snap.baseAccB = accuracy(s, (x) => forward(x, s.base), data.yBTe);
        startAdaptation(s);
        s.snap.phase = "adapt";
        evaluate(s);
        s.snap.variants = s.variants.map((v) => v.summary);
      }
      return s;
    }
    let per: tf.Tensor1D | null = null;
    const total = s.optimizer.minimize(() => {
      per = tf.keep(tf.stack(s.variants.map((v) => crossEntropy(v.logits(data.xTr), data.yBTr, c.classes))) as tf.Tensor1D);
      return tf.sum(per); // independent variants: the sum trains each on its own loss
    }, true, s.variants.flatMap((v) => v.vars));
    total?.dispose();
    const l = per!.dataSync();
    per!.dispose();
    s.variants.forEach((v, i) => v.summary.losses.push(l[i]));
    s.step++;
    if ((s.step - c.pretrainSteps) % c.evalEvery === 0 || s.step === s.snap.totalSteps) evaluate(s);
    if (s.step === s.snap.totalSteps) s.snap.phase = "done";
    return s;
  },
  progress: (s) => s.step / s.snap.totalSteps,
  snapshot(s, step) {
    const sn = s.snap;
    return {...sn, step, progress: s.step / sn.totalSteps, variants: sn.variants.map((v) => ({...v, losses: v.losses.slice()})), pretrainLosses: sn.pretrainLosses.slice(), accHistory: sn.accHistory.slice()};
  },
  dispose(s) {
    for (const t of s.owned) t.dispose();
    s.owned = [];
    s.optimizer.dispose();
  }
};

/** The MLP run as a run-controller Stepper; a bad config throws its InputError here, before any run. */
export function mlpStepper(config: Partial<MlpConfig> = {}): Stepper<MlpSnapshot> {
  const c: MlpConfig = {...DEFAULT_MLP, ...config};
  validateMlp(c);
  return loopStepper(mlpAdaptation, c);
}
