// Standard and balanced k-means side by side from the same initial centroids, one half-step (an
// assignment or an update) per step, as an init/step Algorithm (labs/kit/loop.ts): what the /kmeans
// page runs. Also the page's computed comparisons: random init against k-means++ over seeds, how often
// the balanced objective ends below the standard one, and the notes' greedy capacity rule against the
// exact assignment. Pure; the page adds the animation delay.
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {stream} from "../kit/random.js";
import {InputError} from "./check.js";
import {l2sq} from "./distance.js";
import {balancedAssign} from "./balanced.js";
import {kmeansInit, kmeansObjective, kmeansStep, kmeansToEnd, nearestCentroids, type KMeansInit, type KMeansState} from "./lloyd.js";

export interface PairConfig {
  points: Float32Array | number[]; // (n, d) flattened
  d?: number;
  k: number;
  init: KMeansInit;
  seed: number;
  maxHalfSteps?: number;
}

export interface PairState {
  halfSteps: number;
  maxHalfSteps: number;
  standard: KMeansState;
  balanced: KMeansState;
  /** Computed once by kmeansPair.init for the page's callouts: random init against k-means++ over 20 seeds. */
  inits?: ReturnType<typeof compareInits>;
  /** Computed once by kmeansPair.init: the notes' capacity rule against the exact assignment, from the initial centroids. */
  rule?: ReturnType<typeof notesRuleVsExact>;
}

export interface PairSnapshot extends LoopSnapshot, PairState {}

/** Both runs' first states, from the same initial centroids (one draw of stream(seed, "init")). */
export function pairInit(config: PairConfig): PairState {
  const {k, init, seed, d = 2, maxHalfSteps = 200} = config;
  const data = Float32Array.from(config.points);
  const n = data.length / d;
  if (n < k) throw new InputError(`k-means with k = ${k} clusters needs at least ${k} points; there are ${n}. Click the panel to add points or lower k.`);
  const standard = kmeansInit({data, n, d, k, init}, stream(seed, "init"));
  const balanced: KMeansState = {...standard, assignment: standard.assignment.slice(), centroids: standard.centroids.slice(), balanced: true, capacity: Math.ceil(n / k)};
  return {halfSteps: 0, maxHalfSteps, standard, balanced};
}

/** One half-step of both runs. Does not mutate: returns a new state (kmeansStep returns new states). */
export function pairStep(state: PairState): PairState {
  return {...state, halfSteps: state.halfSteps + 1, standard: kmeansStep(state.standard), balanced: kmeansStep(state.balanced)};
}

const pairDone = (s: PairState) => (s.standard.converged && s.balanced.converged) || s.halfSteps >= s.maxHalfSteps;
const pairProgress = (s: PairState) => (pairDone(s) ? 1 : Math.min(0.99, s.halfSteps / 40));

export const kmeansPair: Algorithm<PairConfig, PairState, PairSnapshot> = {
  /** pairInit plus the page's comparisons on the same points (run in the worker: a few hundred k-means runs). */
  init: (config) => {
    const state = pairInit(config);
    const {data, n, d, k, centroids} = state.standard;
    return {...state, inits: compareInits(data, d, k, config.seed), rule: notesRuleVsExact(data, n, d, centroids, k)};
  },
  step: pairStep,
  progress: pairProgress,
  // the states are never mutated (kmeansStep returns new ones), so the snapshot may share them
  snapshot: (s, step) => ({...s, step, progress: pairProgress(s)})
};

/** Cluster sizes (k,) of a state's assignment; unassigned points (-1) are not counted. */
export function clusterSizes(state: KMeansState): number[] {
  const sizes = new Array(state.k).fill(0);
  for (const a of state.assignment) if (a >= 0) sizes[a]++;
  return sizes;
}

/** Final objectives of random init and k-means++ over `runs` init streams on the same points. */
export function compareInits(points: Float32Array, d: number, k: number, seed: number, runs = 20): {init: KMeansInit; meanJ: number; bestJ: number; worstJ: number}[] {
  const n = points.length / d;
  return (["random", "kmeans++"] as const).map((init) => {
    const Js = Array.from({length: runs}, (_, t) => kmeansToEnd({data: points, n, d, k, init}, stream(seed, `init ${t}`)).objective.at(-1)!);
    return {init, meanJ: Js.reduce((a, c) => a + c, 0) / runs, bestJ: Math.min(...Js), worstJ: Math.max(...Js)};
  });
}

