// Fit one Gaussian q = N(μ, σ²) to a fixed Gaussian mixture p by minimising KL(p‖q) (forward) or
// KL(q‖p) (reverse) with TensorFlow.js autodiff and Adam, the KLs computed by quadrature on a grid
// (kl-objective.ts). Steppable: initKlFit(config, random) then stepKlFit(state). Leaves out: Monte Carlo
// KL estimates; more than one dimension. Sources: Bishop, PRML §10.1.2 (Fig. 10.3); Kingma & Ba 2015 (Adam).
import * as tf from "@tensorflow/tfjs";
import {DEFAULT_SEED, mulberry32} from "../kit/random.js";
import type {Stepper} from "../kit/stepper.js";
import type {Grid} from "./gaussian.js";
import {checkFitConfig, fitObjective, initKlFit, snapshotKlFit, type Direction, type KlFitConfig, type KlFitSnapshot, type KlFitState} from "./kl-objective.js";

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

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** One Adam step on (μ, log σ) for both fits. Mutates and returns state. */
export function stepKlFit(state: KlFitState, cache?: TensorCache): KlFitState {
  const t = state.step + 1;
  const lr = state.config.learningRate;
  const record = {step: t, forward: 0, reverse: 0};
  for (const direction of ["forward", "reverse"] as const) {
    const p = state.params[direction];
    const {grad} = objectiveAndGrad(direction, state.grid, state.logp, p.mu, p.logSd, cache);
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

/** The run controller's view of the fit: reset / step(n) / progress, plain snapshots. Each reset reseeds. */
export function makeKlFitStepper(config: KlFitConfig): Stepper<KlFitSnapshot & {backend: string}> {
  checkFitConfig(config);
  const random = () => mulberry32(config.seed ?? DEFAULT_SEED);
  let state: KlFitState | null = null;
  let cache: TensorCache | null = null;
  const release = () => {
    if (cache) tf.dispose([cache.xs, cache.lp]);
    cache = null;
  };
  const start = () => {
    release();
    state = initKlFit(config, random());
    cache = makeTensorCache(state.grid, state.logp);
    return state;
  };
  const snap = (s: KlFitState) => ({...snapshotKlFit(s), backend: tf.getBackend()});
  return {
    reset() {
      return snap(start());
    },
    step(n: number) {
      const s = state ?? start();
      for (let i = 0; i < n && s.step < s.config.steps; i++) stepKlFit(s, cache!);
      return snap(s);
    },
    progress(snapshot: KlFitSnapshot) {
      return Math.min(1, snapshot.step / snapshot.steps);
    },
    stepsDone: (snapshot: KlFitSnapshot) => snapshot.step,
    dispose: release
  };
}
