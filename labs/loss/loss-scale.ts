// Does the size of the loss matter to training? Fit logits z to a target p under the loss
// c·H(p, softmax(z)) and compare c = 1 with c ≠ 1: plain SGD's update is c times larger (the gradient
// is), Adam's is almost unchanged (m̂/√v̂ cancels c; only ε does not). Leaves out: weight decay, clipping.
// Source: Kingma & Ba 2015, "Adam" (arXiv:1412.6980) §2.1 (the step is invariant to rescaling the gradient).
import {InputError} from "../kit/params.js";
import {checkDistribution, crossEntropyGradLogits, crossEntropyLog, logOf, logSoftmax} from "./categorical.js";
import {adamInit, adamStep, sgdStep} from "./optim.js";

export type Optimizer = "sgd" | "adam";

export interface ScaledRun {
  firstUpdate: number[]; // (K,) z after step 1 minus z before
  logits: number[]; // (K,) z after all steps
  loss: number; // unscaled H(p, softmax(z)) after all steps, nats
}

/**
 * Trains logits z (K,), starting at 0 (uniform q), on the loss scale·H(p, softmax(z)) for `steps`
 * steps of the optimizer with learning rate lr. The gradient is scale·(softmax(z) − p). Pure.
 */
export function scaledLossRun(p: ArrayLike<number>, options: {scale: number; optimizer: Optimizer; lr: number; steps: number}): ScaledRun {
  const {scale, optimizer, lr, steps} = options;
  checkDistribution(p, "p");
  if (!(scale > 0 && Number.isFinite(scale))) throw new InputError(`The loss scale c must be a positive number, got ${scale}.`);
  if (!Number.isInteger(steps) || steps < 1 || steps > 100_000) throw new InputError(`Steps must be a whole number from 1 to 100000, got ${steps}.`);
  if (optimizer !== "sgd" && optimizer !== "adam") throw new InputError(`The optimizer must be sgd or adam, got ${String(optimizer)}.`);
  const z = new Array(p.length).fill(0);
  const adam = adamInit(p.length);
  let firstUpdate: number[] = [];
  for (let t = 0; t < steps; t++) {
    const before = z.slice();
    const grad = Array.from(crossEntropyGradLogits(p, z), (g) => scale * g);
    if (optimizer === "sgd") sgdStep(z, grad, lr);
    else adamStep(z, grad, adam, lr);
    if (t === 0) firstUpdate = z.map((v, i) => v - before[i]);
  }
  return {firstUpdate, logits: z, loss: crossEntropyLog(logOf(p), logSoftmax(z))};
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

export interface ScaleComparison {
  /** ‖first update with loss c·L‖ / ‖first update with loss L‖. */
  firstStepRatio: number;
  /** Unscaled loss after `steps` steps, with loss L and with c·L. */
  lossPlain: number;
  lossScaled: number;
  /** The first gradient is 0 (p uniform: q = p already), so neither run moves. */
  atOptimum: boolean;
}

/** The same run with loss L and with c·L, for one optimizer. */
export function compareLossScale(p: ArrayLike<number>, options: {scale: number; optimizer: Optimizer; lr: number; steps: number}): ScaleComparison {
  const plain = scaledLossRun(p, {...options, scale: 1});
  const scaled = scaledLossRun(p, options);
  const base = norm(plain.firstUpdate);
  return {firstStepRatio: base > 0 ? norm(scaled.firstUpdate) / base : 1, lossPlain: plain.loss, lossScaled: scaled.loss, atOptimum: base === 0};
}
