// Rank-r LoRA adapters and a full fine-tune trained side by side (TensorFlow.js autodiff + Adam) to fit
// W* = W0 + ΔW, where ΔW = S + N: a clean signal S of intrinsic rank r* plus Gaussian noise N. Inputs are
// whitened (XᵀX = n I), so the loss (1/n)Σ||ŷ − y||² equals ||ΔŴ − ΔW||_F² and the Eckart–Young tail
// Σ_{i>r} σ_i² is the exact best loss; the error against S alone shows what a rank buys beyond r* (noise).
// Written as an init/step pair (labs/kit/loop.ts). Leaves out minibatching and learning-rate schedules.
// Sources: Hu et al. 2021 (arXiv:2106.09685) §4.1, §7; Eckart & Young 1936; Kalajdzievski 2023 (rsLoRA).
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {loopStepper, type Algorithm} from "../kit/loop.js";
import type {Stepper} from "../kit/stepper.js";
import {type Mat, gaussian, orthonormalColumns, matmul, transpose, add, zeros, singularValues, eckartYoungFloor, frobeniusSquared} from "./linalg.js";
import {initLora, loraScale, loraParamCount, validateLora} from "./lora.js";
import {quantize, dequantize, doubleQuantize, doubleDequantize} from "./quant.js";
import {type SimConfig, DEFAULT_SIM} from "./config.js";

export {type SimConfig, DEFAULT_SIM};

/** Throws an InputError naming the first value outside its domain. */
export function validateSim(c: SimConfig): void {
  if (!Number.isInteger(c.d) || !Number.isInteger(c.k) || c.d < 2 || c.k < 2 || c.d > 256 || c.k > 256) throw new InputError(`d and k must be whole numbers from 2 to 256, got d = ${c.d}, k = ${c.k}.`);
  if (!Number.isInteger(c.rStar) || c.rStar < 1 || c.rStar > Math.min(c.d, c.k)) throw new InputError(`The intrinsic rank r* must be a whole number from 1 to min(d, k) = ${Math.min(c.d, c.k)}, got ${c.rStar}.`);
  if (!Number.isFinite(c.noise) || c.noise < 0 || c.noise > 1) throw new InputError(`The noise level must be a number from 0 to 1, got ${c.noise}.`);
  if (c.ranks.length === 0 && !c.full) throw new InputError("Choose at least one LoRA rank or the full fine-tune.");
  for (const r of c.ranks) validateLora({d: c.d, k: c.k, r, alpha: c.alpha});
  if (c.scaling !== "standard" && c.scaling !== "rslora") throw new InputError(`scaling must be "standard" or "rslora", got "${String(c.scaling)}".`);
  if (c.init !== "kaiming" && c.init !== "gaussian") throw new InputError(`init must be "kaiming" or "gaussian", got "${String(c.init)}".`);
  if (!Number.isFinite(c.lr) || c.lr <= 0 || c.lr > 1) throw new InputError(`The learning rate must be in (0, 1], got ${c.lr}.`);
  if (!Number.isInteger(c.steps) || c.steps < 1 || c.steps > 100000) throw new InputError(`steps must be a whole number from 1 to 100000, got ${c.steps}.`);
  if (c.lossForm !== "inputs" && c.lossForm !== "weights") throw new InputError(`lossForm must be "inputs" or "weights", got "${String(c.lossForm)}".`);
  if (c.base !== "exact" && c.base !== "nf4") throw new InputError(`base must be "exact" or "nf4", got "${String(c.base)}".`);
  if (!Number.isInteger(c.n) || c.n < c.k || c.n > 4096) throw new InputError(`The number of inputs n must be a whole number from k = ${c.k} (whitened inputs need n ≥ k) to 4096, got ${c.n}.`);
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 2 ** 32 - 1) throw new InputError(`The seed must be a whole number from 0 to 2³² − 1, got ${c.seed}.`);
}

