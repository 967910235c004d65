// Product quantization (Jégou, Douze & Schmid, TPAMI 2011): split x in R^d into m sub-vectors of
// d/m dims, quantize each with its own k-means codebook of 2^nbits centroids, store m small codes.
// Distances: ADC (exact query vs decoded base, one (m, 2^nbits) table per query) and SDC (both
// quantized, one (m, 2^nbits, 2^nbits) table). One byte per sub-code in memory; packCodes gives
// faiss's packed layout ((m·nbits+7)/8 bytes). Not here: OPQ rotations, polysemous codes, nbits > 8.
import {checkInt, checkMatrix, InputError} from "./check.js";
import {l2sq} from "./distance.js";
import {trainKMeans} from "./train-kmeans.js";
import type {KMeansInit} from "./lloyd.js";
import type {SearchResult} from "./knn.js";
import {TopK} from "./topk.js";
import {Assigner, Kernels} from "./kernels.js";
import {kernelsFor, type Backend} from "./backend.js";

export interface ProductQuantizer {
  d: number;
  m: number; // sub-vectors
  nbits: number; // bits per sub-code, 1..8
  ksub: number; // 2^nbits centroids per codebook
  dsub: number; // d / m
  codebooks: Float32Array; // (m, ksub, dsub)
}

/** Checks d, m, nbits; returns {ksub, dsub}. */
export function checkPQShape(d: number, m: number, nbits: number): {ksub: number; dsub: number} {
  checkInt(d, "The dimension d", 1);
  checkInt(m, "The number of sub-vectors m", 1);
  if (!Number.isInteger(nbits) || nbits < 1 || nbits > 8)
    throw new InputError(`nbits must be a whole number from 1 to 8 (one byte per sub-code at most), got ${nbits}.`);
  if (d % m !== 0) {
    const divisors = [] as number[];
    for (let t = 1; t <= d; t++) if (d % t === 0) divisors.push(t);
    throw new InputError(`The dimension d = ${d} is not divisible by m = ${m}; each sub-vector needs d/m whole dimensions. Divisors of ${d}: ${divisors.join(", ")}.`);
  }
  return {ksub: 1 << nbits, dsub: d / m};
}

export interface PQTrainOptions {
  niter?: number; // k-means iterations per codebook (faiss: 25)
  init?: KMeansInit;
  backend?: Backend;
}

/** Trains the m codebooks on (n, d) vectors: one k-means with 2^nbits centroids per sub-space. */
export function trainPQ(data: Float32Array, n: number, d: number, m: number, nbits: number, random: () => number, options: PQTrainOptions = {}): {pq: ProductQuantizer; warnings: string[]; objective: number[][]} {
  const {ksub, dsub} = checkPQShape(d, m, nbits);
  checkMatrix(data, n, d, "training vectors");
  if (n < ksub) throw new InputError(`Training ${ksub} centroids per codebook (nbits = ${nbits}) needs at least ${ksub} training vectors; there are only ${n}.`);
  const codebooks = new Float32Array(m * ksub * dsub);
  const sub = new Float32Array(n * dsub);
  const warnings = new Set<string>();
  const objective: number[][] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) for (let t = 0; t < dsub; t++) sub[i * dsub + t] = data[i * d + j * dsub + t];
    const result = trainKMeans(sub, n, dsub, ksub, random, {niter: options.niter ?? 25, init: options.init ?? "random", backend: options.backend});
    codebooks.set(result.centroids, j * ksub * dsub);
    result.warnings.forEach((w) => warnings.add(w));
    objective.push(result.objective);
  }
  return {pq: {d, m, nbits, ksub, dsub, codebooks}, warnings: [...warnings], objective};
}

