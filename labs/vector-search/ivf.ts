// Inverted-file indexes (Jégou et al. 2011, §IV; faiss IndexIVFFlat / IndexIVFPQ): a coarse k-means
// quantizer cuts space into nlist cells; each vector is stored in its cell's list, either raw (IVF-Flat)
// or as the PQ code of its residual r = x - c (IVF-PQ, one PQ shared by all cells). A query visits the
// nprobe cells with the nearest centroids. L2 only (cosine = L2 on unit vectors). Not here: HNSW
// coarse quantizers, polysemous filtering, removals.
import {checkInt, checkMatrix, InputError} from "./check.js";
import {dot, l2sq} from "./distance.js";
import {nearestCentroids, trainKMeans} from "./kmeans.js";
import type {SearchResult} from "./knn.js";
import {checkPQShape, pqEncode, trainPQ, type ProductQuantizer} from "./pq.js";
import {TopK} from "./topk.js";
import {L2Kernel, useSimd} from "./simd.js";

export interface IVFIndex {
  kind: "ivf-flat" | "ivf-pq";
  d: number;
  n: number;
  nlist: number;
  coarse: Float32Array; // (nlist, d) cell centroids
  offsets: Int32Array; // (nlist + 1,) list c holds rows offsets[c] .. offsets[c+1]-1
  ids: Int32Array; // (n,) original id of each row, in list order
  vectors: Float32Array | null; // (n, d) raw vectors in list order (IVF-Flat)
  pq: ProductQuantizer | null; // the one PQ shared by every cell (IVF-PQ)
  codes: Uint8Array | null; // (n, m) residual codes in list order (IVF-PQ)
  /** (nlist, m, ksub): ||r_jt||^2 + 2<c_j, r_jt>, the query-independent part of the IVF-PQ distance. */
  precomputed: Float32Array | null;
}

/** Trains the coarse quantizer: k-means with nlist centroids (faiss: 10 iterations, random init). */
export function trainCoarse(train: Float32Array, n: number, d: number, nlist: number, random: () => number, niter = 10) {
  checkInt(nlist, "nlist", 1);
  checkMatrix(train, n, d, "the training vectors");
  if (nlist > n) throw new InputError(`nlist = ${nlist} cells need at least ${nlist} training vectors; there are only ${n}.`);
  return trainKMeans(train, n, d, nlist, random, {niter});
}

/** Groups rows by cell (a counting sort): returns offsets and the row order. */
function groupByCell(cells: Int32Array, nlist: number): {offsets: Int32Array; order: Int32Array} {
  const n = cells.length;
  const offsets = new Int32Array(nlist + 1);
  for (let i = 0; i < n; i++) offsets[cells[i] + 1]++;
  for (let c = 0; c < nlist; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, nlist);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cells[i]]++] = i;
  return {offsets, order};
}

/** IVF-Flat: adds (n, d) vectors, each to the list of its nearest coarse centroid. */
export function buildIVFFlat(coarse: Float32Array, nlist: number, data: Float32Array, n: number, d: number): IVFIndex {
  checkMatrix(data, n, d, "the base vectors");
  const cells = nearestCentroids(data, n, d, coarse, nlist);
  const {offsets, order} = groupByCell(cells, nlist);
  const vectors = new Float32Array(n * d);
  for (let r = 0; r < n; r++) vectors.set(data.subarray(order[r] * d, order[r] * d + d), r * d);
  return {kind: "ivf-flat", d, n, nlist, coarse, offsets, ids: order, vectors, pq: null, codes: null, precomputed: null};
}

/** Residuals r = x - c(x) of (n, d) vectors against their nearest coarse centroid. */
export function residuals(data: Float32Array, n: number, d: number, coarse: Float32Array, cells: Int32Array): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    for (let j = 0; j < d; j++) out[i * d + j] = data[i * d + j] - coarse[c * d + j];
  }
  return out;
}