export interface SimProblem {
  /** (d, k) frozen base the adapters sit on (W0, or its NF4 reconstruction) */
  base: Mat;
  /** (d, k) exact W0 */
  W0: Mat;
  /** (d, k) ΔW = signal + noise */
  dW: Mat;
  /** (d, k) the clean rank-r* part of ΔW */
  signal: Mat;
  /** (d, k) what the adapter must learn: W* − base */
  target: Mat;
  /** (d, k) the same without the noise: W0 + S − base */
  cleanTarget: Mat;
  /** (n, k) whitened inputs, XᵀX = n I */
  X: Mat;
  /** singular values of ΔW, of the target and of the fine-tuned matrix W* = W0 + ΔW */
  dWSingular: Float64Array;
  targetSingular: Float64Array;
  wStarSingular: Float64Array;
  /** planted singular values of the signal part */
  planted: number[];
}

/** Signal singular values 3·0.75^(i−1), i = 1..r*: distinct, so spectra are easy to tell apart. */
export function plantedSpectrum(rStar: number): number[] {
  return Array.from({length: rStar}, (_, i) => 3 * 0.75 ** i);
}

/** The matrices of one experiment, from named random streams of c.seed. Pure; throws InputError on a bad config. */
export function makeProblem(c: SimConfig): SimProblem {
  validateSim(c);
  const W0 = gaussian(c.d, c.k, 1 / Math.sqrt(c.k), stream(c.seed, "W0")); // (d, k), rows of unit expected norm
  const directions = stream(c.seed, "signal");
  const U = orthonormalColumns(c.d, c.rStar, directions); // (d, r*)
  const V = orthonormalColumns(c.k, c.rStar, directions); // (k, r*)
  const planted = plantedSpectrum(c.rStar);
  const US = zeros(c.d, c.rStar);
  for (let i = 0; i < c.d; i++) for (let j = 0; j < c.rStar; j++) US.data[i * c.rStar + j] = U.data[i * c.rStar + j] * planted[j];
  const signal = matmul(US, transpose(V)); // (d, r*)(r*, k) -> (d, k)
  const dW = add(signal, gaussian(c.d, c.k, c.noise, stream(c.seed, "noise")));
  const Q = orthonormalColumns(c.n, c.k, stream(c.seed, "inputs")); // (n, k), QᵀQ = I
  const X = zeros(c.n, c.k);
  const sq = Math.sqrt(c.n);
  for (let i = 0; i < X.data.length; i++) X.data[i] = Q.data[i] * sq; // XᵀX = n I
  let base = W0;
  if (c.base === "nf4") {
    const q = quantize(W0, "nf4", largestDivisor(c.k, 64));
    base = dequantize(q, doubleDequantize(doubleQuantize(q.absmax, 256)));
  }
  const wStar = add(W0, dW);
  const target = add(wStar, base, -1); // W* − base
  const cleanTarget = add(add(W0, signal), base, -1);
  return {base, W0, dW, signal, target, cleanTarget, X, dWSingular: singularValues(dW), targetSingular: singularValues(target), wStarSingular: singularValues(wStar), planted};
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
  /** loss ||ΔŴ − (W* − base)||² per step, index 0 = before training */
  losses: number[];
  /** error against the clean signal, ||ΔŴ − (W0 + S − base)||², per step */
  signalErrors: number[];
  /** singular values of the learned update (alpha/r)BA (or of the learned Δ for full) */
  learnedSingular: number[];
}

export interface SimSnapshot {
  step: number;
  steps: number;
  progress: number;
  models: ModelSummary[];
  dWSingular: number[];
  targetSingular: number[];
  /** singular values of the fine-tuned matrix W0 + ΔW */
  wStarSingular: number[];
  /** ||N||²: the noise the target carries beyond the clean signal */
  noiseEnergy: number;
  /** max |ŷ − base·x| over all inputs and adapters at step 0 (B = 0 ⇒ exactly 0) */
  initialOutputChange: number;
  targetEnergy: number;
  /** ||W0 − base||_F²: 0 for the exact base, the quantization error for NF4 */
  baseError: number;
  elapsedMs: number;
}

