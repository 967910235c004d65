// The two update rules the loss page compares: plain SGD (θ ← θ − η g) and Adam (Kingma & Ba 2015,
// arXiv:1412.6980, Algorithm 1: bias-corrected first and second moments). Float64, in place.
// Leaves out: weight decay, AMSGrad, schedules. The Gaussian KL fit (kl-fit.ts) uses adamStep too.
import {InputError} from "../kit/params.js";

export interface AdamHyper {
  beta1: number;
  beta2: number;
  epsilon: number;
}
/** The paper's defaults (Algorithm 1), which are also torch.optim.Adam's. */
export const ADAM_DEFAULTS: AdamHyper = {beta1: 0.9, beta2: 0.999, epsilon: 1e-8};

export interface AdamState {
  m: number[]; // (n,) first-moment estimate
  v: number[]; // (n,) second-moment estimate
  t: number; // steps taken
}

export function adamInit(n: number): AdamState {
  return {m: new Array(n).fill(0), v: new Array(n).fill(0), t: 0};
}

function checkStep(theta: ArrayLike<number>, grad: ArrayLike<number>, lr: number): void {
  if (theta.length !== grad.length) throw new InputError(`The gradient has ${grad.length} entries for ${theta.length} parameters.`);
  if (!(lr > 0 && Number.isFinite(lr))) throw new InputError(`The learning rate must be a positive number, got ${lr}.`);
  for (let i = 0; i < grad.length; i++) if (!Number.isFinite(grad[i])) throw new InputError(`Gradient entry ${i + 1} must be a finite number, got ${grad[i]}.`);
}

/** θ ← θ − η g. Mutates theta. (n,), (n,) */
export function sgdStep(theta: number[] | Float64Array, grad: ArrayLike<number>, lr: number): void {
  checkStep(theta, grad, lr);
  for (let i = 0; i < theta.length; i++) theta[i] -= lr * grad[i];
}

/**
 * One Adam step: m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², θ ← θ − η m̂ / (√v̂ + ε) with
 * m̂ = m/(1−β1^t), v̂ = v/(1−β2^t). Mutates theta and state. (n,), (n,)
 */
export function adamStep(theta: number[] | Float64Array, grad: ArrayLike<number>, state: AdamState, lr: number, hyper: AdamHyper = ADAM_DEFAULTS): void {
  checkStep(theta, grad, lr);
  const {beta1, beta2, epsilon} = hyper;
  state.t += 1;
  for (let i = 0; i < theta.length; i++) {
    state.m[i] = beta1 * state.m[i] + (1 - beta1) * grad[i];
    state.v[i] = beta2 * state.v[i] + (1 - beta2) * grad[i] * grad[i];
    const mHat = state.m[i] / (1 - beta1 ** state.t);
    const vHat = state.v[i] / (1 - beta2 ** state.t);
    theta[i] -= (lr * mHat) / (Math.sqrt(vHat) + epsilon);
  }
}
