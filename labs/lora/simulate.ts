// Rank-r LoRA adapters and a full fine-tune trained side by side (TensorFlow.js autodiff + Adam) to fit
// W* = W0 + ΔW, where ΔW has intrinsic rank r* plus Gaussian noise. Inputs are whitened (XᵀX = n I), so the
// loss (1/n)Σ||ŷ − y||² equals ||ΔŴ − ΔW||_F² and the Eckart–Young tail Σ_{i>r} σ_i² is the exact best loss.
// Leaves out minibatching and learning-rate schedules. Sources: Hu et al. 2021; Eckart & Young 1936; rsLoRA.
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import type {Stepper} from "../kit/stepper.js";
import {mulberry32} from "../kit/random.js";
import {type Mat, gaussian, orthonormalColumns, matmul, transpose, add, zeros, singularValues, eckartYoungFloor, frobeniusSquared} from "./linalg.js";
import {initLora, loraScale, loraParamCount, validateLora} from "./lora.js";
import {quantize, dequantize, doubleQuantize, doubleDequantize} from "./quant.js";
import {type SimConfig, DEFAULT_SIM} from "./config.js";

export {type SimConfig, DEFAULT_SIM};



export function validateSim(c: SimConfig): void {
  if (!Number.isInteger(c.d) || !Number.isInteger(c.k) || c.d < 2 || c.k < 2 || c.d > 256 || c.k > 256) throw new InputError(`d and k must be whole numbers from 2 to 256, got d = ${c.d}, k = ${c.k}.`);
  if (!Number.isInteger(c.rStar) || c.rStar < 1 || c.rStar > Math.min(c.d, c.k)) throw new InputError(`The intrinsic rank r* must be a whole number from 1 to min(d, k) = ${Math.min(c.d, c.k)}, got ${c.rStar}.`);
  if (!Number.isFinite(c.noise) || c.noise < 0) throw new InputError(`The noise level must be a number ≥ 0, got ${c.noise}.`);
  if (c.ranks.length === 0 && !c.full) throw new InputError("Choose at least one LoRA rank or the full fine-tune.");
  for (const r of c.ranks) validateLora({d: c.d, k: c.k, r, alpha: c.alpha});
  if (!Number.isFinite(c.lr) || c.lr <= 0 || c.lr > 1) throw new InputError(`The learning rate must be in (0, 1], got ${c.lr}.`);
  if (!Number.isInteger(c.steps) || c.steps < 1 || c.steps > 100000) throw new InputError(`steps must be a whole number from 1 to 100000, got ${c.steps}.`);
  if (c.lossForm !== "inputs" && c.lossForm !== "weights") throw new InputError(`lossForm must be "inputs" or "weights", got "${String(c.lossForm)}".`);
  if (!Number.isInteger(c.n) || c.n < c.k) throw new InputError(`The number of inputs n must be a whole number ≥ k = ${c.k} (whitened inputs need n ≥ k), got ${c.n}.`);
}

export interface SimProblem {
  /** (d, k) frozen base the adapters sit on (W0, or its NF4 reconstruction) */
  base: Mat;
  /** (d, k) exact W0 */
  W0: Mat;
  /** (d, k) ΔW = signal + noise */
  dW: Mat;
  /** (d, k) what the adapter must learn: W* − base */
  target: Mat;
  /** (n, k) whitened inputs, XᵀX = n I */
  X: Mat;
  /** singular values of ΔW and of the target */
  dWSingular: Float64Array;
  targetSingular: Float64Array;
  /** planted singular values of the signal part */
  signal: number[];
}

/** Signal singular values 3·0.75^(i−1), i = 1..r*: distinct, so spectra are easy to tell apart. */
export function plantedSpectrum(rStar: number): number[] {
  return Array.from({length: rStar}, (_, i) => 3 * 0.75 ** i);
}