export interface SimState {
  config: SimConfig;
  problem: SimProblem;
  summaries: ModelSummary[];
  /** number of LoRA adapters (the models before the full fine-tune) */
  adapters: number;
  // All M adapters live in one padded batch so a step costs a handful of ops, not a handful per rank:
  // A (M, rmax, k), B (M, d, rmax), mask (M, 1, rmax) zeroes the columns beyond each adapter's rank
  // (their gradients are then exactly 0 and Adam leaves them at 0), scales (M, 1, 1) = alpha/r or alpha/√r.
  A: tf.Variable | null;
  B: tf.Variable | null;
  /** (d, k) the full fine-tune's ΔŴ, starts at 0 */
  D: tf.Variable | null;
  mask: tf.Tensor3D | null;
  scales: tf.Tensor3D | null;
  /** (n, k) inputs, (n, d) residual targets X (W* − base)ᵀ, (d, k) W* − base and W0 + S − base */
  X: tf.Tensor2D;
  Y: tf.Tensor2D;
  T: tf.Tensor2D;
  C: tf.Tensor2D;
  optimizer: tf.Optimizer;
  step: number;
  initialOutputChange: number;
  elapsedMs: number;
  /** step and wall time at which learnedSingular was last computed */
  spectraStep: number;
  spectraAt: number;
}

/** The adapters' updates s·B_m A_m: (M, d, rmax)(M, rmax, k) -> (M, d, k). Call inside tf.tidy. */
const adapterUpdates = (s: SimState): tf.Tensor3D => tf.matMul(tf.mul(s.B!, tf.mul(s.mask!, s.scales!)), s.A as tf.Tensor3D);

/** Per-model ||ΔŴ − target||_F², shape (models). Call inside tf.tidy. */
function weightErrors(s: SimState, target: tf.Tensor2D): tf.Tensor1D {
  const parts: tf.Tensor1D[] = [];
  if (s.A) parts.push(tf.sum(tf.square(tf.sub(adapterUpdates(s), target)), [1, 2]));
  if (s.D) parts.push(tf.reshape(tf.sum(tf.square(tf.sub(s.D, target))), [1]));
  return parts.length === 1 ? parts[0] : tf.concat(parts);
}

/** Per-model training loss (1/n)·||ŷ − y||², shape (models); "weights" computes the same number as ||ΔŴ − T||². Call inside tf.tidy. */
function trainingLoss(s: SimState): tf.Tensor1D {
  const {n, k} = s.config;
  if (s.config.lossForm === "weights") return weightErrors(s, s.T);
  const parts: tf.Tensor1D[] = [];
  if (s.A) {
    const xb = tf.broadcastTo(s.X, [s.adapters, n, k]) as tf.Tensor3D; // (M, n, k)
    const xa = tf.mul(tf.matMul(xb, s.A as tf.Tensor3D, false, true), tf.mul(s.mask!, s.scales!)); // (M, n, k)(M, k, rmax) -> (M, n, rmax)
    const pred = tf.matMul(xa, s.B as tf.Tensor3D, false, true); // (M, n, rmax)(M, rmax, d) -> (M, n, d)
    parts.push(tf.div(tf.sum(tf.square(tf.sub(pred, s.Y)), [1, 2]), n));
  }
  if (s.D) {
    const pred = tf.matMul(s.X, s.D as tf.Tensor2D, false, true); // (n, k)(k, d) -> (n, d)
    parts.push(tf.reshape(tf.div(tf.sum(tf.square(tf.sub(pred, s.Y))), n), [1]));
  }
  return parts.length === 1 ? parts[0] : tf.concat(parts);
}

/** Both errors of every model, shape (2, models): row 0 the training loss, row 1 the error against the clean signal. Call inside tf.tidy. */
const errors = (s: SimState): tf.Tensor2D => tf.stack([trainingLoss(s), weightErrors(s, s.C)]) as tf.Tensor2D;

