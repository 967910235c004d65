// Exact k-nearest-neighbour search (the "Flat" index): compare the query with every stored vector,
// O(n·d) per query, and keep the best k. Metrics: squared L2 (smaller is closer), inner product and
// cosine (larger is closer). No pruning, no approximation: the ground truth for every other index.
import {checkInt, checkMatrix, InputError} from "./check.js";
import {dot, l2sq} from "./distance.js";
import {TopK} from "./topk.js";
import {kernelsFor, type Backend} from "./backend.js";
import {L2Scan} from "./kernels.js";

export type Metric = "l2" | "ip" | "cosine";

export interface SearchResult {
  k: number;
  ids: Int32Array; // (nq, k) row-major, best first; -1 pads when fewer than k exist
  scores: Float32Array; // (nq, k) squared L2 distance for "l2", similarity for "ip"/"cosine"
}

/**
 * Exact kNN of nq queries (nq, d) against base (n, d): (nq, k) ids and scores. k may exceed n: the rest
 * is padded with -1. L2 runs in the WebAssembly L2 kernel when `backend` allows it (float32 sums).
 */
export function exactKnn(
  base: Float32Array, n: number, d: number,
  queries: Float32Array, nq: number, k: number,
  metric: Metric = "l2",
  options: {backend?: Backend} = {}
): SearchResult {
  checkMatrix(base, n, d, "base vectors");
  checkMatrix(queries, nq, d, "query vectors");
  checkInt(k, "k", 1);
  const ids = new Int32Array(nq * k);
  const scores = new Float32Array(nq * k);
  const heap = new TopK(k);
  let baseNorms: Float64Array | null = null;
  if (metric === "cosine") {
    baseNorms = new Float64Array(n);
    for (let i = 0; i < n; i++) baseNorms[i] = Math.sqrt(dot(base, i * d, base, i * d, d));
  }
  const sign = metric === "l2" ? 1 : -1; // the heap keeps the smallest keys
  // the WebAssembly L2 kernel (float32 sums) when the backend allows it; the order matches up to float32 ties
  const kern = metric === "l2" ? kernelsFor(options.backend, nq * n, d) : null;
  const scan = kern ? new L2Scan(kern, base, n, d) : null;
  for (let q = 0; q < nq; q++) {
    heap.reset();
    const qo = q * d;
    if (scan) {
      const {f, offset} = scan.distances(queries, qo);
      for (let i = 0; i < n; i++) heap.push(f[offset + i], i);
    } else if (metric === "l2") {
      for (let i = 0; i < n; i++) heap.push(l2sq(queries, qo, base, i * d, d), i);
    } else if (metric === "ip") {
      for (let i = 0; i < n; i++) heap.push(-dot(queries, qo, base, i * d, d), i);
    } else if (metric === "cosine") {
      const qn = Math.sqrt(dot(queries, qo, queries, qo, d));
      if (qn === 0) throw new InputError(`Query ${q} is the zero vector; cosine similarity is undefined for it.`);
      for (let i = 0; i < n; i++) {
        const bn = baseNorms![i];
        if (bn === 0) throw new InputError(`Base vector ${i} is the zero vector; cosine similarity is undefined for it.`);
        heap.push(-dot(queries, qo, base, i * d, d) / (qn * bn), i);
      }
    } else {
      throw new InputError(`Unknown metric "${metric as string}"; use l2, ip or cosine.`);
    }
    heap.sorted(ids, scores, q * k);
    if (sign < 0) for (let j = q * k; j < (q + 1) * k; j++) scores[j] = ids[j] < 0 ? -Infinity : -scores[j];
  }
  return {k, ids, scores};
}

/**
 * recall@k = mean over queries of |found top-k ∩ true top-k| / k.
 * found: (nq, kf) with kf >= k; truth: (nq, kt) with kt >= k; only the first k of each row count.
 */
export function recallAtK(found: Int32Array, kf: number, truth: Int32Array, kt: number, nq: number, k: number): number {
  if (k > kf || k > kt) throw new InputError(`recall@${k} needs at least ${k} results per query (got ${Math.min(kf, kt)}).`);
  if (nq === 0) throw new InputError("recall needs at least one query.");
  let hits = 0;
  const truthSet = new Set<number>();
  for (let q = 0; q < nq; q++) {
    truthSet.clear();
    for (let j = 0; j < k; j++) truthSet.add(truth[q * kt + j]);
    for (let j = 0; j < k; j++) {
      const id = found[q * kf + j];
      if (id >= 0 && truthSet.has(id)) hits++;
    }
  }
  return hits / (nq * k);
}

/** Rows scaled to unit L2 norm (cosine search = L2 search on these); zero rows are an error. */
export function normalizeRows(data: Float32Array, n: number, d: number): Float32Array {
  checkMatrix(data, n, d, "rows");
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const norm = Math.sqrt(dot(data, i * d, data, i * d, d));
    if (norm === 0) throw new InputError(`Row ${i} is the zero vector and cannot be normalized.`);
    for (let j = 0; j < d; j++) out[i * d + j] = data[i * d + j] / norm;
  }
  return out;
}