/** IVF-PQ training: the coarse quantizer, then one PQ trained on the residuals of all cells. */
export function trainIVFPQ(train: Float32Array, n: number, d: number, nlist: number, m: number, nbits: number, random: () => number, options: {coarseIter?: number; pqIter?: number} = {}) {
  checkPQShape(d, m, nbits);
  const coarseResult = trainCoarse(train, n, d, nlist, random, options.coarseIter ?? 10);
  const cells = nearestCentroids(train, n, d, coarseResult.centroids, nlist);
  const res = residuals(train, n, d, coarseResult.centroids, cells);
  const pqResult = trainPQ(res, n, d, m, nbits, random, {niter: options.pqIter ?? 25});
  return {coarse: coarseResult.centroids, pq: pqResult.pq, warnings: [...coarseResult.warnings, ...pqResult.warnings]};
}

/** IVF-PQ: adds (n, d) vectors as PQ codes of their residuals; precomputes the per-cell term tables. */
export function buildIVFPQ(coarse: Float32Array, nlist: number, pq: ProductQuantizer, data: Float32Array, n: number): IVFIndex {
  const d = pq.d;
  checkMatrix(data, n, d, "the base vectors");
  const cells = nearestCentroids(data, n, d, coarse, nlist);
  const res = residuals(data, n, d, coarse, cells);
  const allCodes = pqEncode(pq, res, n);
  const {offsets, order} = groupByCell(cells, nlist);
  const {m, ksub, dsub, codebooks} = pq;
  const codes = new Uint8Array(n * m);
  for (let r = 0; r < n; r++) codes.set(allCodes.subarray(order[r] * m, order[r] * m + m), r * m);
  // ||q - c - r||^2 = ||q - c||^2 + sum_j (||r_j||^2 + 2<c_j, r_j>) - 2 sum_j <q_j, r_j>
  const precomputed = new Float32Array(nlist * m * ksub);
  for (let c = 0; c < nlist; c++)
    for (let j = 0; j < m; j++)
      for (let t = 0; t < ksub; t++) {
        const co = (j * ksub + t) * dsub;
        precomputed[(c * m + j) * ksub + t] = dot(codebooks, co, codebooks, co, dsub) + 2 * dot(coarse, c * d + j * dsub, codebooks, co, dsub);
      }
  return {kind: "ivf-pq", d, n, nlist, coarse, offsets, ids: order, vectors: null, pq, codes, precomputed};
}

/** A reusable single-query searcher (scratch buffers allocated once). */
export class IVFSearcher {
  readonly index: IVFIndex;
  readonly k: number;
  private heap: TopK;
  private probeHeap: TopK;
  private coarseDist: Float64Array;
  private qTerm: Float32Array | null; // (m, ksub): -2 <q_j, c_jt>
  private table: Float32Array | null; // (m, ksub): per-cell ADC table
  /** Cells visited by the last search, nearest first, and their squared distances. */
  probed = new Int32Array(0);
  probedDist = new Float32Array(0);
  /** Codes or vectors scanned by the last search. */
  scanned = 0;

  // WebAssembly SIMD copies of the coarse centroids, list vectors (IVF-Flat) or codebooks (IVF-PQ)
  private simd: {kernel: L2Kernel; q: number; coarse: number; coarseOut: number; vectors: number; listOut: number; codebooks: number; termOut: number} | null = null;
  private codeNorms: Float32Array | null = null; // (m, ksub) ||c_jt||^2

