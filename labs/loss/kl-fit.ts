// Fit one Gaussian q = N(μ, σ²) to a fixed Gaussian mixture p by minimising KL(p‖q) (forward) or
// KL(q‖p) (reverse) with TensorFlow.js autodiff and Adam, the KLs computed by quadrature on a grid.
// Steppable: init(config, random) then step(state). Leaves out: sampling-based (Monte Carlo) KL
// estimates and more than one dimension. Sources: Bishop, PRML §10.1.2 (Fig. 10.3); Kingma & Ba 2015 (Adam).
import * as tf from "@tensorflow/tfjs";
import {InputError} from "../kit/params.js";
import {DEFAULT_SEED, mulberry32} from "../kit/random.js";
import type {Stepper} from "../kit/stepper.js";
import {checkMixture, makeGrid, mixtureLogPdf, mixtureMoments, type Grid, type Mixture} from "./gaussian.js";

export type Direction = "forward" | "reverse";
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export interface KlFitConfig {
  mixture: Mixture;
  learningRate: number; // Adam step size, in units of μ and log σ
  steps: number; // the run stops after this many steps
  seed?: number; // only used by the page to build `random`
  gridSize?: number; // quadrature points (default 800)
  init?: {mu: number; sd: number}; // overrides the random initialisation
}

export interface FitSnapshot {
  direction: Direction;
  mu: number;
  sd: number;
  objective: number; // the KL this fit minimises, nats
  klPQ: number; // KL(p‖q) for the current q, nats
  klQP: number; // KL(q‖p) for the current q, nats
}

export interface KlFitState {
  config: KlFitConfig;
  grid: Grid; // (N,)
  logp: Float64Array; // (N,) log p on the grid
  step: number;
  init: {mu: number; sd: number};
  params: Record<Direction, {mu: number; logSd: number; m: [number, number]; v: [number, number]}>;
  history: {step: number; forward: number; reverse: number}[]; // objectives per step
}

export interface KlFitSnapshot {
  step: number;
  steps: number;
  init: {mu: number; sd: number};
  forward: FitSnapshot;
  reverse: FitSnapshot;
  history: {step: number; forward: number; reverse: number}[];
}

export function checkFitConfig(config: KlFitConfig): void {
  checkMixture(config.mixture);
  const {learningRate, steps, gridSize = 800} = config;
  if (!(learningRate > 0 && learningRate <= 1)) throw new InputError(`The learning rate must be in (0, 1], got ${learningRate}.`);
  if (!Number.isInteger(steps) || steps < 1 || steps > 100_000) throw new InputError(`Steps must be a whole number from 1 to 100000, got ${steps}.`);
  if (!Number.isInteger(gridSize) || gridSize < 50 || gridSize > 20_000) throw new InputError(`Grid size must be a whole number from 50 to 20000, got ${gridSize}.`);
  if (config.init && !(Number.isFinite(config.init.mu) && config.init.sd > 0 && Number.isFinite(config.init.sd))) {
    throw new InputError(`The initial μ must be a number and σ > 0, got μ = ${config.init.mu}, σ = ${config.init.sd}.`);
  }
}

/** A grid wide enough for p (±8 σ_i) and for any q near the moment-matched fit (mean ± 8 sd). */
export function fitGrid(m: Mixture, n: number): Grid {
  const {mean, variance} = mixtureMoments(m);
  const sd = Math.sqrt(variance);
  let lo = mean - 8 * sd;
  let hi = mean + 8 * sd;
  m.means.forEach((mu, i) => {
    lo = Math.min(lo, mu - 8 * m.sds[i]);
    hi = Math.max(hi, mu + 8 * m.sds[i]);
  });
  return makeGrid(lo, hi, n);
}

/**
 * log q̃ on the grid: the Gaussian's log-density renormalised so Σ q̃ dx = 1 (no mass lost off the grid).
 * (N,) -> (N,)
 */
export function gridLogQ(grid: Grid, mu: number, logSd: number): Float64Array {
  const sd = Math.exp(logSd);
  const logq = grid.x.map((x) => -0.5 * ((x - mu) / sd) ** 2 - logSd - LOG_SQRT_2PI);
  let max = -Infinity;
  for (const v of logq) if (v > max) max = v;
  let sum = 0;
  for (const v of logq) sum += Math.exp(v - max);
  const logZ = max + Math.log(sum) + Math.log(grid.dx);
  return logq.map((v) => v - logZ);
}

/** Float64 objective: KL(p‖q̃) (forward) or KL(q̃‖p) (reverse) by the midpoint rule, nats. */
export function fitObjective(direction: Direction, grid: Grid, logp: Float64Array, mu: number, logSd: number): number {
  const logq = gridLogQ(grid, mu, logSd);
  const [a, b] = direction === "forward" ? [logp, logq] : [logq, logp];
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > -Infinity) d += Math.exp(a[i]) * (a[i] - b[i]);
  return Math.max(0, d * grid.dx);
}