/** Writes rows of errors() as entry `s.step` of every model's curves. Mutates `s`. */
function write(s: SimState, values: Float32Array | Int32Array | Uint8Array): void {
  const M = s.summaries.length;
  s.summaries.forEach((m, i) => {
    m.losses[s.step] = values[i];
    m.signalErrors[s.step] = values[M + i];
  });
}

/** Records both errors at the current parameters as entry `s.step`, unless present. Mutates `s`. */
function record(s: SimState): void {
  if (s.summaries[0].losses.length > s.step) return;
  const t = tf.tidy(() => errors(s));
  write(s, t.dataSync());
  t.dispose();
}

/** Largest |ŷ − base·x| over inputs and adapters: the change the adapters make to the layer's output. */
function outputChange(s: SimState): number {
  const t = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    if (s.A) {
      const xb = tf.broadcastTo(s.X, [s.adapters, s.config.n, s.config.k]) as tf.Tensor3D;
      parts.push(tf.max(tf.abs(tf.matMul(tf.mul(tf.matMul(xb, s.A as tf.Tensor3D, false, true), tf.mul(s.mask!, s.scales!)), s.B as tf.Tensor3D, false, true))));
    }
    if (s.D) parts.push(tf.max(tf.abs(tf.matMul(s.X, s.D as tf.Tensor2D, false, true))));
    return tf.max(tf.stack(parts));
  });
  const m = t.dataSync()[0];
  t.dispose();
  return m;
}

/** Recomputes each model's learned spectrum (one SVD per model). Mutates `s`. */
function updateSpectra(s: SimState): void {
  const {d, k} = s.config;
  const t = tf.tidy(() => (s.A && s.D ? tf.concat([adapterUpdates(s), tf.expandDims(s.D, 0)]) : s.A ? adapterUpdates(s) : tf.expandDims(s.D!, 0)));
  const data = t.dataSync();
  t.dispose();
  s.summaries.forEach((m, i) => {
    const mat: Mat = {rows: d, cols: k, data: Float64Array.from(data.subarray(i * d * k, (i + 1) * d * k))};
    m.learnedSingular = Array.from(singularValues(mat));
  });
  s.spectraStep = s.step;
  s.spectraAt = performance.now();
}

/** Variable with the given first value; the value tensor itself is freed (tf.variable keeps its own reference). */
const variable = (make: () => tf.Tensor): tf.Variable => tf.tidy(() => tf.variable(make()));

/**
 * init: the problem, the adapters (A random from stream(seed, "adapters"), B = 0), the full fine-tune (Δ = 0)
 * and Adam. step: one Adam step on every model at once (mutates the state and returns it). The learned spectra
 * (6 SVDs, dearer than a step) are refreshed by snapshot() when older than `spectrumIntervalMs` and at the end.
 */
