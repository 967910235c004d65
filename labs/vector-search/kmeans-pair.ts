// Runs standard and balanced k-means side by side from the same initial centroids, one half-step
// (assignment or update) per step: the stepper behind the k-means notebook. Stops when both have
// converged or after maxHalfSteps. Pure; the page adds the animation delay.
import type {Stepper} from "../kit/stepper.js";
import {mulberry32} from "../kit/random.js";
import {kmeansInit, kmeansStep, type KMeansInit, type KMeansState} from "./kmeans.js";

export interface PairConfig {
  points: Float32Array | number[]; // (n, 2) flattened
  d?: number;
  k: number;
  init: KMeansInit;
  seed: number;
  maxHalfSteps?: number;
}

export interface PairSnapshot {
  halfSteps: number;
  standard: KMeansState;
  balanced: KMeansState;
  done: boolean;
}

export function kmeansPairStepper(config: PairConfig): Stepper<PairSnapshot> {
  const {k, init, seed, d = 2, maxHalfSteps = 200} = config;
  const data = Float32Array.from(config.points);
  const n = data.length / d;
  let snap: PairSnapshot;
  const done = (s: PairSnapshot) => (s.standard.converged && s.balanced.converged) || s.halfSteps >= maxHalfSteps;
  return {
    reset() {
      const standard = kmeansInit({data, n, d, k, init}, mulberry32(seed));
      // same random stream, so both start from the same centroids
      const balanced = kmeansInit({data, n, d, k, init, balanced: true}, mulberry32(seed));
      snap = {halfSteps: 0, standard, balanced, done: false};
      return snap;
    },
    step(count: number) {
      for (let i = 0; i < count && !snap.done; i++) {
        const next = {halfSteps: snap.halfSteps + 1, standard: kmeansStep(snap.standard), balanced: kmeansStep(snap.balanced), done: false};
        next.done = done(next);
        snap = next;
      }
      return snap;
    },
    progress: (s) => (s.done ? 1 : Math.min(0.99, s.halfSteps / 40))
  };
}

/** Runs k-means to convergence (at most maxIter updates) and returns its final state. */
export function kmeansToEnd(data: Float32Array, n: number, d: number, k: number, init: KMeansInit, random: () => number, balanced = false, maxIter = 100): KMeansState {
  let s = kmeansInit({data, n, d, k, init, balanced}, random);
  while (!s.converged && s.iteration < maxIter) s = kmeansStep(s);
  return s;
}
