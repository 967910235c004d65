// Lloyd's k-means (Lloyd 1982) as the /kmeans page teaches it, one half-step at a time: the
// assignment step (each point to its nearest centroid, or the capacity-constrained assignment of
// balanced.ts) and the update step (each centroid to the mean of its points). Init: k random distinct
// points (faiss's default) or k-means++ (Arthur & Vassilvitskii 2007). Empty clusters: the centroid
// moves onto the point farthest from its centroid (as sklearn does). Plain TypeScript, no fast paths:
// the ANN indexes train with train-kmeans.ts. Not here: mini-batch, k-means||, nredo restarts.
import {checkInt, checkMatrix, InputError} from "./check.js";
import {l2sq} from "./distance.js";
import {balancedAssign} from "./balanced.js";

export type KMeansInit = "random" | "kmeans++";

export interface KMeansConfig {
  data: Float32Array; // (n, d) row-major
  n: number;
  d: number;
  k: number;
  init?: KMeansInit;
  /** Capacity-constrained assignment: each cluster takes at most ceil(n / k) points. */
  balanced?: boolean;
}

export interface KMeansState {
  data: Float32Array; // (n, d), shared, never written
  n: number;
  d: number;
  k: number;
  balanced: boolean;
  capacity: number; // ceil(n/k) when balanced, else n
  centroids: Float32Array; // (k, d)
  assignment: Int32Array; // (n,) cluster of each point; -1 before the first assignment
  /** The half-step the next call to kmeansStep performs. */
  phase: "assign" | "update";
  iteration: number; // completed update steps
  /** J = sum_i ||x_i - mu_{a(i)}||^2 after each half-step (starts after the first assignment). */
  objective: number[];
  moved: number; // points whose cluster changed in the last assignment
  relocated: number[]; // clusters that were empty in the last update and got moved onto a far point
  notNearest: number; // points whose assigned centroid is not their nearest one (balanced only)
  converged: boolean;
}

/** Indices of k initial centroids chosen from the n points. */
export function initCentroids(data: Float32Array, n: number, d: number, k: number, init: KMeansInit, random: () => number): Int32Array {
  const chosen = new Int32Array(k);
  if (init === "random") {
    // partial Fisher–Yates: k distinct points
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (n - i));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      chosen[i] = perm[i];
    }
    return chosen;
  }
  if (init !== "kmeans++") throw new InputError(`Unknown init "${init as string}"; use random or kmeans++.`);
  // k-means++: next centre drawn with probability D(x)^2 / sum D^2
  const d2 = new Float64Array(n).fill(Infinity);
  chosen[0] = Math.floor(random() * n);
  for (let c = 1; c < k; c++) {
    const prev = chosen[c - 1] * d;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = l2sq(data, i * d, data, prev, d);
      if (v < d2[i]) d2[i] = v;
      total += d2[i];
    }
    let pick = -1;
    if (total > 0) {
      let r = random() * total;
      for (let i = 0; i < n; i++) {
        r -= d2[i];
        if (r < 0 && d2[i] > 0) {
          pick = i;
          break;
        }
      }
      if (pick < 0) for (let i = n - 1; i >= 0; i--) if (d2[i] > 0) { pick = i; break; }
    }
    // all remaining points coincide with chosen centres: take any point not yet chosen
    if (pick < 0) pick = firstUnchosen(chosen, c, n);
    chosen[c] = pick;
  }
  return chosen;
}

function firstUnchosen(chosen: Int32Array, c: number, n: number): number {
  const used = new Set(chosen.subarray(0, c));
  for (let i = 0; i < n; i++) if (!used.has(i)) return i;
  return 0;
}

/** Checks the points (n, d) and k <= n. */
export function checkKMeans(data: Float32Array, n: number, d: number, k: number): void {
  checkMatrix(data, n, d, "points");
  checkInt(k, "The number of clusters k", 1);
  if (k > n) throw new InputError(`k-means with k = ${k} clusters needs at least ${k} points; there are only ${n}.`);
}

