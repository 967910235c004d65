// Inverted-file indexes (Jégou et al. 2011, §IV; faiss IndexIVFFlat / IndexIVFPQ): a coarse k-means
// quantizer cuts space into nlist cells; each vector is stored in its cell's list, either raw (IVF-Flat)
// or as the PQ code of its residual r = x - c (IVF-PQ, one PQ shared by all cells). A query visits the
// nprobe cells with the nearest centroids. IVF-PQ uses faiss's precomputed tables (see buildIVFPQ);
// its query runs in kernels.wat when the backend allows it (backend.ts), else in the TypeScript reference below. L2 only
// (cosine = L2 on unit vectors). Not here: HNSW coarse quantizers, polysemous filtering, removals.
import {checkInt, checkMatrix, InputError} from "./check.js";
import {dot, l2sq} from "./distance.js";
import {assignNearest, trainKMeans} from "./train-kmeans.js";
import type {SearchResult} from "./knn.js";
import {checkPQShape, pqEncode, trainPQ, type ProductQuantizer} from "./pq.js";
import {TopK} from "./topk.js";
import {L2Scan, Kernels, transposeCodebooks} from "./kernels.js";
import {kernelsFor, type Backend} from "./backend.js";

/** Where the loops run (backend.ts); TypeScript when absent. */
export interface IVFOptions {
  backend?: Backend;
}

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
export function trainCoarse(train: Float32Array, n: number, d: number, nlist: number, random: () => number, niter = 10, options: IVFOptions = {}) {
  checkInt(nlist, "nlist", 1);
  checkMatrix(train, n, d, "training vectors");
  if (nlist > n) throw new InputError(`nlist = ${nlist} cells need at least ${nlist} training vectors; there are only ${n}.`);
  return trainKMeans(train, n, d, nlist, random, {niter, backend: options.backend});
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
export function buildIVFFlat(coarse: Float32Array, nlist: number, data: Float32Array, n: number, d: number, options: IVFOptions = {}): IVFIndex {
  checkMatrix(data, n, d, "base vectors");
  const cells = assignNearest(data, n, d, coarse, nlist, options.backend);
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
export function trainIVFPQ(train: Float32Array, n: number, d: number, nlist: number, m: number, nbits: number, random: () => number, options: {coarseIter?: number; pqIter?: number} & IVFOptions = {}) {
  checkPQShape(d, m, nbits);
  const coarseResult = trainCoarse(train, n, d, nlist, random, options.coarseIter ?? 10, options);
  const cells = assignNearest(train, n, d, coarseResult.centroids, nlist, options.backend);
  const res = residuals(train, n, d, coarseResult.centroids, cells);
  const pqResult = trainPQ(res, n, d, m, nbits, random, {niter: options.pqIter ?? 25, backend: options.backend});
  return {coarse: coarseResult.centroids, pq: pqResult.pq, warnings: [...coarseResult.warnings, ...pqResult.warnings]};
}

/**
 * IVF-PQ: adds (n, d) vectors as PQ codes of their residuals; precomputes the per-cell term tables
 * ||r_jt||^2 + 2<c_j, r_jt> (faiss IndexIVFPQ::precompute_table, use_precomputed_table = 1, which
 * faiss picks by default for L2 with a flat coarse quantizer), so a query computes only -2<q_j, r_jt>.
 */
export function buildIVFPQ(coarse: Float32Array, nlist: number, pq: ProductQuantizer, data: Float32Array, n: number, options: IVFOptions = {}): IVFIndex {
  const d = pq.d;
  checkMatrix(data, n, d, "base vectors");
  const cells = assignNearest(data, n, d, coarse, nlist, options.backend);
  const res = residuals(data, n, d, coarse, cells);
  const allCodes = pqEncode(pq, res, n, options);
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

/** WebAssembly copy of an IVF-PQ index for kernels.wat (byte offsets into the kernel memory). */
interface IVFPQKernelState {
  kern: Kernels;
  q: number; // (d,) the query
  coarse: number; // (nlist, d)
  coarseOut: number; // (nlist,) squared distances to the centroids
  cbT: number; // (m, dsub, ksub) transposed codebooks
  qTerm: number; // (m, ksub) -2 <q_j, c_jt>
  pre: number; // (nlist, m, ksub) precomputed cell terms
  table: number; // (m, ksub) the current cell's ADC table
  codes: number; // (n, m)
  ids: number; // (n,) int32
  hd: number; // (k,) heap distances
  hi: number; // (k,) heap ids
  f: Float32Array; // views of the kernel memory (it does not grow after the constructor)
  i: Int32Array;
}

/** A reusable single-query searcher (scratch buffers allocated once). */
export class IVFSearcher {
  readonly index: IVFIndex;
  readonly k: number;
  private heap: TopK;
  private probeHeap: TopK;
  private coarseDist: Float32Array; // (nlist,) squared distances of the query to the centroids
  private qTerm: Float32Array | null; // (m, ksub): -2 <q_j, c_jt>
  private table: Float32Array | null; // (m, ksub): per-cell ADC table
  /** Cells visited by the last search, nearest first, and their squared distances. */
  probed = new Int32Array(0);
  probedDist = new Float32Array(0);
  /** Codes or vectors scanned by the last search. */
  scanned = 0;

  // IVF-Flat: kernel copies of the coarse centroids and of the list vectors (L2 kernel)
  private flat: {coarse: L2Scan; vectors: L2Scan} | null = null;
  // IVF-PQ: the whole query in kernels.wat when the backend allows it, else the TypeScript below
  private wasm: IVFPQKernelState | null = null;

  constructor(index: IVFIndex, k: number, options: IVFOptions = {}) {
    checkInt(k, "k", 1);
    this.index = index;
    this.k = k;
    this.heap = new TopK(k);
    this.probeHeap = new TopK(1);
    this.probed = new Int32Array(1);
    this.probedDist = new Float32Array(1);
    this.coarseDist = new Float32Array(index.nlist);
    const pq = index.pq;
    this.qTerm = pq ? new Float32Array(pq.m * pq.ksub) : null;
    this.table = pq ? new Float32Array(pq.m * pq.ksub) : null;
    const {d, nlist, n} = index;
    // per query the work is nlist + nprobe·n/nlist distances: always worth the kernel when it applies
    const kern = pq ? kernelsFor(options.backend, Infinity, d, pq.m, pq.ksub) : kernelsFor(options.backend, Infinity, d);
    if (kern && pq) {
      const {m, ksub, dsub} = pq, mk = m * ksub;
      const w: IVFPQKernelState = {
        kern, q: kern.alloc(d * 4), coarse: kern.alloc(nlist * d * 4), coarseOut: kern.alloc(nlist * 4),
        cbT: kern.alloc(mk * dsub * 4), qTerm: kern.alloc(mk * 4), pre: kern.alloc(nlist * mk * 4), table: kern.alloc(mk * 4),
        codes: kern.alloc(n * m), ids: kern.alloc(n * 4), hd: kern.alloc(k * 4), hi: kern.alloc(k * 4),
        f: new Float32Array(0), i: new Int32Array(0)
      };
      const f = kern.f32();
      f.set(index.coarse, w.coarse >> 2);
      f.set(transposeCodebooks(pq.codebooks, m, ksub, dsub), w.cbT >> 2);
      f.set(index.precomputed!, w.pre >> 2);
      kern.u8().set(index.codes!, w.codes);
      kern.i32().set(index.ids, w.ids >> 2);
      w.f = kern.f32();
      w.i = kern.i32();
      this.wasm = w;
    } else if (kern && index.vectors) {
      this.flat = {coarse: new L2Scan(kern, index.coarse, nlist, d), vectors: new L2Scan(kern, index.vectors, n, d)};
    }
  }

  /** Whether searches run in kernels.wat. */
  get usesKernels(): boolean {
    return this.wasm !== null || this.flat !== null;
  }

  /** The nprobe nearest cells into probed/probedDist, given squared distances to all nlist centroids at dist[o..]. */
  private selectCells(np: number, dist: Float32Array, o: number): void {
    if (this.probeHeap.k !== np) {
      this.probeHeap = new TopK(np);
      this.probed = new Int32Array(np);
      this.probedDist = new Float32Array(np);
    }
    const ph = this.probeHeap;
    ph.reset();
    for (let c = 0; c < this.index.nlist; c++) ph.push(dist[o + c], c);
    ph.sorted(this.probed, this.probedDist);
  }

  /** Searches query row qo/d of `queries`; writes k ids and squared distances at outOffset. */
  search(queries: Float32Array, qo: number, nprobe: number, outIds: Int32Array, outScores: Float32Array, outOffset = 0): void {
    const index = this.index;
    const {d, nlist, coarse, offsets, ids} = index;
    if (!Number.isInteger(nprobe) || nprobe < 1) throw new InputError(`nprobe must be a whole number of at least 1, got ${nprobe}.`);
    const np = Math.min(nprobe, nlist);
    if (this.wasm) return this.searchKernels(queries, qo, np, outIds, outScores, outOffset);
    const flat = this.flat;
    if (flat) {
      const {f, offset} = flat.coarse.distances(queries, qo);
      this.selectCells(np, f, offset);
    } else {
      const dist = this.coarseDist;
      for (let c = 0; c < nlist; c++) dist[c] = l2sq(queries, qo, coarse, c * d, d);
      this.selectCells(np, dist, 0);
    }
    const heap = this.heap;
    heap.reset();
    let scanned = 0;
    if (index.kind === "ivf-flat") {
      const vectors = index.vectors!;
      for (let p = 0; p < np; p++) {
        const c = this.probed[p];
        const start = offsets[c], end = offsets[c + 1];
        if (flat) {
          const {f, offset} = flat.vectors.distances(queries, qo, start, end - start);
          for (let r = start; r < end; r++) heap.push(f[offset + r - start], ids[r]);
        } else for (let r = start; r < end; r++) heap.push(l2sq(queries, qo, vectors, r * d, d), ids[r]);
        scanned += end - start;
      }
    } else {
      // The TypeScript reference of the IVF-PQ query (searchKernels is the same in WebAssembly).
      // ||q - c - r||^2 = ||q - c||^2 + [||r||^2 + 2<c, r>] - 2<q, r>; the bracket is index.precomputed.
      const pq = index.pq!, codes = index.codes!, pre = index.precomputed!;
      const {m, ksub, dsub, codebooks} = pq;
      const qTerm = this.qTerm!, table = this.table!;
      for (let j = 0; j < m; j++)
        for (let t = 0; t < ksub; t++) qTerm[j * ksub + t] = -2 * dot(queries, qo + j * dsub, codebooks, (j * ksub + t) * dsub, dsub);
      const mk = m * ksub;
      for (let p = 0; p < np; p++) {
        const c = this.probed[p];
        const start = offsets[c], end = offsets[c + 1];
        const base = this.probedDist[p];
        for (let t = 0; t < mk; t++) table[t] = pre[c * mk + t] + qTerm[t];
        for (let r = start; r < end; r++) {
          let s = base;
          for (let j = 0; j < m; j++) s += table[j * ksub + codes[r * m + j]];
          heap.push(s, ids[r]);
        }
        scanned += end - start;
      }
    }
    this.scanned = scanned;
    heap.sorted(outIds, outScores, outOffset);
  }

  /** IVF-PQ query in kernels.wat: coarse distances, -2<q, c> table, then per cell its table and scan. */
  private searchKernels(queries: Float32Array, qo: number, np: number, outIds: Int32Array, outScores: Float32Array, outOffset: number): void {
    const w = this.wasm!, fn = w.kern.fn;
    const {d, nlist, offsets} = this.index;
    const {m, ksub, dsub} = this.index.pq!, mk = m * ksub;
    const f = w.f;
    for (let j = 0, o = w.q >> 2; j < d; j++) f[o + j] = queries[qo + j];
    fn.l2ny(w.q, w.coarse, d, nlist, w.coarseOut);
    this.selectCells(np, f, w.coarseOut >> 2);
    fn.ip_table(w.q, w.cbT, m, ksub, dsub, w.qTerm, -2);
    let size = 0, scanned = 0;
    for (let p = 0; p < np; p++) {
      const c = this.probed[p];
      const start = offsets[c], len = offsets[c + 1] - start;
      if (len === 0) continue;
      fn.add(w.pre + c * mk * 4, w.qTerm, w.table, mk);
      size = fn.scan(w.codes + start * m, w.ids + start * 4, len, m, ksub, w.table, this.probedDist[p], w.hd, w.hi, this.k, size);
      scanned += len;
    }
    this.scanned = scanned;
    const heap = this.heap;
    heap.loadFrom(f, w.hd >> 2, w.i, w.hi >> 2, size);
    heap.sorted(outIds, outScores, outOffset);
  }
}

/** Searches nq queries (nq, d), one at a time; returns (nq, k) ids and squared L2 distances. */
export function ivfSearch(index: IVFIndex, queries: Float32Array, nq: number, k: number, nprobe: number, options: IVFOptions = {}): SearchResult {
  checkMatrix(queries, nq, index.d, "query vectors");
  const searcher = new IVFSearcher(index, k, options);
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

/**
 * IVF-PQ search with SDC, as the revision notes describe the query: for each probed cell the query's
 * residual q - c is itself PQ-encoded and compared code to code through the SDC table,
 * sum_j ||q_j(r_q) - q_j(r_y)||^2, instead of faiss's ADC (exact query residual). TypeScript only;
 * for the page's comparison. Returns (nq, k) ids and squared distance estimates.
 */
export function ivfSearchSDC(index: IVFIndex, queries: Float32Array, nq: number, k: number, nprobe: number): SearchResult {
  const {d, nlist, coarse, offsets, ids} = index;
  const pq = index.pq;
  if (!pq || !index.codes) throw new InputError("SDC search needs an IVF-PQ index.");
  checkMatrix(queries, nq, d, "query vectors");
  checkInt(k, "k", 1);
  checkInt(nprobe, "nprobe", 1);
  const {m, ksub, dsub, codebooks} = pq;
  const sdc = new Float32Array(m * ksub * ksub); // (m, ksub, ksub)
  for (let j = 0; j < m; j++)
    for (let s = 0; s < ksub; s++)
      for (let t = 0; t < ksub; t++) sdc[(j * ksub + s) * ksub + t] = l2sq(codebooks, (j * ksub + s) * dsub, codebooks, (j * ksub + t) * dsub, dsub);
  const np = Math.min(nprobe, nlist);
  const cellHeap = new TopK(np), heap = new TopK(k);
  const probed = new Int32Array(np), probedDist = new Float32Array(np);
  const r = new Float32Array(d);
  const outIds = new Int32Array(nq * k), outScores = new Float32Array(nq * k);
  for (let q = 0; q < nq; q++) {
    cellHeap.reset();
    for (let c = 0; c < nlist; c++) cellHeap.push(l2sq(queries, q * d, coarse, c * d, d), c);
    cellHeap.sorted(probed, probedDist);
    heap.reset();
    for (let p = 0; p < np; p++) {
      const c = probed[p];
      for (let j = 0; j < d; j++) r[j] = queries[q * d + j] - coarse[c * d + j];
      const qcode = pqEncode(pq, r, 1);
      for (let row = offsets[c]; row < offsets[c + 1]; row++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += sdc[(j * ksub + qcode[j]) * ksub + index.codes[row * m + j]];
        heap.push(s, ids[row]);
      }
    }
    heap.sorted(outIds, outScores, q * k);
  }
  return {k, ids: outIds, scores: outScores};
}