/** The same objective as a tfjs graph, so autodiff gives d/dμ and d/dlog σ. */
function objectiveTensor(direction: Direction, xs: tf.Tensor1D, logp: tf.Tensor1D, logDx: number, mu: tf.Scalar, logSd: tf.Scalar): tf.Scalar {
  const z = tf.div(tf.sub(xs, mu), tf.exp(logSd));
  const raw = tf.sub(tf.sub(tf.mul(tf.square(z), -0.5), logSd), LOG_SQRT_2PI);
  const logq = tf.sub(raw, tf.add(tf.logSumExp(raw), logDx));
  const dx = Math.exp(logDx);
  if (direction === "forward") return tf.mul(tf.sum(tf.mul(tf.exp(logp), tf.sub(logp, logq))), dx) as tf.Scalar;
  return tf.mul(tf.sum(tf.mul(tf.exp(logq), tf.sub(logq, logp))), dx) as tf.Scalar;
}

/** Objective value and its gradient [d/dμ, d/dlog σ] from tfjs autodiff (float32). */
export function objectiveAndGrad(direction: Direction, grid: Grid, logp: Float64Array, mu: number, logSd: number): {value: number; grad: [number, number]} {
  return tf.tidy(() => {
    const xs = tf.tensor1d(Float32Array.from(grid.x));
    const lp = tf.tensor1d(Float32Array.from(logp));
    const logDx = Math.log(grid.dx);
    const f = (m: tf.Tensor, s: tf.Tensor) => objectiveTensor(direction, xs, lp, logDx, m as tf.Scalar, s as tf.Scalar);
    const {value, grads} = tf.valueAndGrads(f)([tf.scalar(mu), tf.scalar(logSd)]);
    return {value: value.dataSync()[0], grad: [grads[0].dataSync()[0], grads[1].dataSync()[0]] as [number, number]};
  });
}

/** Seeded start, shared by both fits: μ uniform over the span of the modes ± 1, σ uniform in [0.5, 1.5]. */
export function initKlFit(config: KlFitConfig, random: () => number): KlFitState {
  checkFitConfig(config);
  const {mixture} = config;
  const grid = fitGrid(mixture, config.gridSize ?? 800);
  const logp = grid.x.map((x) => mixtureLogPdf(mixture, x));
  const lo = Math.min(...mixture.means) - 1;
  const hi = Math.max(...mixture.means) + 1;
  const init = config.init ?? {mu: lo + random() * (hi - lo), sd: 0.5 + random()};
  const start = () => ({mu: init.mu, logSd: Math.log(init.sd), m: [0, 0] as [number, number], v: [0, 0] as [number, number]});
  const state: KlFitState = {config, grid, logp, step: 0, init, params: {forward: start(), reverse: start()}, history: []};
  state.history.push({step: 0, forward: fitObjective("forward", grid, logp, init.mu, Math.log(init.sd)), reverse: fitObjective("reverse", grid, logp, init.mu, Math.log(init.sd))});
  return state;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** One Adam step on (μ, log σ) for both fits. Mutates and returns state. */
export function stepKlFit(state: KlFitState): KlFitState {
  const t = state.step + 1;
  const lr = state.config.learningRate;
  const record = {step: t, forward: 0, reverse: 0};
  for (const direction of ["forward", "reverse"] as const) {
    const p = state.params[direction];
    const {grad} = objectiveAndGrad(direction, state.grid, state.logp, p.mu, p.logSd);
    const theta = [p.mu, p.logSd];
    for (let k = 0; k < 2; k++) {
      const g = Number.isFinite(grad[k]) ? grad[k] : 0;
      p.m[k] = BETA1 * p.m[k] + (1 - BETA1) * g;
      p.v[k] = BETA2 * p.v[k] + (1 - BETA2) * g * g;
      const mHat = p.m[k] / (1 - BETA1 ** t);
      const vHat = p.v[k] / (1 - BETA2 ** t);
      theta[k] -= lr * mHat / (Math.sqrt(vHat) + EPS);
    }
    p.mu = theta[0];
    p.logSd = Math.max(Math.log(state.grid.dx), theta[1]); // σ below one grid cell would break the quadrature
    record[direction] = fitObjective(direction, state.grid, state.logp, p.mu, p.logSd);
  }
  state.step = t;
  state.history.push(record);
  return state;
}

function fitSnapshot(state: KlFitState, direction: Direction): FitSnapshot {
  const {mu, logSd} = state.params[direction];
  const klPQ = fitObjective("forward", state.grid, state.logp, mu, logSd);
  const klQP = fitObjective("reverse", state.grid, state.logp, mu, logSd);
  return {direction, mu, sd: Math.exp(logSd), objective: direction === "forward" ? klPQ : klQP, klPQ, klQP};
}

export function snapshotKlFit(state: KlFitState): KlFitSnapshot {
  return {
    step: state.step,
    steps: state.config.steps,
    init: {...state.init},
    forward: fitSnapshot(state, "forward"),
    reverse: fitSnapshot(state, "reverse"),
    history: state.history.map((h) => ({...h}))
  };
}

/** The run controller's view of the fit: reset / step(n) / progress, plain snapshots. Each reset reseeds. */
export function makeKlFitStepper(config: KlFitConfig): Stepper<KlFitSnapshot> {
  checkFitConfig(config);
  const random = () => mulberry32(config.seed ?? DEFAULT_SEED);
  let state: KlFitState | null = null;
  return {
    reset() {
      state = initKlFit(config, random());
      return snapshotKlFit(state);
    },
    step(n: number) {
      if (!state) state = initKlFit(config, random());
      for (let i = 0; i < n && state.step < state.config.steps; i++) stepKlFit(state);
      return snapshotKlFit(state);
    },
    progress(snapshot: KlFitSnapshot) {
      return Math.min(1, snapshot.step / snapshot.steps);
    }
  };
}