export interface BalancedCount {
  runs: number;
  /** Runs in which the balanced J was below the standard J after some half-step. */
  dipsBelow: number;
  /** Runs in which the balanced run converged to a lower J than the standard one. */
  endsBelow: number;
  /** The first such run (its init stream index) and half-step with both objectives, or null. */
  example: {run: number; halfStep: number; balanced: number; standard: number} | null;
}

/**
 * Runs standard and balanced k-means from the same init for `runs` init streams (stream(seed, "init t"))
 * and counts how often the balanced objective is below the standard one: both descend to local optima,
 * so the constrained run can be lower at a given half-step, or even at the end.
 */
export function countBalancedBelow(points: Float32Array, d: number, k: number, init: KMeansInit, seed: number, runs = 20): BalancedCount {
  const n = points.length / d;
  let dipsBelow = 0, endsBelow = 0;
  let example: BalancedCount["example"] = null;
  for (let t = 0; t < runs; t++) {
    const random = stream(seed, `init ${t}`);
    const s0 = kmeansInit({data: points, n, d, k, init}, random);
    let s: KMeansState = s0, b: KMeansState = {...s0, balanced: true, capacity: Math.ceil(n / k)};
    for (let h = 0; h < 200 && !(s.converged && b.converged); h++) {
      s = kmeansStep(s);
      b = kmeansStep(b);
    }
    // compare half-step by half-step while both have a value (a converged run keeps its last J)
    const len = Math.max(s.objective.length, b.objective.length);
    const at = (o: number[], h: number) => o[Math.min(h, o.length - 1)];
    let dipped = false;
    for (let h = 0; h < len; h++) {
      if (at(b.objective, h) < at(s.objective, h) - 1e-9) {
        if (!dipped && !example) example = {run: t, halfStep: h + 1, balanced: at(b.objective, h), standard: at(s.objective, h)};
        dipped = true;
      }
    }
    if (dipped) dipsBelow++;
    if (b.objective.at(-1)! < s.objective.at(-1)! - 1e-9) endsBelow++;
  }
  return {runs, dipsBelow, endsBelow, example};
}

/**
 * The notes' rule for balanced k-means: take the points in order; each joins its nearest centroid while
 * that centroid holds fewer than ⌈n/k⌉ points, else it is discarded (-1). Returns the assignment (n,).
 */
export function notesGreedyAssign(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number): Int32Array {
  const capacity = Math.ceil(n / k);
  const nearest = nearestCentroids(data, n, d, centroids, k);
  const count = new Int32Array(k);
  return nearest.map((c) => (count[c] < capacity ? (count[c]++, c) : -1));
}

/**
 * The notes' rule against the exact capacity-constrained assignment (balanced.ts), both from the same
 * centroids: how many points the rule discards, and J of the exact assignment against J of the
 * greedy repair that sends each discarded point to its nearest centroid with room.
 */
export function notesRuleVsExact(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number) {
  const capacity = Math.ceil(n / k);
  const greedy = notesGreedyAssign(data, n, d, centroids, k);
  const discarded = greedy.reduce((a, c) => a + (c < 0 ? 1 : 0), 0);
  const repaired = greedy.slice();
  const count = new Int32Array(k);
  for (const c of greedy) if (c >= 0) count[c]++;
  for (let i = 0; i < n; i++) {
    if (repaired[i] >= 0) continue;
    let best = -1, bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const v = l2sq(data, i * d, centroids, c * d, d);
      if (count[c] < capacity && v < bestD) {
        bestD = v;
        best = c;
      }
    }
    repaired[i] = best;
    count[best]++;
  }
  const exact = balancedAssign(data, n, d, centroids, k, capacity);
  return {capacity, discarded, greedyJ: kmeansObjective(data, n, d, centroids, repaired), exactJ: kmeansObjective(data, n, d, centroids, exact)};
}
