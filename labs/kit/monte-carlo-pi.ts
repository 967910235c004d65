// Monte Carlo estimate of π from seeded uniform points in the unit square: the lab kit's smallest
// real algorithm, written as an init/step pair (labs/kit/loop.ts) and used by the teaching guide to
// show the run controller, the worker and the seed.
// Standard error of the estimate: 4·sqrt(p(1-p)/n) with p = π/4 (binomial proportion).
import {InputError} from "./params.js";
import {stream} from "./random.js";
import {loopStepper, type Algorithm} from "./loop.js";
import type {Stepper} from "./stepper.js";

export interface PiConfig {
  seed: number;
  /** Points to draw in total. */
  total: number;
  /** Points per step. */
  batch: number;
}

export interface PiState {
  config: PiConfig;
  random: () => number;
  drawn: number;
  inside: number;
  trace: {drawn: number; estimate: number}[];
  sample: {x: number; y: number; inside: boolean}[];
}

export interface PiSnapshot {
  /** Batches drawn (the run controller's step count). */
  step: number;
  progress: number;
  drawn: number;
  inside: number;
  estimate: number;
  standardError: number;
  /** (drawn, estimate) after every batch, for the convergence chart. */
  trace: {drawn: number; estimate: number}[];
  /** The last batch's first points, for the scatter. */
  sample: {x: number; y: number; inside: boolean}[];
  total: number;
}

/** Batches drawn so far: the trace has one entry per batch. */
export const piStepsDone = (s: PiSnapshot): number => s.trace.length;

export const monteCarloPi: Algorithm<PiConfig, PiState, PiSnapshot> = {
  init(config) {
    if (!(Number.isInteger(config.total) && config.total > 0)) throw new InputError(`Total points must be a positive whole number, got ${config.total}.`);
    if (!(Number.isInteger(config.batch) && config.batch > 0)) throw new InputError(`Points per step must be a positive whole number, got ${config.batch}.`);
    return {config, random: stream(config.seed, "points"), drawn: 0, inside: 0, trace: [], sample: []};
  },
  /** Draws one batch. Mutates the state. */
  step(state) {
    const count = Math.min(state.config.batch, state.config.total - state.drawn);
    state.sample = [];
    for (let i = 0; i < count; i++) {
      const x = state.random(), y = state.random();
      const hit = x * x + y * y < 1;
      if (hit) state.inside++;
      if (state.sample.length < 400) state.sample.push({x, y, inside: hit});
    }
    state.drawn += count;
    state.trace.push({drawn: state.drawn, estimate: (4 * state.inside) / state.drawn});
    return state;
  },
  progress: (state) => state.drawn / state.config.total,
  snapshot(state) {
    const {drawn, inside} = state;
    const p = drawn ? inside / drawn : 0;
    return {
      step: state.trace.length, progress: drawn / state.config.total, drawn, inside,
      estimate: drawn ? 4 * p : NaN, standardError: drawn ? 4 * Math.sqrt((p * (1 - p)) / drawn) : NaN,
      trace: state.trace.slice(), sample: state.sample, total: state.config.total
    };
  }
};

/** Validates at once (so a bad config fails before the run starts), then loops monteCarloPi. */
export function piStepper(config: PiConfig): Stepper<PiSnapshot> {
  monteCarloPi.init(config);
  return loopStepper(monteCarloPi, config);
}
