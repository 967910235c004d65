// LoRA in a small network: an MLP (p → h → h → C, ReLU) is trained on task A, then adapted to a related
// task B by full fine-tuning, head-only tuning and LoRA at several ranks on its two hidden layers (TensorFlow.js, Adam).
// Task A labels inputs with a random teacher network; task B is task A seen through a rotation of the input
// in one plane (x -> R x, R − I of rank 2), so the ideal change to the first layer, W1 (R − I), has rank 2.
// Leaves out minibatches, dropout and schedules. Source: Hu et al. 2021 (LoRA), PEFT's LoraModel (adapter on/off, merge).
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import type {Stepper} from "../kit/stepper.js";
import {mulberry32, randomNormal} from "../kit/random.js";
import {kaimingUniformBound, loraParamCount, loraScale} from "./lora.js";
import {type MlpConfig, DEFAULT_MLP} from "./config.js";

export {type MlpConfig, DEFAULT_MLP};



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
  /** the adapted model on task A */
  accA: number;
  /** adapter removed (LoRA) — the base weights, untouched */
  accAAdapterOff: number | null;
  /** weights merged W0 + s B A: accuracy on B and the largest logit difference to the unmerged model */
  accBMerged: number | null;
  mergeMaxDiff: number | null;
}

export interface MlpSnapshot {
  phase: "pretrain" | "adapt" | "done";
  step: number;
  totalSteps: number;
  pretrainLosses: number[];
  baseAccA: number;
  baseAccB: number;
  /** fraction of test inputs on which tasks A and B agree */
  agreement: number;
  totalParams: number;
  variants: VariantSummary[];
  /** accuracy history: step (within adaptation) -> acc on B per variant */
  accHistory: {step: number; accB: number[]}[];
}

type Params = {W1: tf.Variable; b1: tf.Variable; W2: tf.Variable; b2: tf.Variable; W3: tf.Variable; b3: tf.Variable};
type Frozen = {W1: tf.Tensor2D; b1: tf.Tensor1D; W2: tf.Tensor2D; b2: tf.Tensor1D; W3: tf.Tensor2D; b3: tf.Tensor1D};

interface Variant {
  summary: VariantSummary;
  /** trainable copies (full/head) or adapters (lora) */
  vars: tf.Variable[];
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** LoRA only: logits of the merged weights */
  merged?: (x: tf.Tensor2D) => tf.Tensor2D;
}

const mlp = (x: tf.Tensor2D, w: Frozen | Params, W1: tf.Tensor2D = w.W1 as tf.Tensor2D, W2: tf.Tensor2D = w.W2 as tf.Tensor2D, W3: tf.Tensor2D = w.W3 as tf.Tensor2D) => {
  // weights are (out, in) like torch.nn.Linear: (n, in) x (in, out) -> (n, out)
  const h1 = tf.relu(tf.add(tf.matMul(x, W1, false, true), w.b1));
  const h2 = tf.relu(tf.add(tf.matMul(h1, W2, false, true), w.b2));
  return tf.add(tf.matMul(h2, W3, false, true), w.b3) as tf.Tensor2D;
};

