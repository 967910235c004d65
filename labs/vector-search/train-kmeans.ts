// faiss-style k-means training for the ANN indexes (faiss Clustering.cpp): the Lloyd iterations of
// lloyd.ts run a fixed number of times on at most maxPointsPerCentroid·k sampled points, with faiss's
// training-set warnings. Fast paths, chosen by backend.ts: the blocked WebAssembly assignment
// (kernels.ts, as faiss uses BLAS) or, in TypeScript, Hamerly's (2010) bounds. Both follow Lloyd's
// assignments (test/vector-search/kernels.test.ts checks them against each other).
import {checkInt} from "./check.js";
import {l2sq} from "./distance.js";
import {Assigner} from "./kernels.js";
import {kernelsFor, type Backend} from "./backend.js";
import {centroidsFromSums, checkKMeans, initCentroids, kmeansObjective, nearestCentroids, updateCentroids, type KMeansInit} from "./lloyd.js";

/**
 * Nearest centroid (k, d) of every point (n, d), ties to the lowest index: the blocked kernel when the
 * backend allows it (float32 ||c||^2 - 2<x, c>, so exact near-ties may resolve differently), else lloyd.ts's reference.
 */
export function assignNearest(data: Float32Array, n: number, d: number, centroids: Float32Array, k: number, backend?: Backend): Int32Array {
  const kern = kernelsFor(backend, n * k, d);
  if (!kern) return nearestCentroids(data, n, d, centroids, k);
  const assigner = new Assigner(kern, n, d, k);
  const out = new Int32Array(n);
  assigner.setPoints(data);
  assigner.setCentroids(centroids);
  assigner.assign(out);
  return out;
}

export interface TrainOptions {
  /** Lloyd iterations (faiss: 10 for an IVF coarse quantizer, 25 for PQ codebooks). */
  niter?: number;
  init?: KMeansInit;
  /** Like faiss: train on at most maxPointsPerCentroid * k points (a random subsample). */
  maxPointsPerCentroid?: number;
  /** Where the assignment runs (backend.ts); TypeScript with Hamerly's bounds when absent. */
  backend?: Backend;
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
 * Lloyd's k-means, faiss-style: niter iterations on (n, d) points (random init by default), returning
 * (k, d) centroids. With a WebAssembly backend (and d % 4 == 0) every iteration assigns all points
 * with the blocked kernel, as faiss does with BLAS. Otherwise, in TypeScript, Hamerly's
 * bounds: per point an upper bound u on the distance to its centroid and a lower bound l on the
 * distance to any other; a point whose u <= max(l, s(a)/2) cannot change cluster, so its k distances
 * are not computed. Both give plain Lloyd's assignments (up to float32 rounding of near-ties).
 */
export function trainKMeans(dataIn: Float32Array, nIn: number, d: number, k: number, random: () => number, options: TrainOptions = {}): TrainResult {
  const {niter = 25, init = "random", maxPointsPerCentroid = 256, backend} = options;
  checkKMeans(dataIn, nIn, d, k);
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
  const centroids = new Float32Array(k * d);
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

  // the blocked WebAssembly assignment (all points, every iteration) when the backend allows it;
  // otherwise Hamerly's bounds in TypeScript
  const kern = kernelsFor(backend, n * k, d);
  const blocked = kern ? new Assigner(kern, n, d, k) : null;
  blocked?.setPoints(data);
  const fullScan = (i: number) => {
    let b1 = Infinity, b2 = Infinity, a = 0;
    const io = i * d;
    for (let c = 0; c < k; c++) {
      const v = l2sq(data, io, centroids, c * d, d);
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
  }
  return {centroids, objective, iterations: niter, warnings, skipped: 1 - computed / Math.max(1, possible)};
}
