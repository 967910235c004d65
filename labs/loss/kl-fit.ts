// Fit one Gaussian q = N(μ, σ²) to a fixed Gaussian mixture p by minimising KL(p‖q) (forward) or
// KL(q‖p) (reverse) with TensorFlow.js autodiff and Adam, the KLs computed by quadrature on a grid
// (kl-objective.ts). An init/step algorithm (klFit: initKlFit, then stepKlFit). Leaves out: Monte Carlo
// KL estimates; more than one dimension. Sources: Bishop, PRML §10.1.2 (Fig. 10.3); Kingma & Ba 2015 (Adam).
import * as tf from "@tensorflow/tfjs";
import {loopStepper, type Algorithm} from "../kit/loop.js";
import {adamStep} from "./optim.js";
import type {Grid} from "./gaussian.js";
import {checkFitConfig, fitObjective, initKlFit, snapshotKlFit, type Direction, type FitRecord, type KlFitConfig, type KlFitSnapshot, type KlFitState} from "./kl-objective.js";

export * from "./kl-objective.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The same objective as a tfjs graph, so autodiff gives d/dμ and d/dlog σ. */
function objectiveTensor(direction: Direction, xs: tf.Tensor1D, logp: tf.Tensor1D, logDx: number, mu: tf.Scalar, logSd: tf.Scalar): tf.Scalar {
  const z = tf.div(tf.sub(xs, mu), tf.exp(logSd));
  const raw = tf.sub(tf.sub(tf.mul(tf.square(z), -0.5), logSd), LOG_SQRT_2PI);
  const logq = tf.sub(raw, tf.add(tf.logSumExp(raw), logDx));
  const dx = Math.exp(logDx);
  if (direction === "forward") return tf.mul(tf.sum(tf.mul(tf.exp(logp), tf.sub(logp, logq))), dx) as tf.Scalar;
  return tf.mul(tf.sum(tf.mul(tf.exp(logq), tf.sub(logq, logp))), dx) as tf.Scalar;
}

/** Grid tensors kept across steps (created once per run, released by dispose()). */
export interface TensorCache {
  xs: tf.Tensor1D; // (N,) grid
  lp: tf.Tensor1D; // (N,) log p on the grid
}

export function makeTensorCache(grid: Grid, logp: Float64Array): TensorCache {
  return {xs: tf.tensor1d(Float32Array.from(grid.x)), lp: tf.tensor1d(Float32Array.from(logp))};
}

/** Objective value and its gradient [d/dμ, d/dlog σ] from tfjs autodiff (float32). */
export function objectiveAndGrad(direction: Direction, grid: Grid, logp: Float64Array, mu: number, logSd: number, cache?: TensorCache): {value: number; grad: [number, number]} {
  const own = cache ? null : makeTensorCache(grid, logp);
  const {xs, lp} = cache ?? own!;
  try {
    return tf.tidy(() => {
      const logDx = Math.log(grid.dx);
      const f = (m: tf.Tensor, s: tf.Tensor) => objectiveTensor(direction, xs, lp, logDx, m as tf.Scalar, s as tf.Scalar);
      const {value, grads} = tf.valueAndGrads(f)([tf.scalar(mu), tf.scalar(logSd)]);
      return {value: value.dataSync()[0], grad: [grads[0].dataSync()[0], grads[1].dataSync()[0]] as [number, number]};
    });
  } finally {
    if (own) tf.dispose([own.xs, own.lp]);
  }
}

/** One Adam step on (μ, log σ) for both fits (a non-finite gradient counts as 0). Mutates and returns state. */
export function stepKlFit(state: KlFitState, cache?: TensorCache): KlFitState {
  const t = state.step + 1;
  const record: FitRecord = {step: t, forward: 0, reverse: 0, at: {forward: {mu: 0, sd: 1}, reverse: {mu: 0, sd: 1}}};
  for (const direction of ["forward", "reverse"] as const) {
    const p = state.params[direction];
    const {grad} = objectiveAndGrad(direction, state.grid, state.logp, p.mu, p.logSd, cache);
    const theta = [p.mu, p.logSd];
    adamStep(theta, grad.map((g) => (Number.isFinite(g) ? g : 0)), p.adam, state.config.learningRate);
    p.mu = theta[0];
    p.logSd = Math.max(Math.log(state.grid.dx), theta[1]); // σ below one grid cell would break the quadrature
    record[direction] = fitObjective(direction, state.grid, state.logp, p.mu, p.logSd);
    record.at![direction] = {mu: p.mu, sd: Math.exp(p.logSd)};
  }
  state.step = t;
  state.history.push(record);
  return state;
}

/** A fit in progress: the state and the grid tensors its steps reuse. */
export type KlFitRun = KlFitState & {cache: TensorCache};
export type KlFitLiveSnapshot = KlFitSnapshot & {backend: string};

/** The fit as an init/step algorithm (kit loop.ts); step mutates the run. dispose frees the grid tensors. */
export const klFit: Algorithm<KlFitConfig, KlFitRun, KlFitLiveSnapshot> = {
  init(config) {
    const state = initKlFit(config);
    return Object.assign(state, {cache: makeTensorCache(state.grid, state.logp)});
  },
  step: (run) => {
    stepKlFit(run, run.cache);
    return run;
  },
  progress: (run) => Math.min(1, run.step / run.config.steps),
  snapshot: (run) => ({...snapshotKlFit(run), backend: tf.getBackend()}),
  dispose: (run) => tf.dispose([run.cache.xs, run.cache.lp])
};

/** The run controller's view of the fit; each reset starts from the same seeded state. */
export function makeKlFitStepper(config: KlFitConfig) {
  checkFitConfig(config);
  return loopStepper(klFit, config);
}
