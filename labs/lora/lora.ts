// The LoRA layer h = W0 x + s·B A x with W0 frozen, B = 0 and A random at the start, s = alpha/r
// (or alpha/√r for rsLoRA); merge/unmerge, parameter counts and the analytic gradient of a squared loss.
// Leaves out dropout on the adapter input and bias terms (PEFT's defaults: dropout 0, bias "none").
// Sources: Hu et al. 2021 (arXiv:2106.09685) §4.1; huggingface/peft tuners/lora/layer.py; Kalajdzievski 2023 (rsLoRA).
import {InputError} from "../kit/params.js";
import {type Mat, zeros, matmul, transpose, add} from "./linalg.js";

export type LoraInit = "kaiming" | "gaussian";
export type LoraScaling = "standard" | "rslora";

export interface LoraShape {
  /** output size (rows of W0) */
  d: number;
  /** input size (columns of W0) */
  k: number;
  r: number;
  alpha: number;
  scaling?: LoraScaling;
}

/** Throws an InputError with a reader-facing message when the adapter shape is impossible. */
export function validateLora({d, k, r, alpha}: LoraShape): void {
  for (const [name, v] of [["d", d], ["k", k]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`The layer size ${name} must be a whole number ≥ 1, got ${v}.`);
  }
  if (typeof r !== "number" || !Number.isFinite(r) || !Number.isInteger(r)) throw new InputError(`The rank r must be a whole number, got ${String(r)}.`);
  if (r < 1) throw new InputError(`The rank r must be at least 1 (r = ${r} would be no adapter at all).`);
  if (r > Math.min(d, k)) {
    throw new InputError(`The rank r = ${r} exceeds min(d, k) = ${Math.min(d, k)}: a ${d} × ${k} update has rank at most ${Math.min(d, k)}, and a larger r only adds parameters.`);
  }
  if (typeof alpha !== "number" || !Number.isFinite(alpha)) throw new InputError(`alpha must be a number, got "${String(alpha)}".`);
  if (alpha <= 0) throw new InputError(`alpha must be positive, got ${alpha}.`);
}

/** The adapter's scale: alpha/r (Hu et al., PEFT default) or alpha/√r (rsLoRA, PEFT use_rslora=True). */
export function loraScale(alpha: number, r: number, scaling: LoraScaling = "standard"): number {
  return scaling === "rslora" ? alpha / Math.sqrt(r) : alpha / r;
}

/** Trainable parameters of one adapted d × k matrix: r(d + k) (A is r × k, B is d × r). */
export function loraParamCount(d: number, k: number, r: number): number {
  return r * (d + k);
}

/** Bound of PEFT's kaiming_uniform_(A, a=√5): gain·√(3/fan_in) with gain = √(2/(1+a²)) = 1/√3, so 1/√k. */
export function kaimingUniformBound(fanIn: number, a = Math.sqrt(5)): number {
  const gain = Math.sqrt(2 / (1 + a * a));
  return gain * Math.sqrt(3 / fanIn);
}

export interface LoraWeights {
  /** (r, k) */
  A: Mat;
  /** (d, r), zero at init */
  B: Mat;
  /** alpha/r or alpha/√r */
  s: number;
}

/**
 * A: Kaiming-uniform with a = √5 (PEFT's default, from loralib) or Gaussian with std 1/r
 * (PEFT's init_lora_weights="gaussian"; the paper says only "random Gaussian"). B = 0 either way.
 */
export function initLora(shape: LoraShape, random: () => number, init: LoraInit = "kaiming"): LoraWeights {
  validateLora(shape);
  const {d, k, r, alpha, scaling = "standard"} = shape;
  const A = zeros(r, k);
  if (init === "kaiming") {
    const bound = kaimingUniformBound(k);
    for (let i = 0; i < A.data.length; i++) A.data[i] = (2 * random() - 1) * bound;
  } else {
    // Box–Muller inline so this module needs only `random`.
    for (let i = 0; i < A.data.length; i += 2) {
      let u = 0;
      while (u === 0) u = random();
      const v = random();
      const rad = Math.sqrt(-2 * Math.log(u));
      A.data[i] = (rad * Math.cos(2 * Math.PI * v)) / r;
      if (i + 1 < A.data.length) A.data[i + 1] = (rad * Math.sin(2 * Math.PI * v)) / r;
    }
  }
  return {A, B: zeros(d, r), s: loraScale(alpha, r, scaling)};
}

/** h = x W0ᵀ + s (x Aᵀ) Bᵀ for a batch x: (n, k) -> (n, d). The adapter path never forms B A. */
export function loraForward(W0: Mat, {A, B, s}: LoraWeights, x: Mat): Mat {
  const base = matmul(x, transpose(W0)); // (n, k) x (k, d) -> (n, d)
  const low = matmul(matmul(x, transpose(A)), transpose(B)); // (n, k)(k, r) -> (n, r); (n, r)(r, d) -> (n, d)
  return add(base, low, s);
}

/** ΔW = s B A: (d, r) x (r, k) -> (d, k) */
export function deltaW({A, B, s}: LoraWeights): Mat {
  const ba = matmul(B, A);
  for (let i = 0; i < ba.data.length; i++) ba.data[i] *= s;
  return ba;
}

/** W = W0 + s B A: one matrix again, so inference costs nothing extra. */
export function merge(W0: Mat, w: LoraWeights): Mat {
  return add(W0, deltaW(w));
}

/** W0 = W − s B A: removes a merged adapter (exact up to rounding). */
export function unmerge(W: Mat, w: LoraWeights): Mat {
  return add(W, deltaW(w), -1);
}

/**
 * Loss L = (1/n) Σ_i ||h_i − y_i||² and its gradients with respect to A and B (W0 frozen).
 * With E = h − y (n, d): ∂L/∂B = (2s/n) Eᵀ (x Aᵀ), ∂L/∂A = (2s/n) Bᵀ Eᵀ x.
 */
export function loraLossAndGrad(W0: Mat, w: LoraWeights, x: Mat, y: Mat): {loss: number; gradA: Mat; gradB: Mat} {
  const n = x.rows;
  const h = loraForward(W0, w, x);
  const e = add(h, y, -1); // (n, d)
  let loss = 0;
  for (let i = 0; i < e.data.length; i++) loss += e.data[i] * e.data[i];
  loss /= n;
  const c = (2 * w.s) / n;
  const et = transpose(e); // (d, n)
  const xa = matmul(x, transpose(w.A)); // (n, r)
  const gradB = matmul(et, xa); // (d, n)(n, r) -> (d, r)
  const gradA = matmul(matmul(transpose(w.B), et), x); // (r, d)(d, n)(n, k) -> (r, k)
  for (const g of [gradA, gradB]) for (let i = 0; i < g.data.length; i++) g.data[i] *= c;
  return {loss, gradA, gradB};
}