export function mlpStepper(config: Partial<MlpConfig> = {}): Stepper<MlpSnapshot> {
  const c: MlpConfig = {...DEFAULT_MLP, ...config, ranks: [...new Set(config.ranks ?? DEFAULT_MLP.ranks)].sort((a, b) => a - b)};
  let tensors: tf.Tensor[] = [];
  let base: Params | null = null;
  let frozen: Frozen | null = null;
  let variants: Variant[] = [];
  let opt: tf.Optimizer | null = null;
  let step = 0;
  let snap: MlpSnapshot | null = null;
  let data: {xTr: tf.Tensor2D; yATr: tf.Tensor1D; yBTr: tf.Tensor1D; xTe: tf.Tensor2D; yATe: Int32Array; yBTe: Int32Array} | null = null;
  let random: () => number = mulberry32(c.seed);

  const keep = <T extends tf.Tensor>(t: T): T => {
    tensors.push(t);
    return t;
  };
  const dispose = () => {
    tensors.forEach((t) => t.dispose());
    tensors = [];
    opt?.dispose();
    opt = null;
    base = null;
    frozen = null;
    variants = [];
  };
  const uniform = (shape: [number, number], bound: number) => tf.tensor2d(Float32Array.from({length: shape[0] * shape[1]}, () => (2 * random() - 1) * bound), shape);
  const ce = (logits: tf.Tensor2D, y: tf.Tensor1D) => tf.losses.softmaxCrossEntropy(tf.oneHot(y, c.classes), logits) as tf.Scalar;
  const accuracy = (logits: tf.Tensor2D, y: Int32Array): number => {
    const pred = tf.tidy(() => tf.argMax(logits, 1)).dataSync();
    let ok = 0;
    for (let i = 0; i < y.length; i++) ok += pred[i] === y[i] ? 1 : 0;
    return ok / y.length;
  };
  const acc = (f: (x: tf.Tensor2D) => tf.Tensor2D, y: Int32Array) => {
    const l = tf.tidy(() => f(data!.xTe));
    const a = accuracy(l, y);
    l.dispose();
    return a;
  };

  const evaluate = () => {
    for (const v of variants) {
      v.summary.accB = acc(v.logits, data!.yBTe);
      v.summary.accA = acc(v.logits, data!.yATe);
      if (v.merged) {
        v.summary.accAAdapterOff = acc((x) => mlp(x, frozen!), data!.yATe);
        v.summary.accBMerged = acc(v.merged, data!.yBTe);
        v.summary.mergeMaxDiff = tf.tidy(() => tf.max(tf.abs(tf.sub(v.merged!(data!.xTe), v.logits(data!.xTe)))).dataSync()[0]);
      }
    }
    snap!.accHistory.push({step: step - c.pretrainSteps, accB: variants.map((v) => v.summary.accB)});
  };

  const startAdaptation = () => {
    // Freeze the pretrained weights, then build each variant from them.
    const b = base!;
    frozen = {W1: keep(b.W1.clone()) as tf.Tensor2D, b1: keep(b.b1.clone()) as tf.Tensor1D, W2: keep(b.W2.clone()) as tf.Tensor2D, b2: keep(b.b2.clone()) as tf.Tensor1D, W3: keep(b.W3.clone()) as tf.Tensor2D, b3: keep(b.b3.clone()) as tf.Tensor1D};
    const f = frozen;
    const blank = (label: string, kind: VariantSummary["kind"], r: number | null, trainable: number): VariantSummary => ({label, kind, r, trainable, losses: [], accB: 0, accA: 0, accAAdapterOff: null, accBMerged: null, mergeMaxDiff: null});
    // Full fine-tune: every weight and bias is a trainable copy.
    const full: Params = {W1: keep(tf.variable(f.W1.clone())), b1: keep(tf.variable(f.b1.clone())), W2: keep(tf.variable(f.W2.clone())), b2: keep(tf.variable(f.b2.clone())), W3: keep(tf.variable(f.W3.clone())), b3: keep(tf.variable(f.b3.clone()))};
    const nAll = [f.W1, f.b1, f.W2, f.b2, f.W3, f.b3].reduce((s, t) => s + t.size, 0);
    variants.push({summary: blank("full fine-tune", "full", null, nAll), vars: Object.values(full), logits: (x) => mlp(x, full)});
    // Head only: the last layer (W3, b3) is trainable.
    const W3 = keep(tf.variable(f.W3.clone()));
    const b3 = keep(tf.variable(f.b3.clone()));
    variants.push({summary: blank("head only", "head", null, W3.size + b3.size), vars: [W3, b3], logits: (x) => mlp(x, {...f, W3: W3 as unknown as tf.Tensor2D, b3: b3 as unknown as tf.Tensor1D})});
    // LoRA on W1 (h × p) and W2 (h × h); head and biases frozen.
    for (const r of c.ranks) {
      const s = loraScale(c.alpha, r);
      const A1 = keep(tf.variable(uniform([r, c.p], kaimingUniformBound(c.p))));
      const B1 = keep(tf.variable(tf.zeros([c.hidden, r])));
      const A2 = keep(tf.variable(uniform([r, c.hidden], kaimingUniformBound(c.hidden))));
      const B2 = keep(tf.variable(tf.zeros([c.hidden, r])));
      const dW = (A: tf.Variable, B: tf.Variable) => tf.mul(tf.matMul(B, A), s) as tf.Tensor2D; // (h, r)(r, in) -> (h, in)
      const adapted = (x: tf.Tensor2D) => {
        // h = W0 x + s B (A x): the adapter path, as it runs before merging
        const h1 = tf.relu(tf.add(tf.add(tf.matMul(x, f.W1, false, true), tf.mul(tf.matMul(tf.matMul(x, A1, false, true), B1, false, true), s)), f.b1));
        const h2 = tf.relu(tf.add(tf.add(tf.matMul(h1, f.W2, false, true), tf.mul(tf.matMul(tf.matMul(h1, A2, false, true), B2, false, true), s)), f.b2));
        return tf.add(tf.matMul(h2, f.W3, false, true), f.b3) as tf.Tensor2D;
      };
      const merged = (x: tf.Tensor2D) => mlp(x, f, tf.add(f.W1, dW(A1, B1)) as tf.Tensor2D, tf.add(f.W2, dW(A2, B2)) as tf.Tensor2D);
      variants.push({summary: blank(`LoRA r=${r}`, "lora", r, loraParamCount(c.hidden, c.p, r) + loraParamCount(c.hidden, c.hidden, r)), vars: [A1, B1, A2, B2], logits: adapted, merged});
    }
    opt?.dispose();
    opt = tf.train.adam(c.lr);
  };

  const snapshotCopy = (): MlpSnapshot => ({...snap!, variants: snap!.variants.map((v) => ({...v, losses: v.losses.slice()})), pretrainLosses: snap!.pretrainLosses.slice(), accHistory: snap!.accHistory.slice()});

  return {
    reset() {
      validateMlp(c);
      dispose();
      random = mulberry32(c.seed);
      const tasks = makeTasks(c, random);
      data = {
        xTr: keep(tf.tensor2d(tasks.train.x, [c.nTrain, c.p])),
        yATr: keep(tf.tensor1d(tasks.train.yA, "int32")),
        yBTr: keep(tf.tensor1d(tasks.train.yB, "int32")),
        xTe: keep(tf.tensor2d(tasks.test.x, [c.nTest, c.p])),
        yATe: tasks.test.yA,
        yBTe: tasks.test.yB
      };
      // torch.nn.Linear's default init: U(±1/√fan_in) for weights and biases.
      const lin = (out: number, inp: number) => [keep(tf.variable(uniform([out, inp], 1 / Math.sqrt(inp)))), keep(tf.variable(tf.tensor1d(Float32Array.from({length: out}, () => (2 * random() - 1) / Math.sqrt(inp)))))];
      const [W1, b1] = lin(c.hidden, c.p);
      const [W2, b2] = lin(c.hidden, c.hidden);
      const [W3, b3] = lin(c.classes, c.hidden);
      base = {W1, b1, W2, b2, W3, b3};
      opt = tf.train.adam(c.lr);
      step = 0;
      const totalParams = Object.values(base).reduce((s, t) => s + t.size, 0);
      snap = {phase: "pretrain", step: 0, totalSteps: c.pretrainSteps + c.adaptSteps, pretrainLosses: [], baseAccA: 0, baseAccB: 0, agreement: tasks.agreement, totalParams, variants: [], accHistory: []};
      return snapshotCopy();
    },
    step(n: number) {
      if (!snap || !data) throw new Error("Call reset() before step().");
      const todo = Math.min(n, snap.totalSteps - step);
      for (let t = 0; t < todo; t++) {
        if (step < c.pretrainSteps) {
          const loss = opt!.minimize(() => ce(mlp(data!.xTr, base!), data!.yATr), true, Object.values(base!))!;
          snap.pretrainLosses.push(loss.dataSync()[0]);
          loss.dispose();
          step++;
          if (step === c.pretrainSteps) {
            snap.baseAccA = acc((x) => mlp(x, base!), data.yATe);
            snap.baseAccB = acc((x) => mlp(x, base!), data.yBTe);
            startAdaptation();
            snap.phase = "adapt";
            evaluate();
            snap.variants = variants.map((v) => v.summary);
          }
        } else {
          let per: tf.Tensor1D | null = null;
          opt!.minimize(
            () => {
              per = tf.keep(tf.stack(variants.map((v) => ce(v.logits(data!.xTr), data!.yBTr))) as tf.Tensor1D);
              return tf.sum(per) as tf.Scalar; // independent variants: the sum trains each on its own loss
            },
            false,
            variants.flatMap((v) => v.vars)
          );
          const l = per!.dataSync();
          per!.dispose();
          variants.forEach((v, i) => v.summary.losses.push(l[i]));
          step++;
          if ((step - c.pretrainSteps) % c.evalEvery === 0 || step === snap.totalSteps) evaluate();
        }
      }
      snap.step = step;
      if (step === snap.totalSteps) snap.phase = "done";
      return snapshotCopy();
    },
    progress: (s) => s.step / s.totalSteps,
    stepsDone: (s) => s.step,
    dispose
  };
}