/** Codes (n, m): index of the nearest codebook centroid for every sub-vector (the blocked WebAssembly kernel when `backend` allows it). */
export function pqEncode(pq: ProductQuantizer, x: Float32Array, n: number, options: {backend?: Backend} = {}): Uint8Array {
  const {d, m, ksub, dsub, codebooks} = pq;
  checkMatrix(x, n, d, "vectors to encode");
  const codes = new Uint8Array(n * m);
  const kern = kernelsFor(options.backend, n * ksub, dsub);
  if (kern) {
    const assigner = new Assigner(kern, n, dsub, ksub);
    const sub = new Int32Array(n);
    for (let j = 0; j < m; j++) {
      assigner.setPoints(x, d, j * dsub);
      assigner.setCentroids(codebooks, j * ksub * dsub);
      assigner.assign(sub);
      for (let i = 0; i < n; i++) codes[i * m + j] = sub[i];
    }
    return codes;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const xo = i * d + j * dsub;
      const cb = j * ksub * dsub;
      let best = Infinity, arg = 0;
      for (let t = 0; t < ksub; t++) {
        const v = l2sq(x, xo, codebooks, cb + t * dsub, dsub);
        if (v < best) {
          best = v;
          arg = t;
        }
      }
      codes[i * m + j] = arg;
    }
  }
  return codes;
}

/** Reconstructions (n, d): the concatenated centroids the codes point at. */
export function pqDecode(pq: ProductQuantizer, codes: Uint8Array, n: number): Float32Array {
  const {d, m, ksub, dsub, codebooks} = pq;
  if (codes.length !== n * m) throw new InputError(`Expected ${n} × ${m} codes, got ${codes.length}.`);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      const t = codes[i * m + j];
      if (t >= pq.ksub) throw new InputError(`Code ${t} at row ${i}, sub-vector ${j} is out of range for ${pq.ksub} centroids.`);
      out.set(codebooks.subarray((j * ksub + t) * dsub, (j * ksub + t + 1) * dsub), i * d + j * dsub);
    }
  return out;
}

/** ADC table (m, ksub): ||q_j - c_{j,t}||^2 for query row qo of `queries`. */
export function adcTable(pq: ProductQuantizer, queries: Float32Array, qo = 0, out: Float32Array = new Float32Array(pq.m * pq.ksub)): Float32Array {
  const {m, ksub, dsub, codebooks} = pq;
  for (let j = 0; j < m; j++)
    for (let t = 0; t < ksub; t++) out[j * ksub + t] = l2sq(queries, qo + j * dsub, codebooks, (j * ksub + t) * dsub, dsub);
  return out;
}

/** sum_j table[j, code_j]: the ADC (or SDC) distance of one code. */
export function tableDistance(table: Float32Array, ksub: number, codes: Uint8Array, co: number, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) s += table[j * ksub + codes[co + j]];
  return s;
}

/** SDC table (m, ksub, ksub): ||c_{j,s} - c_{j,t}||^2 between centroids of the same codebook. */
export function sdcTable(pq: ProductQuantizer): Float32Array {
  const {m, ksub, dsub, codebooks} = pq;
  const out = new Float32Array(m * ksub * ksub);
  for (let j = 0; j < m; j++)
    for (let s = 0; s < ksub; s++)
      for (let t = 0; t < ksub; t++)
        out[(j * ksub + s) * ksub + t] = l2sq(codebooks, (j * ksub + s) * dsub, codebooks, (j * ksub + t) * dsub, dsub);
  return out;
}

/** SDC distance between two codes: sum_j sdc[j, a_j, b_j]. */
export function sdcDistance(sdc: Float32Array, ksub: number, a: Uint8Array, ao: number, b: Uint8Array, bo: number, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) s += sdc[(j * ksub + a[ao + j]) * ksub + b[bo + j]];
  return s;
}

/**
 * Exhaustive PQ search ("IndexPQ"), one query at a time: the ADC table, then the ADC distance of every
 * code into a top-k heap. The scan runs in kernels.wat when the backend allows it (m % 4 == 0), else the loop below.
 */
export class PQSearcher {
  private heap: TopK;
  private table: Float32Array;
  private wasm: {kern: Kernels; codes: number; ids: number; table: number; hd: number; hi: number} | null = null;