  constructor(index: IVFIndex, k: number) {
    checkInt(k, "k", 1);
    this.index = index;
    this.k = k;
    this.heap = new TopK(k);
    this.probeHeap = new TopK(1);
    this.probed = new Int32Array(1);
    this.probedDist = new Float32Array(1);
    this.coarseDist = new Float64Array(index.nlist);
    const pq = index.pq;
    this.qTerm = pq ? new Float32Array(pq.m * pq.ksub) : null;
    this.table = pq ? new Float32Array(pq.m * pq.ksub) : null;
    if (pq) {
      this.codeNorms = new Float32Array(pq.m * pq.ksub);
      for (let t = 0; t < pq.m * pq.ksub; t++) this.codeNorms[t] = dot(pq.codebooks, t * pq.dsub, pq.codebooks, t * pq.dsub, pq.dsub);
    }
    const {d, nlist, n, offsets} = index;
    if (useSimd(d)) {
      const kernel = new L2Kernel();
      let maxList = 1;
      for (let c = 0; c < nlist; c++) maxList = Math.max(maxList, offsets[c + 1] - offsets[c]);
      const q = kernel.alloc(d), coarse = kernel.alloc(nlist * d), coarseOut = kernel.alloc(nlist);
      const vectors = index.vectors ? kernel.alloc(n * d) : 0;
      const listOut = index.vectors ? kernel.alloc(maxList) : 0;
      const pqSimd = pq && useSimd(pq.dsub);
      const codebooks = pqSimd ? kernel.alloc(pq.m * pq.ksub * pq.dsub) : 0;
      const termOut = pqSimd ? kernel.alloc(pq.m * pq.ksub) : 0;
      const f = kernel.f32();
      f.set(index.coarse, coarse);
      if (index.vectors) f.set(index.vectors, vectors);
      if (pqSimd) f.set(pq.codebooks, codebooks);
      this.simd = {kernel, q, coarse, coarseOut, vectors, listOut, codebooks: pqSimd ? codebooks : -1, termOut};
    }
  }