export function makeProblem(c: SimConfig): SimProblem {
  validateSim(c);
  const random = mulberry32(c.seed);
  const W0 = gaussian(c.d, c.k, 1 / Math.sqrt(c.k), random); // (d, k), rows of unit expected norm
  const U = orthonormalColumns(c.d, c.rStar, random); // (d, r*)
  const V = orthonormalColumns(c.k, c.rStar, random); // (k, r*)
  const signal = plantedSpectrum(c.rStar);
  const US = zeros(c.d, c.rStar);
  for (let i = 0; i < c.d; i++) for (let j = 0; j < c.rStar; j++) US.data[i * c.rStar + j] = U.data[i * c.rStar + j] * signal[j];
  const dW = add(matmul(US, transpose(V)), gaussian(c.d, c.k, c.noise, random)); // (d, r*)(r*, k) + noise -> (d, k)
  const Q = orthonormalColumns(c.n, c.k, random); // (n, k), QᵀQ = I
  const X = zeros(c.n, c.k);
  const sq = Math.sqrt(c.n);
  for (let i = 0; i < X.data.length; i++) X.data[i] = Q.data[i] * sq; // XᵀX = n I
  let base = W0;
  if (c.base === "nf4") {
    const q = quantize(W0, "nf4", 64 <= c.k && c.k % 64 === 0 ? 64 : largestDivisor(c.k, 64));
    base = dequantize(q, doubleDequantize(doubleQuantize(q.absmax, 256)));
  }
  const target = add(add(W0, dW), base, -1); // W* − base
  return {base, W0, dW, target, X, dWSingular: singularValues(dW), targetSingular: singularValues(target), signal};
}

function largestDivisor(n: number, b: number): number {
  for (let d = Math.min(n, b); d >= 1; d--) if (n % d === 0) return d;
  return 1;
}

export interface ModelSummary {
  label: string;
  /** LoRA rank, or null for the full fine-tune */
  r: number | null;
  scale: number;
  trainable: number;
  /** Adam keeps two moments per trainable parameter */
  optimizerFloats: number;
  /** Eckart–Young floor for this rank (0 for full) */
  floor: number;
  /** loss per step, index 0 = before training */
  losses: number[];
  /** singular values of the learned update (alpha/r)BA (or of the learned Δ for full) */
  learnedSingular: number[];
}

export interface SimSnapshot {
  step: number;
  steps: number;
  models: ModelSummary[];
  dWSingular: number[];
  targetSingular: number[];
  /** max |ŷ − W0 x| over all inputs and adapters at step 0 (B = 0 ⇒ exactly 0) */
  initialOutputChange: number;
  targetEnergy: number;
  /** ||W0 − base||_F²: 0 for the exact base, the quantization error for NF4 */
  baseError: number;
  elapsedMs: number;
}

interface Model {
  r: number | null;
  scale: number;
  summary: ModelSummary;
}

/** A steppable trainer: reset() builds problem and adapters; step(n) runs n Adam steps on every model at once. */
/** The simulation's stepper runs synchronously; problem() exposes the matrices for checks. */
export interface SimStepper extends Stepper<SimSnapshot> {
  reset(): SimSnapshot;
  step(n: number): SimSnapshot;
  problem(): SimProblem | null;
  dispose(): void;
}

/**
 * options.spectrumEvery: recompute the learned spectra when the step count is a multiple of this;
 * options.spectrumIntervalMs: or at most this often in wall time (the worker uses this, as 6 SVDs cost more than a step).
 * The final step always refreshes them.
 */