  constructor(readonly pq: ProductQuantizer, readonly codes: Uint8Array, readonly n: number, readonly k: number, options: {backend?: Backend} = {}) {
    checkInt(k, "k", 1);
    if (codes.length !== n * pq.m) throw new InputError(`Expected ${n} × ${pq.m} codes, got ${codes.length}.`);
    this.heap = new TopK(k);
    this.table = new Float32Array(pq.m * pq.ksub);
    const kern = kernelsFor(options.backend, Infinity, pq.m);
    if (kern) {
      const w = {kern, codes: kern.alloc(n * pq.m), ids: kern.alloc(n * 4), table: kern.alloc(pq.m * pq.ksub * 4), hd: kern.alloc(k * 4), hi: kern.alloc(k * 4)};
      kern.u8().set(codes, w.codes);
      const ids = kern.i32(), io = w.ids >> 2;
      for (let i = 0; i < n; i++) ids[io + i] = i;
      this.wasm = w;
    }
  }

  /** Searches query row qo/d of `queries`; writes k ids and squared ADC distances at outOffset. */
  search(queries: Float32Array, qo: number, outIds: Int32Array, outDist: Float32Array, outOffset = 0): void {
    const {m, ksub} = this.pq;
    const table = adcTable(this.pq, queries, qo, this.table);
    const heap = this.heap;
    const w = this.wasm;
    if (w) {
      w.kern.f32().set(table, w.table >> 2);
      const size = w.kern.fn.scan(w.codes, w.ids, this.n, m, ksub, w.table, 0, w.hd, w.hi, this.k, 0);
      heap.loadFrom(w.kern.f32(), w.hd >> 2, w.kern.i32(), w.hi >> 2, size);
    } else {
      const codes = this.codes;
      heap.reset();
      for (let i = 0; i < this.n; i++) heap.push(tableDistance(table, ksub, codes, i * m, m), i);
    }
    heap.sorted(outIds, outDist, outOffset);
  }
}

/** Exhaustive PQ search of nq queries (nq, d) against n codes: (nq, k) ids and ADC distances. */
export function pqSearch(pq: ProductQuantizer, codes: Uint8Array, n: number, queries: Float32Array, nq: number, k: number, options: {backend?: Backend} = {}): SearchResult {
  checkMatrix(queries, nq, pq.d, "query vectors");
  const searcher = new PQSearcher(pq, codes, n, k, options);
  const ids = new Int32Array(nq * k);
  const scores = new Float32Array(nq * k);
  for (let q = 0; q < nq; q++) searcher.search(queries, q * pq.d, ids, scores, q * k);
  return {k, ids, scores};
}

/** faiss's packed code layout: sub-codes of nbits each, least significant bit first, (m·nbits+7)/8 bytes per vector. */
export function packCodes(codes: Uint8Array, n: number, m: number, nbits: number): Uint8Array {
  const size = Math.ceil((m * nbits) / 8);
  const out = new Uint8Array(n * size);
  for (let i = 0; i < n; i++) {
    let bit = 0;
    for (let j = 0; j < m; j++) {
      const c = codes[i * m + j];
      for (let b = 0; b < nbits; b++, bit++) if ((c >> b) & 1) out[i * size + (bit >> 3)] |= 1 << (bit & 7);
    }
  }
  return out;
}

export function unpackCodes(packed: Uint8Array, n: number, m: number, nbits: number): Uint8Array {
  const size = Math.ceil((m * nbits) / 8);
  const out = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) {
    let bit = 0;
    for (let j = 0; j < m; j++) {
      let c = 0;
      for (let b = 0; b < nbits; b++, bit++) if ((packed[i * size + (bit >> 3)] >> (bit & 7)) & 1) c |= 1 << b;
      out[i * m + j] = c;
    }
  }
  return out;
}

/** Mean squared reconstruction error ||x - decode(encode(x))||^2 over n rows. */
export function pqDistortion(pq: ProductQuantizer, x: Float32Array, n: number, options: {backend?: Backend} = {}): number {
  const codes = pqEncode(pq, x, n, options);
  const rec = pqDecode(pq, codes, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += l2sq(x, i * pq.d, rec, i * pq.d, pq.d);
  return s / n;
}