export function rankSimulation(options: {spectrumIntervalMs?: number} = {}): Algorithm<SimConfig, SimState, SimSnapshot> {
  const interval = options.spectrumIntervalMs ?? 0;
  return {
    init(config) {
      const t0 = performance.now();
      const c: SimConfig = {...config, ranks: [...new Set(config.ranks)].sort((a, b) => a - b)};
      const problem = makeProblem(c);
      const random = stream(c.seed, "adapters");
      const summaries: ModelSummary[] = [];
      const rmax = Math.max(0, ...c.ranks);
      const M = c.ranks.length;
      const aData = new Float32Array(M * rmax * c.k); // (M, rmax, k)
      const maskData = new Float32Array(M * rmax); // (M, 1, rmax)
      const scaleData = new Float32Array(M); // (M, 1, 1)
      c.ranks.forEach((r, m) => {
        const w = initLora({d: c.d, k: c.k, r, alpha: c.alpha, scaling: c.scaling}, random, c.init);
        aData.set(Float32Array.from(w.A.data), m * rmax * c.k); // rows 0..r−1 of slot m; the rest stay 0
        for (let j = 0; j < r; j++) maskData[m * rmax + j] = 1;
        scaleData[m] = w.s;
        const trainable = loraParamCount(c.d, c.k, r);
        summaries.push({label: `LoRA r=${r}`, r, scale: w.s, trainable, optimizerFloats: 2 * trainable, floor: eckartYoungFloor(problem.targetSingular, r), losses: [], signalErrors: [], learnedSingular: []});
      });
      if (c.full) summaries.push({label: "full fine-tune", r: null, scale: 1, trainable: c.d * c.k, optimizerFloats: 2 * c.d * c.k, floor: 0, losses: [], signalErrors: [], learnedSingular: []});
      const tensor = (m: Mat) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
      const state: SimState = {
        config: c, problem, summaries, adapters: M,
        A: M > 0 ? variable(() => tf.tensor3d(aData, [M, rmax, c.k])) : null,
        B: M > 0 ? variable(() => tf.zeros([M, c.d, rmax])) : null, // B = 0: the adapted layer starts as W0
        D: c.full ? variable(() => tf.zeros([c.d, c.k])) : null,
        mask: M > 0 ? tf.tensor3d(maskData, [M, 1, rmax]) : null,
        scales: M > 0 ? tf.tensor3d(scaleData, [M, 1, 1]) : null,
        X: tensor(problem.X),
        // Y holds the residual the adapter must produce: X (W* − base)ᵀ, so the frozen base path cancels.
        Y: tensor(matmul(problem.X, transpose(problem.target))), // (n, k)(k, d) -> (n, d)
        T: tensor(problem.target),
        C: tensor(problem.cleanTarget),
        optimizer: tf.train.adam(c.lr),
        step: 0, initialOutputChange: 0, elapsedMs: 0, spectraStep: -1, spectraAt: -Infinity
      };
      state.initialOutputChange = outputChange(state);
      record(state);
      updateSpectra(state);
      state.elapsedMs = performance.now() - t0;
      return state;
    },
    /** One Adam step on every model; records both errors before the update as entry `s.step`. Mutates `s`. */
    step(s) {
      const t0 = performance.now();
      const vars = [s.A, s.B, s.D].filter((v): v is tf.Variable => v !== null);
      let both: tf.Tensor2D | null = null;
      // Models are independent, so one summed loss trains each on its own loss.
      s.optimizer.minimize(() => {
        both = tf.keep(errors(s));
        return tf.sum(both.gather(0));
      }, false, vars);
      write(s, both!.dataSync());
      both!.dispose();
      s.step++;
      s.elapsedMs += performance.now() - t0;
      return s;
    },
    progress: (s) => s.step / s.config.steps,
    snapshot(s, step) {
      const done = s.step >= s.config.steps;
      record(s); // the entry after the last update
      if (s.spectraStep !== s.step && (done || performance.now() - s.spectraAt >= interval)) updateSpectra(s);
      const p = s.problem;
      return {
        step, steps: s.config.steps, progress: s.step / s.config.steps,
        models: s.summaries.map((m) => ({...m, losses: m.losses.slice(), signalErrors: m.signalErrors.slice(), learnedSingular: m.learnedSingular.slice()})),
        dWSingular: Array.from(p.dWSingular),
        targetSingular: Array.from(p.targetSingular),
        wStarSingular: Array.from(p.wStarSingular),
        noiseEnergy: frobeniusSquared(add(p.dW, p.signal, -1)),
        initialOutputChange: s.initialOutputChange,
        targetEnergy: frobeniusSquared(p.target),
        baseError: frobeniusSquared(add(p.W0, p.base, -1)),
        elapsedMs: s.elapsedMs
      };
    },
    dispose(s) {
      for (const t of [s.A, s.B, s.D, s.mask, s.scales, s.X, s.Y, s.T, s.C]) t?.dispose();
      s.optimizer.dispose();
    }
  };
}

/** The simulation as a run-controller Stepper; a bad config throws its InputError here, before any run. */
export function simStepper(config: Partial<SimConfig> = {}, options: {spectrumIntervalMs?: number} = {}): Stepper<SimSnapshot> {
  const c: SimConfig = {...DEFAULT_SIM, ...config};
  validateSim(c);
  return loopStepper(rankSimulation(options), c);
}