/** The first state: k initial centroids, nothing assigned yet. Draws from `random`. */
export function kmeansInit(config: KMeansConfig, random: () => number): KMeansState {
  const {data, n, d, k, init = "random", balanced = false} = config;
  checkKMeans(data, n, d, k);
  const chosen = initCentroids(data, n, d, k, init, random);
  const centroids = new Float32Array(k * d);
  for (let c = 0; c < k; c++) centroids.set(data.subarray(chosen[c] * d, chosen[c] * d + d), c * d);
  return {
    data, n, d, k, balanced,
    capacity: balanced ? Math.ceil(n / k) : n,
    centroids,
    assignment: new Int32Array(n).fill(-1),
    phase: "assign",
    iteration: 0,
    objective: [],
    moved: 0,
    relocated: [],
    notNearest: 0,
    converged: false
  };
}

/** Nearest centroid (k, d) of every point (n, d); ties go to the lowest index. TypeScript reference. */
export function nearestCentroids(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity, arg = 0;
    for (let c = 0; c < k; c++) {
      const v = l2sq(data, i * d, centroids, c * d, d);
      if (v < best) {
        best = v;
        arg = c;
      }
    }
    out[i] = arg;
  }
  return out;
}

/** J = sum_i ||x_i - mu_{a(i)}||^2 */
export function kmeansObjective(data: Float32Array, n: number, d: number, centroids: Float32Array, assignment: Int32Array): number {
  let J = 0;
  for (let i = 0; i < n; i++) J += l2sq(data, i * d, centroids, assignment[i] * d, d);
  return J;
}

/** One half-step: the assignment step or the update step, whichever `phase` says. Does not mutate: returns a new state. */
export function kmeansStep(state: KMeansState): KMeansState {
  if (state.converged) return state;
  const {data, n, d, k} = state;
  if (state.phase === "assign") {
    const nearest = nearestCentroids(data, n, d, state.centroids, k);
    const assignment = state.balanced ? balancedAssign(data, n, d, state.centroids, k, state.capacity) : nearest;
    let moved = 0, notNearest = 0;
    for (let i = 0; i < n; i++) {
      if (assignment[i] !== state.assignment[i]) moved++;
      // "not nearest" = strictly farther than the nearest centroid (ties do not count)
      if (assignment[i] !== nearest[i] &&
        l2sq(data, i * d, state.centroids, assignment[i] * d, d) > l2sq(data, i * d, state.centroids, nearest[i] * d, d)) notNearest++;
    }
    const J = kmeansObjective(data, n, d, state.centroids, assignment);
    const converged = state.iteration > 0 && moved === 0;
    return {...state, assignment, moved, notNearest, phase: "update", objective: [...state.objective, J], converged};
  }
  const centroids = new Float32Array(k * d);
  const relocated = updateCentroids(data, n, d, k, state.assignment, centroids);
  const J = kmeansObjective(data, n, d, centroids, state.assignment);
  return {...state, centroids, relocated, phase: "assign", iteration: state.iteration + 1, objective: [...state.objective, J]};
}

/**
 * centroids <- mean of each cluster's points (sums in double). Empty clusters move onto the points
 * farthest from their new centroids, one distinct point each. Returns the relocated clusters.
 */
export function updateCentroids(data: Float32Array, n: number, d: number, k: number, assignment: Int32Array, centroids: Float32Array): number[] {
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    counts[c]++;
    const io = i * d, co = c * d;
    for (let j = 0; j < d; j++) sums[co + j] += data[io + j];
  }
  return centroidsFromSums(data, n, d, k, assignment, sums, counts, centroids);
}

/** The rest of the update step, given per-cluster sums (k, d) and counts (k,): means and empty-cluster relocation. Writes `centroids`. */
export function centroidsFromSums(data: Float32Array, n: number, d: number, k: number, assignment: Int32Array, sums: Float64Array, counts: Int32Array, centroids: Float32Array): number[] {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      empty.push(c);
      continue;
    }
    for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j] / counts[c];
  }
  if (empty.length > 0) {
    // farthest points from their (non-empty) cluster's new centroid, largest first
    const far = Array.from({length: n}, (_, i) => i)
      .map((i) => ({i, v: l2sq(data, i * d, centroids, assignment[i] * d, d)}))
      .sort((a, b) => b.v - a.v || a.i - b.i);
    empty.forEach((c, t) => centroids.set(data.subarray(far[t].i * d, far[t].i * d + d), c * d));
  }
  return empty;
}


/** Runs k-means to convergence (at most maxIter updates) and returns its final state. */
export function kmeansToEnd(config: KMeansConfig, random: () => number, maxIter = 100): KMeansState {
  let s = kmeansInit(config, random);
  while (!s.converged && s.iteration < maxIter) s = kmeansStep(s);
  return s;
}