export function simStepper(config: Partial<SimConfig> = {}, options: {spectrumEvery?: number; spectrumIntervalMs?: number} = {}): SimStepper {
  const c: SimConfig = {...DEFAULT_SIM, ...config};
  let problem: SimProblem | null = null;
  let models: Model[] = [];
  // All M adapters live in one padded batch so a step costs a handful of ops, not a handful per rank:
  // A (M, rmax, k), B (M, d, rmax), mask (M, 1, rmax) zeroes the columns beyond each adapter's rank
  // (their gradients are then exactly 0 and Adam leaves them at 0), scales (M, 1, 1) = alpha/r or alpha/√r.
  let A: tf.Variable | null = null;
  let B: tf.Variable | null = null;
  let D: tf.Variable | null = null; // (d, k) the full fine-tune's ΔW, starts at 0
  let mask: tf.Tensor3D | null = null;
  let scales: tf.Tensor3D | null = null;
  let X: tf.Tensor2D | null = null;
  let Y: tf.Tensor2D | null = null;
  let T: tf.Tensor2D | null = null; // (d, k) target update W* − base
  let optimizer: tf.Optimizer | null = null;
  let step = 0;
  let elapsed = 0;
  let initialOutputChange = 0;
  const spectrumEvery = options.spectrumEvery ?? 1;
  const spectrumIntervalMs = options.spectrumIntervalMs;
  let lastSpectrum = -Infinity;

  const dispose = () => {
    [A, B, D, mask, scales].forEach((v) => v?.dispose());
    A = B = D = null;
    mask = scales = null;
    X?.dispose();
    Y?.dispose();
    T?.dispose();
    T = null;
    optimizer?.dispose();
    models = [];
    X = Y = null;
    optimizer = null;
  };

  /** Per-model loss (1/n)·||ŷ − y||², shape (M + full). */
  const perModelLoss = (): tf.Tensor1D => {
    const parts: tf.Tensor1D[] = [];
    if (c.lossForm === "weights") {
      if (A) {
        const upd = tf.matMul(tf.mul(B!, tf.mul(mask!, scales!)), A as tf.Tensor3D); // (M, d, rmax)(M, rmax, k) -> (M, d, k)
        parts.push(tf.sum(tf.square(tf.sub(upd, T!)), [1, 2]) as tf.Tensor1D);
      }
      if (D) parts.push(tf.reshape(tf.sum(tf.square(tf.sub(D, T!))), [1]) as tf.Tensor1D);
      return parts.length === 1 ? parts[0] : (tf.concat(parts) as tf.Tensor1D);
    }
    if (A) {
      const M = models.filter((m) => m.r !== null).length;
      const xb = tf.broadcastTo(X!, [M, c.n, c.k]) as tf.Tensor3D; // (M, n, k)
      const xa = tf.mul(tf.matMul(xb, A as tf.Tensor3D, false, true), tf.mul(mask!, scales!)); // (M, n, k)(M, k, rmax) -> (M, n, rmax)
      const pred = tf.matMul(xa, B as tf.Tensor3D, false, true); // (M, n, rmax)(M, rmax, d) -> (M, n, d)
      parts.push(tf.div(tf.sum(tf.square(tf.sub(pred, Y!)), [1, 2]), c.n) as tf.Tensor1D);
    }
    if (D) {
      const pred = tf.matMul(X!, D as tf.Tensor2D, false, true); // (n, k)(k, d) -> (n, d)
      parts.push(tf.reshape(tf.div(tf.sum(tf.square(tf.sub(pred, Y!))), c.n), [1]) as tf.Tensor1D);
    }
    return parts.length === 1 ? parts[0] : (tf.concat(parts) as tf.Tensor1D);
  };

  /** Learned updates as (d, k) matrices: s·B_m A_m per adapter, D for the full fine-tune. */
  const learnedUpdates = (): Float32Array[] =>
    tf.tidy(() => {
      const out: Float32Array[] = [];
      if (A) {
        const upd = tf.matMul(tf.mul(B!, tf.mul(mask!, scales!)), A as tf.Tensor3D); // (M, d, rmax)(M, rmax, k) -> (M, d, k)
        const data = upd.dataSync() as Float32Array;
        const size = c.d * c.k;
        for (let m = 0; m < upd.shape[0]; m++) out.push(data.slice(m * size, (m + 1) * size));
      }
      if (D) out.push(D.dataSync() as Float32Array);
      return out;
    });

  const updateSpectra = () => {
    learnedUpdates().forEach((data, i) => {
      const mat: Mat = {rows: c.d, cols: c.k, data: Float64Array.from(data)};
      models[i].summary.learnedSingular = Array.from(singularValues(mat));
    });
  };

  /** Largest |ŷ − base·x| over inputs and adapters: the change the adapters make to the layer's output. */
  const outputChange = (): number =>
    tf.tidy(() => {
      let m = 0;
      if (A) {
        const M = models.filter((mm) => mm.r !== null).length;
        const xb = tf.broadcastTo(X!, [M, c.n, c.k]) as tf.Tensor3D;
        const pred = tf.matMul(tf.mul(tf.matMul(xb, A as tf.Tensor3D, false, true), tf.mul(mask!, scales!)), B as tf.Tensor3D, false, true);
        m = Math.max(m, tf.max(tf.abs(pred)).dataSync()[0]);
      }
      if (D) m = Math.max(m, tf.max(tf.abs(tf.matMul(X!, D as tf.Tensor2D, false, true))).dataSync()[0]);
      return m;
    });

  const snapshot = (): SimSnapshot => ({
    step,
    steps: c.steps,
    models: models.map((m) => ({...m.summary, losses: m.summary.losses.slice(), learnedSingular: m.summary.learnedSingular.slice()})),
    dWSingular: Array.from(problem!.dWSingular),
    targetSingular: Array.from(problem!.targetSingular),
    initialOutputChange,
    targetEnergy: frobeniusSquared(problem!.target),
    baseError: frobeniusSquared(add(problem!.W0, problem!.base, -1)),
    elapsedMs: elapsed
  });

  const lossesNow = (): number[] => {
    const t = tf.tidy(perModelLoss);
    const l = Array.from(t.dataSync());
    t.dispose();
    return l;
  };

  return {
    problem: () => problem,
    reset() {
      dispose();
      const t0 = performance.now();
      problem = makeProblem(c);
      const random = mulberry32(c.seed + 1);
      X = tf.tensor2d(Float32Array.from(problem.X.data), [c.n, c.k]);
      // Y holds the residual the adapter must produce: X (W* − base)ᵀ, so the frozen base path cancels.
      const resid = matmul(problem.X, transpose(problem.target)); // (n, k)(k, d) -> (n, d)
      Y = tf.tensor2d(Float32Array.from(resid.data), [c.n, c.d]);
      T = tf.tensor2d(Float32Array.from(problem.target.data), [c.d, c.k]);
      const ranks = [...new Set(c.ranks)].sort((a, b) => a - b);
      const rmax = Math.max(0, ...ranks);
      const M = ranks.length;
      if (M > 0) {
        const aData = new Float32Array(M * rmax * c.k); // (M, rmax, k)
        const maskData = new Float32Array(M * rmax); // (M, 1, rmax)
        const scaleData = new Float32Array(M); // (M, 1, 1)
        ranks.forEach((r, m) => {
          const w = initLora({d: c.d, k: c.k, r, alpha: c.alpha, scaling: c.scaling}, random, c.init);
          aData.set(w.A.data, m * rmax * c.k); // rows 0..r−1 of slot m; the rest stay 0
          for (let j = 0; j < r; j++) maskData[m * rmax + j] = 1;
          scaleData[m] = w.s;
          models.push({
            r,
            scale: w.s,
            summary: {label: `LoRA r=${r}`, r, scale: w.s, trainable: loraParamCount(c.d, c.k, r), optimizerFloats: 2 * loraParamCount(c.d, c.k, r), floor: eckartYoungFloor(problem!.targetSingular, r), losses: [], learnedSingular: []}
          });
        });
        A = tf.variable(tf.tensor3d(aData, [M, rmax, c.k]));
        B = tf.variable(tf.zeros([M, c.d, rmax])); // B = 0: the adapted layer starts as W0
        mask = tf.tensor3d(maskData, [M, 1, rmax]);
        scales = tf.tensor3d(scaleData, [M, 1, 1]);
      }
      if (c.full) {
        D = tf.variable(tf.zeros([c.d, c.k]));
        models.push({r: null, scale: 1, summary: {label: "full fine-tune", r: null, scale: 1, trainable: c.d * c.k, optimizerFloats: 2 * c.d * c.k, floor: 0, losses: [], learnedSingular: []}});
      }
      optimizer = tf.train.adam(c.lr);
      initialOutputChange = outputChange();
      const l0 = lossesNow();
      models.forEach((m, i) => m.summary.losses.push(l0[i]));
      updateSpectra();
      step = 0;
      elapsed = performance.now() - t0;
      return snapshot();
    },
    step(nSteps: number) {
      if (!problem || !optimizer) throw new Error("Call reset() before step().");
      const t0 = performance.now();
      const vars = [A, B, D].filter((v): v is tf.Variable => v !== null);
      const todo = Math.max(0, Math.min(nSteps, c.steps - step));
      for (let s = 0; s < todo; s++) {
        let per: tf.Tensor1D | null = null;
        optimizer.minimize(
          () => {
            per = tf.keep(perModelLoss());
            return tf.sum(per) as tf.Scalar; // models are independent, so one sum trains each on its own loss
          },
          false,
          vars
        );
        // `per` is the loss at the parameters before this update, i.e. at step `step`.
        const l = per!.arraySync() as number[];
        per!.dispose();
        models.forEach((m, i) => (m.summary.losses[step] = l[i]));
        step++;
      }
      if (todo > 0) {
        const l = lossesNow();
        models.forEach((m, i) => (m.summary.losses[step] = l[i]));
      }
      const due = spectrumIntervalMs !== undefined ? performance.now() - lastSpectrum >= spectrumIntervalMs : step % spectrumEvery === 0;
      if (todo > 0 && (due || step === c.steps)) {
        updateSpectra();
        lastSpectrum = performance.now();
      }
      elapsed += performance.now() - t0;
      return snapshot();
    },
    progress: (s) => s.step / s.steps,
    stepsDone: (s) => s.step,
    dispose
  };
}
