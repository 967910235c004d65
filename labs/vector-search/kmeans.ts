// k-means (Lloyd 1982): alternate "assign each point to a centroid" and "move each centroid to the
// mean of its points". Init: k random distinct points (faiss's default) or k-means++ (Arthur &
// Vassilvitskii 2007). Two entry points: a steppable half-step version for pages and tests, and
// trainKMeans for the ANN indexes: the same algorithm, its assignment in a blocked WebAssembly kernel
// when installed (kernels.ts, as faiss uses BLAS), else accelerated with Hamerly's (2010) bounds.
// Empty clusters: the centroid moves onto the point farthest from its centroid (as sklearn does).
// Balanced variant: see balanced.ts. Not here: mini-batch, k-means||, nredo restarts.
import {checkInt, checkMatrix, InputError} from "./check.js";
import {l2sq} from "./distance.js";
import {balancedAssign} from "./balanced.js";
import {RowsToTargets, useSimd} from "./simd.js";
import {makeAssigner} from "./kernels.js";

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

function checkConfig(data: Float32Array, n: number, d: number, k: number): void {
  checkMatrix(data, n, d, "the points");
  checkInt(k, "The number of clusters k", 1);
  if (k > n) throw new InputError(`k-means with k = ${k} clusters needs at least ${k} points; there are only ${n}.`);
}