  /** Searches query row qo/d of `queries`; writes k ids and squared distances at outOffset. */
  search(queries: Float32Array, qo: number, nprobe: number, outIds: Int32Array, outScores: Float32Array, outOffset = 0): void {
    const index = this.index;
    const {d, nlist, coarse, offsets, ids} = index;
    if (!Number.isInteger(nprobe) || nprobe < 1) throw new InputError(`nprobe must be a whole number of at least 1, got ${nprobe}.`);
    const np = Math.min(nprobe, nlist);
    if (this.probeHeap.k !== np) {
      this.probeHeap = new TopK(np);
      this.probed = new Int32Array(np);
      this.probedDist = new Float32Array(np);
    }
    const ph = this.probeHeap;
    ph.reset();
    const simd = this.simd;
    let f: Float32Array | null = null;
    if (simd) {
      f = simd.kernel.f32();
      f.set(queries.subarray(qo, qo + d), simd.q);
      simd.kernel.l2ny(simd.q, simd.coarse, d, nlist, simd.coarseOut);
      const o = simd.coarseOut;
      for (let c = 0; c < nlist; c++) ph.push(f[o + c], c);
    } else for (let c = 0; c < nlist; c++) ph.push(l2sq(queries, qo, coarse, c * d, d), c);
    ph.sorted(this.probed, this.probedDist);
    const heap = this.heap;
    heap.reset();
    let scanned = 0;
    if (index.kind === "ivf-flat") {
      const vectors = index.vectors!;
      for (let p = 0; p < np; p++) {
        const c = this.probed[p];
        const start = offsets[c], end = offsets[c + 1];
        if (simd && f) {
          simd.kernel.l2ny(simd.q, simd.vectors + start * d, d, end - start, simd.listOut);
          const o = simd.listOut - start;
          for (let r = start; r < end; r++) heap.push(f[o + r], ids[r]);
        } else for (let r = start; r < end; r++) heap.push(l2sq(queries, qo, vectors, r * d, d), ids[r]);
        scanned += end - start;
      }
    } else {
      const pq = index.pq!, codes = index.codes!, pre = index.precomputed!;
      const {m, ksub, dsub, codebooks} = pq;
      const qTerm = this.qTerm!, table = this.table!;
      if (simd && f && simd.codebooks >= 0) {
        // -2<q_j, c_jt> = ||q_j - c_jt||^2 - ||q_j||^2 - ||c_jt||^2
        const norms = this.codeNorms!;
        for (let j = 0; j < m; j++) {
          simd.kernel.l2ny(simd.q + j * dsub, simd.codebooks + j * ksub * dsub, dsub, ksub, simd.termOut + j * ksub);
          const qn = dot(queries, qo + j * dsub, queries, qo + j * dsub, dsub);
          const o = simd.termOut + j * ksub;
          for (let t = 0; t < ksub; t++) qTerm[j * ksub + t] = f[o + t] - qn - norms[j * ksub + t];
        }
      } else
        for (let j = 0; j < m; j++)
          for (let t = 0; t < ksub; t++) qTerm[j * ksub + t] = -2 * dot(queries, qo + j * dsub, codebooks, (j * ksub + t) * dsub, dsub);
      const mk = m * ksub;
      for (let p = 0; p < np; p++) {
        const c = this.probed[p];
        const start = offsets[c], end = offsets[c + 1];
        if (start === end) continue;
        const base = this.probedDist[p];
        const po = c * mk;
        if (m % 4 === 0 && end - start < ksub) {
          // short list: read the cell's precomputed table and the query's table directly (two loads
          // per sub-code) instead of first adding them into a per-cell table of m·ksub entries
          for (let r = start; r < end; r++) {
            let s0 = base, s1 = 0, s2 = 0, s3 = 0;
            for (let j = 0, co = r * m, to = 0; j < m; j += 4, co += 4, to += 4 * ksub) {
              const c0 = to + codes[co], c1 = to + ksub + codes[co + 1], c2 = to + 2 * ksub + codes[co + 2], c3 = to + 3 * ksub + codes[co + 3];
              s0 += pre[po + c0] + qTerm[c0];
              s1 += pre[po + c1] + qTerm[c1];
              s2 += pre[po + c2] + qTerm[c2];
              s3 += pre[po + c3] + qTerm[c3];
            }
            const s = s0 + s1 + (s2 + s3);
            if (s < heap.worst() || heap.size < heap.k) heap.push(s, ids[r]);
          }
          scanned += end - start;
          continue;
        }
        for (let t = 0; t < mk; t++) table[t] = pre[po + t] + qTerm[t];
        if (m % 4 === 0) {
          // four sub-codes per iteration: fewer loop tests, independent loads
          for (let r = start; r < end; r++) {
            let s0 = base, s1 = 0, s2 = 0, s3 = 0;
            for (let j = 0, co = r * m, to = 0; j < m; j += 4, co += 4, to += 4 * ksub) {
              s0 += table[to + codes[co]];
              s1 += table[to + ksub + codes[co + 1]];
              s2 += table[to + 2 * ksub + codes[co + 2]];
              s3 += table[to + 3 * ksub + codes[co + 3]];
            }
            const s = s0 + s1 + (s2 + s3);
            if (s < heap.worst() || heap.size < heap.k) heap.push(s, ids[r]);
          }
        } else
          for (let r = start; r < end; r++) {
            let s = base;
            const co = r * m;
            for (let j = 0; j < m; j++) s += table[j * ksub + codes[co + j]];
            heap.push(s, ids[r]);
          }
        scanned += end - start;
      }
    }
    this.scanned = scanned;
    heap.sorted(outIds, outScores, outOffset);
  }
}

/** Searches nq queries (nq, d), one at a time; returns (nq, k) ids and squared L2 distances. */
export function ivfSearch(index: IVFIndex, queries: Float32Array, nq: number, k: number, nprobe: number): SearchResult {
  checkMatrix(queries, nq, index.d, "the query vectors");
  const searcher = new IVFSearcher(index, k);
  const ids = new Int32Array(nq * k);
  const scores = new Float32Array(nq * k);
  for (let q = 0; q < nq; q++) searcher.search(queries, q * index.d, nprobe, ids, scores, q * k);
  return {k, ids, scores};
}

/** List sizes (nlist,) and faiss's imbalance factor nlist * sum(size^2) / n^2 (1 = perfectly even). */
export function listStats(index: IVFIndex): {sizes: Int32Array; imbalance: number} {
  const sizes = new Int32Array(index.nlist);
  let s2 = 0;
  for (let c = 0; c < index.nlist; c++) {
    sizes[c] = index.offsets[c + 1] - index.offsets[c];
    s2 += sizes[c] * sizes[c];
  }
  return {sizes, imbalance: index.n > 0 ? (index.nlist * s2) / (index.n * index.n) : 1};
}
