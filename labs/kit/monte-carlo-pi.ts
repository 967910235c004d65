// Monte Carlo estimate of π from seeded uniform points in the unit square: the lab kit's smallest
// real stepper, used by the teaching guide to show the run controller, the worker and the seed.
// Standard error of the estimate: 4·sqrt(p(1-p)/n) with p = π/4 (binomial proportion).
import {mulberry32} from "./random.js";
import type {Stepper} from "./stepper.js";

export interface PiConfig {
  seed: number;
  /** Points to draw in total. */
  total: number;
  /** Points per step. */
  batch: number;
}

export interface PiSnapshot {
  drawn: number;
  inside: number;
  estimate: number;
  standardError: number;
  /** (drawn, estimate) after every step, for the convergence chart. */
  trace: {drawn: number; estimate: number}[];
  /** The last batch's first points, for the scatter. */
  sample: {x: number; y: number; inside: boolean}[];
  total: number;
}

/** Batches drawn so far: the trace has one entry per batch. */
export const piStepsDone = (s: PiSnapshot): number => s.trace.length;

export function piStepper(config: PiConfig): Stepper<PiSnapshot> {
  if (!(Number.isInteger(config.total) && config.total > 0)) throw new Error(`Total points must be a positive whole number, got ${config.total}.`);
  if (!(Number.isInteger(config.batch) && config.batch > 0)) throw new Error(`Points per step must be a positive whole number, got ${config.batch}.`);
  let random = mulberry32(config.seed);
  let drawn = 0, inside = 0;
  let trace: PiSnapshot["trace"] = [];
  let sample: PiSnapshot["sample"] = [];
  const snapshot = (): PiSnapshot => {
    const p = drawn ? inside / drawn : 0;
    return {drawn, inside, estimate: drawn ? 4 * p : NaN, standardError: drawn ? 4 * Math.sqrt((p * (1 - p)) / drawn) : NaN, trace: trace.slice(), sample, total: config.total};
  };
  return {
    reset() {
      random = mulberry32(config.seed);
      drawn = inside = 0;
      trace = [];
      sample = [];
      return snapshot();
    },
    step(n) {
      sample = [];
      for (let s = 0; s < n && drawn < config.total; s++) {
        const count = Math.min(config.batch, config.total - drawn);
        for (let i = 0; i < count; i++) {
          const x = random(), y = random();
          const hit = x * x + y * y < 1;
          if (hit) inside++;
          if (sample.length < 400) sample.push({x, y, inside: hit});
        }
        drawn += count;
        trace.push({drawn, estimate: (4 * inside) / drawn});
      }
      return snapshot();
    },
    progress: (s) => s.drawn / s.total,
    stepsDone: piStepsDone
  };
}