export function kmeansInit(config: KMeansConfig, random: () => number): KMeansState {
  const {data, n, d, k, init = "random", balanced = false} = config;
  checkConfig(data, n, d, k);
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

/**
 * Nearest centroid of every point (ties: lowest index). Uses the blocked WebAssembly kernel when
 * installed (kernels.ts; float32 ||c||^2 - 2<x, c>, so exact near-ties may resolve differently);
 * `kernels: false` forces the TypeScript reference below.
 */
export function nearestCentroids(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number, options: {kernels?: boolean} = {}): Int32Array {
  const out = new Int32Array(n);
  const assigner = options.kernels !== false && n * k >= 4096 ? makeAssigner(n, d, k) : null;
  if (assigner) {
    assigner.setPoints(data);
    assigner.setCentroids(centroids);
    assigner.assign(out);
    return out;
  }
  if (options.kernels !== false && n * k >= 4096 && useSimd(d)) {
    const r2t = new RowsToTargets(data, n, d, centroids, k);
    const o = r2t.out;
    for (let i = 0; i < n; i++) {
      const f = r2t.distances(i);
      let best = Infinity, arg = 0;
      for (let c = 0; c < k; c++) if (f[o + c] < best) { best = f[o + c]; arg = c; }
      out[i] = arg;
    }
    return out;
  }
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

/** One half-step: the assignment step or the update step, whichever `phase` says. Returns a new state. */
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

/** The rest of the update step, given per-cluster sums (k, d) and counts (k,): means and empty-cluster relocation. */
function centroidsFromSums(data: Float32Array, n: number, d: number, k: number, assignment: Int32Array, sums: Float64Array, counts: Int32Array, centroids: Float32Array): number[] {
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

export interface TrainOptions {
  /** Lloyd iterations (faiss: 10 for an IVF coarse quantizer, 25 for PQ codebooks). */
  niter?: number;
  init?: KMeansInit;
  /** Like faiss: train on at most maxPointsPerCentroid * k points (a random subsample). */
  maxPointsPerCentroid?: number;
  /** false: never use the WebAssembly assignment kernel (the TypeScript reference path). */
  kernels?: boolean;
}

export interface TrainResult {
  centroids: Float32Array; // (k, d)
  objective: number[]; // J at each iteration's assignment
  iterations: number;
  /** Training-set warnings, worded like faiss's. */
  warnings: string[];
  /** Fraction of point-centroid distance evaluations skipped by Hamerly's bounds. */
  skipped: number;
}

/**
 * Lloyd's k-means. With the WebAssembly kernels installed (and d % 4 == 0) every iteration assigns
 * all points with the blocked kernel, as faiss does with BLAS. Otherwise, in TypeScript, Hamerly's
 * bounds: per point an upper bound u on the distance to its centroid and a lower bound l on the
 * distance to any other; a point whose u <= max(l, s(a)/2) cannot change cluster, so its k distances
 * are not computed. Both give plain Lloyd's assignments (up to float32 rounding of near-ties).
 */
export function trainKMeans(dataIn: Float32Array, nIn: number, d: number, k: number, random: () => number, options: TrainOptions = {}): TrainResult {
  const {niter = 25, init = "random", maxPointsPerCentroid = 256, kernels = true} = options;
  checkConfig(dataIn, nIn, d, k);
  checkInt(niter, "The number of iterations", 1, 10_000);
  const warnings: string[] = [];
  let data = dataIn, n = nIn;
  if (n < 39 * k) warnings.push(`clustering ${n} points to ${k} centroids: please provide at least ${39 * k} training points`);
  if (n > maxPointsPerCentroid * k) {
    const keep = maxPointsPerCentroid * k;
    warnings.push(`sampling ${keep} / ${n} points to train ${k} centroids`);
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    data = new Float32Array(keep * d);
    for (let i = 0; i < keep; i++) {
      const j = i + Math.floor(random() * (n - i));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      data.set(dataIn.subarray(perm[i] * d, perm[i] * d + d), i * d);
    }
    n = keep;
  }
  const chosen = initCentroids(data, n, d, k, init, random);
  let centroids = new Float32Array(k * d);
  for (let c = 0; c < k; c++) centroids.set(data.subarray(chosen[c] * d, chosen[c] * d + d), c * d);

  const assign = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const half = new Float64Array(k); // s(j)/2: half the distance to the nearest other centroid
  const drift = new Float64Array(k);
  const objective: number[] = [];
  let computed = 0, possible = 0;
  const next = new Float32Array(k * d);
  const counts = new Int32Array(k);

  // the blocked WebAssembly assignment (all points, every iteration) when installed; otherwise
  // Hamerly's bounds, with the SIMD L2 kernel for the full scans when d allows it
  const blocked = kernels && n * k >= 4096 ? makeAssigner(n, d, k) : null;
  blocked?.setPoints(data);
  const simd = !blocked && n * k >= 4096 && useSimd(d) ? new RowsToTargets(data, n, d, centroids, k) : null;
  const fullScan = (i: number) => {
    let b1 = Infinity, b2 = Infinity, a = 0;
    const io = i * d;
    const f = simd ? simd.distances(i) : null;
    const o = simd ? simd.out : 0;
    for (let c = 0; c < k; c++) {
      const v = f ? f[o + c] : l2sq(data, io, centroids, c * d, d);
      if (v < b1) {
        b2 = b1;
        b1 = v;
        a = c;
      } else if (v < b2) b2 = v;
    }
    assign[i] = a;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
    computed += k;
  };

  for (let it = 0; it < niter; it++) {
    possible += n * k;
    if (blocked) {
      // assignment, objective and the update step's sums in WebAssembly; means and relocation here
      blocked.setCentroids(centroids);
      objective.push(blocked.assign(assign));
      computed += n * k;
      centroidsFromSums(data, n, d, k, assign, blocked.sumsByCluster(counts), counts, centroids);
      continue;
    }
    if (it === 0) {
      for (let i = 0; i < n; i++) fullScan(i);
    } else {
      for (let c = 0; c < k; c++) {
        let m = Infinity;
        for (let c2 = 0; c2 < k; c2++) if (c2 !== c) {
          const v = l2sq(centroids, c * d, centroids, c2 * d, d);
          if (v < m) m = v;
        }
        half[c] = 0.5 * Math.sqrt(m);
      }
      computed += (k * (k - 1)) / 2;
      for (let i = 0; i < n; i++) {
        const a = assign[i];
        const bound = Math.max(half[a], lower[i]);
        if (upper[i] <= bound) continue;
        upper[i] = Math.sqrt(l2sq(data, i * d, centroids, a * d, d));
        computed++;
        if (upper[i] <= bound) continue;
        fullScan(i);
      }
    }
    objective.push(kmeansObjective(data, n, d, centroids, assign));
    // update step
    updateCentroids(data, n, d, k, assign, next);
    let max1 = 0, max2 = 0, arg1 = -1;
    for (let c = 0; c < k; c++) {
      const p = Math.sqrt(l2sq(next, c * d, centroids, c * d, d));
      drift[c] = p;
      if (p > max1) {
        max2 = max1;
        max1 = p;
        arg1 = c;
      } else if (p > max2) max2 = p;
    }
    for (let i = 0; i < n; i++) {
      const a = assign[i];
      upper[i] += drift[a];
      lower[i] -= a === arg1 ? max2 : max1;
    }
    centroids.set(next);
    simd?.setTargets(centroids);
  }
  return {centroids, objective, iterations: niter, warnings, skipped: 1 - computed / Math.max(1, possible)};
}
