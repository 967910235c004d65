// The objective of the Gaussian KL fit, without TensorFlow.js: the quadrature grid, q renormalised on
// it, KL(p‖q) and KL(q‖p) in float64, the seeded initial state and snapshots (kl-fit.ts adds autodiff
// and the Adam steps). Pages import this for the first frame without loading tfjs.
// Leaves out: Monte Carlo KL estimates; more than one dimension. Source: Bishop, PRML §10.1.2.
import {InputError} from "../kit/params.js";
import {DEFAULT_SEED, stream} from "../kit/random.js";
import {adamInit, type AdamState} from "./optim.js";
import {checkMixture, makeGrid, mixtureLogPdf, mixtureMoments, type Grid, type Mixture} from "./gaussian.js";

export type Direction = "forward" | "reverse";
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export interface KlFitConfig {
  mixture: Mixture;
  learningRate: number; // Adam step size, in units of μ and log σ
  steps: number; // the run stops after this many steps
  seed?: number; // the start is drawn from stream(seed, "init") (default seed 42)
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
  params: Record<Direction, {mu: number; logSd: number; adam: AdamState}>;
  history: FitRecord[]; // objectives and parameters per step
}

/** One step of both fits: the objectives (nats) and where each q was (its path over (μ, σ)). */
export interface FitRecord {
  step: number;
  forward: number; // KL(p‖q) of the forward fit
  reverse: number; // KL(q‖p) of the reverse fit
  at?: Record<Direction, {mu: number; sd: number}>;
}

export interface KlFitSnapshot {
  step: number;
  steps: number;
  progress: number; // step / steps
  init: {mu: number; sd: number};
  forward: FitSnapshot;
  reverse: FitSnapshot;
  history: FitRecord[];
}

export function checkFitConfig(config: KlFitConfig): void {
  checkMixture(config.mixture);
  const {learningRate, steps, gridSize = 800} = config;
  if (!(learningRate > 0 && learningRate <= 1)) throw new InputError(`The learning rate must be in (0, 1], got ${learningRate}.`);
  if (!Number.isInteger(steps) || steps < 1 || steps > 100_000) throw new InputError(`Steps must be a whole number from 1 to 100000, got ${steps}.`);
  if (!Number.isInteger(gridSize) || gridSize < 50 || gridSize > 20_000) throw new InputError(`Grid size must be a whole number from 50 to 20000, got ${gridSize}.`);
  if (config.seed !== undefined && !(Number.isInteger(config.seed) && config.seed >= 0 && config.seed < 2 ** 32)) throw new InputError(`The seed must be a whole number from 0 to 4294967295, got ${config.seed}.`);
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
  if (!Number.isFinite(mu) || !Number.isFinite(logSd)) throw new InputError(`q needs a finite μ and log σ, got μ = ${mu}, log σ = ${logSd}.`);
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

/**
 * Seeded start, shared by both fits: μ uniform over the span of the modes ± 1, σ uniform in [0.5, 1.5],
 * drawn from stream(config.seed, "init"), unless config.init gives them.
 */
export function initKlFit(config: KlFitConfig): KlFitState {
  checkFitConfig(config);
  const random = stream(config.seed ?? DEFAULT_SEED, "init");
  const {mixture} = config;
  const grid = fitGrid(mixture, config.gridSize ?? 800);
  const logp = grid.x.map((x) => mixtureLogPdf(mixture, x));
  const lo = Math.min(...mixture.means) - 1;
  const hi = Math.max(...mixture.means) + 1;
  const init = config.init ?? {mu: lo + random() * (hi - lo), sd: 0.5 + random()};
  const start = () => ({mu: init.mu, logSd: Math.log(init.sd), adam: adamInit(2)});
  const state: KlFitState = {config, grid, logp, step: 0, init, params: {forward: start(), reverse: start()}, history: []};
  state.history.push({
    step: 0, forward: fitObjective("forward", grid, logp, init.mu, Math.log(init.sd)), reverse: fitObjective("reverse", grid, logp, init.mu, Math.log(init.sd)),
    at: {forward: {...init}, reverse: {...init}}
  });
  return state;
}

export function fitSnapshot(state: KlFitState, direction: Direction): FitSnapshot {
  const {mu, logSd} = state.params[direction];
  const klPQ = fitObjective("forward", state.grid, state.logp, mu, logSd);
  const klQP = fitObjective("reverse", state.grid, state.logp, mu, logSd);
  return {direction, mu, sd: Math.exp(logSd), objective: direction === "forward" ? klPQ : klQP, klPQ, klQP};
}

export function snapshotKlFit(state: KlFitState): KlFitSnapshot {
  return {
    step: state.step,
    steps: state.config.steps,
    progress: Math.min(1, state.step / state.config.steps),
    init: {...state.init},
    forward: fitSnapshot(state, "forward"),
    reverse: fitSnapshot(state, "reverse"),
    history: state.history.map((h) => ({...h}))
  };
}


/** The mode a fitted q sits on: the index of the component whose mean is within one of its σ of μ, or -1 (between modes). */
export function modeOf(mu: number, mixture: Mixture): number {
  checkMixture(mixture);
  let best = -1;
  mixture.means.forEach((m, i) => {
    if (Math.abs(mu - m) < mixture.sds[i] && (best < 0 || Math.abs(mu - m) < Math.abs(mu - mixture.means[best]))) best = i;
  });
  return best;
}
