// The product-quantization notebook's training as an init/step Algorithm (labs/kit/loop.ts): init draws
// the seeded data set, each step trains one sub-quantizer's codebook (k-means, 25 iterations), and the
// last step adds the error statistics: mean distortion, ADC and SDC distance errors and their recall@10.
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {stream} from "../kit/random.js";
import {InputError} from "./check.js";
import {exactKnn, recallAtK} from "./knn.js";
import {trainKMeans} from "./train-kmeans.js";
import {adcTable, checkPQShape, packCodes, pqDecode, pqEncode, sdcTable, type ProductQuantizer} from "./pq.js";
import {gaussianMixture} from "./synthetic.js";
import {l2sq} from "./distance.js";
import {TopK} from "./topk.js";
import {TYPESCRIPT, wasmBackend, type Backend} from "./backend.js";

export interface PQConfig {
  n: number; // base vectors
  nq: number; // queries for the ADC/SDC comparison
  d: number;
  clusters: number;
  seed: number;
  m: number;
  nbits: number;
  niter?: number;
  /** The compiled kernels.wat (backend.ts); without it the TypeScript references run. Not part of a first state's config. */
  kernels?: WebAssembly.Module | null;
}

export const PQ_PAGE_DEFAULT: PQConfig = {n: 2500, nq: 100, d: 32, clusters: 20, seed: 42, m: 8, nbits: 6, niter: 25};

export interface PQStats {
  distortion: number; // mean ||x - decode(encode(x))||^2
  energy: number; // mean ||x - mean||^2, the distortion of a single centroid
  adcRelError: number; // mean |d~^2 - d^2| / d^2 over all query-base pairs
  sdcRelError: number;
  adcRecall: number; // recall@10 of ADC top-10 vs exact top-10
  sdcRecall: number;
}

export interface PQSnapshot extends LoopSnapshot {
  config: PQConfig;
  trained: number; // sub-quantizers trained so far
  codebooks: Float32Array; // (m, ksub, dsub), rows of untrained codebooks are 0
  stats: PQStats | null; // set when all m are trained
  warnings: string[];
  seconds: number;
}

export function pqDataset(config: PQConfig) {
  return gaussianMixture({nBase: config.n, nQuery: config.nq, d: config.d, clusters: config.clusters, seed: config.seed});
}

/** The trained PQ of a snapshot (its codebooks may arrive as base64 of float32 from a data loader). */
export function pqFromSnapshot(s: {config: PQConfig; codebooks: Float32Array}): ProductQuantizer {
  const {d, m, nbits} = s.config;
  const {ksub, dsub} = checkPQShape(d, m, nbits);
  return {d, m, nbits, ksub, dsub, codebooks: s.codebooks};
}

/** Distortion, ADC/SDC errors and recalls of a trained PQ on (n, d) base and (nq, d) queries. */
export function pqStats(pq: ProductQuantizer, base: Float32Array, n: number, queries: Float32Array, nq: number, backend: Backend = TYPESCRIPT): PQStats {
  const {d, m, ksub} = pq;
  const codes = pqEncode(pq, base, n, {backend});
  const rec = pqDecode(pq, codes, n);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += base[i * d + j] / n;
  let distortion = 0, energy = 0;
  for (let i = 0; i < n; i++) {
    distortion += l2sq(base, i * d, rec, i * d, d);
    for (let j = 0; j < d; j++) energy += (base[i * d + j] - mean[j]) ** 2;
  }
  const qcodes = pqEncode(pq, queries, nq, {backend});
  const sdc = sdcTable(pq);
  const table = new Float32Array(m * ksub);
  const truth = exactKnn(base, n, d, queries, nq, 10, "l2", {backend}).ids;
  const adcIds = new Int32Array(nq * 10), sdcIds = new Int32Array(nq * 10);
  const scratch = new Float32Array(10);
  const hA = new TopK(10), hS = new TopK(10);
  let adcErr = 0, sdcErr = 0, pairs = 0;
  for (let q = 0; q < nq; q++) {
    adcTable(pq, queries, q * d, table);
    hA.reset();
    hS.reset();
    for (let i = 0; i < n; i++) {
      let a = 0, s = 0;
      for (let j = 0; j < m; j++) {
        const c = codes[i * m + j];
        a += table[j * ksub + c];
        s += sdc[(j * ksub + qcodes[q * m + j]) * ksub + c];
      }
      const exact = l2sq(queries, q * d, base, i * d, d);
      if (exact > 0) {
        adcErr += Math.abs(a - exact) / exact;
        sdcErr += Math.abs(s - exact) / exact;
        pairs++;
      }
      hA.push(a, i);
      hS.push(s, i);
    }
    hA.sorted(adcIds, scratch, q * 10);
    hS.sorted(sdcIds, scratch, q * 10);
  }
  return {
    distortion: distortion / n,
    energy: energy / n,
    adcRelError: adcErr / pairs,
    sdcRelError: sdcErr / pairs,
    adcRecall: recallAtK(adcIds, 10, truth, 10, nq, 10),
    sdcRecall: recallAtK(sdcIds, 10, truth, 10, nq, 10)
  };
}

/** Training in progress: the data, the codebooks trained so far (mutated by pqTrainStep) and the stats at the end. */
export interface PQTrainState {
  config: PQConfig;
  backend: Backend;
  data: ReturnType<typeof pqDataset>;
  random: () => number;
  sub: Float32Array; // (n, dsub) scratch: one sub-space of the training set
  codebooks: Float32Array; // (m, ksub, dsub)
  trained: number;
  stats: PQStats | null;
  warnings: string[];
  seconds: number;
}

/** Draws the data set; no codebook is trained yet. */
export function pqTrainInit(config: PQConfig): PQTrainState {
  const {d, m, nbits, seed} = config;
  const {ksub, dsub} = checkPQShape(d, m, nbits);
  const data = pqDataset(config);
  if (data.nBase < ksub) throw new InputError(`nbits = ${nbits} needs at least ${ksub} training vectors; there are ${data.nBase}.`);
  const backend = config.kernels ? wasmBackend(config.kernels) : TYPESCRIPT;
  return {config, backend, data, random: stream(seed, "codebooks"), sub: new Float32Array(data.nBase * dsub), codebooks: new Float32Array(m * ksub * dsub), trained: 0, stats: null, warnings: [], seconds: 0};
}

/** Trains the next codebook (and, after the last, computes the stats). Mutates `state` and returns it. */
export function pqTrainStep(state: PQTrainState): PQTrainState {
  const t0 = performance.now();
  const {d, m, nbits, niter = 25} = state.config;
  const {ksub, dsub} = checkPQShape(d, m, nbits);
  const {data, sub} = state, n = data.nBase, j = state.trained;
  for (let i = 0; i < n; i++) for (let t = 0; t < dsub; t++) sub[i * dsub + t] = data.base[i * d + j * dsub + t];
  const r = trainKMeans(sub, n, dsub, ksub, state.random, {niter, backend: state.backend});
  state.codebooks.set(r.centroids, j * ksub * dsub);
  for (const w of r.warnings) if (!state.warnings.includes(w)) state.warnings.push(w);
  state.trained++;
  if (state.trained === m) state.stats = pqStats({d, m, nbits, ksub, dsub, codebooks: state.codebooks}, data.base, n, data.queries, data.nQuery, state.backend);
  state.seconds += (performance.now() - t0) / 1000;
  return state;
}

const pqProgress = (s: {trained: number; stats: PQStats | null; config: PQConfig}) => (s.stats ? 1 : (s.trained / s.config.m) * 0.95);

export const pqTrainAlgorithm: Algorithm<PQConfig, PQTrainState, PQSnapshot> = {
  init: pqTrainInit,
  step: pqTrainStep,
  progress: pqProgress,
  snapshot: (s, step) => {
    const {kernels: _kernels, ...config} = s.config;
    return {config, trained: s.trained, codebooks: s.codebooks.slice(), stats: s.stats, warnings: s.warnings.slice(), seconds: s.seconds, step, progress: pqProgress(s)};
  }
};

/** One vector taken apart by a trained PQ: its codes, its reconstruction, the error and the packed bytes. */
export function vectorReport(pq: ProductQuantizer, base: Float32Array, which: number) {
  const {d, m, nbits} = pq;
  const x = base.subarray(which * d, (which + 1) * d);
  const code = pqEncode(pq, x, 1);
  const rec = pqDecode(pq, code, 1);
  let err = 0, norm = 0;
  for (let j = 0; j < d; j++) {
    err += (x[j] - rec[j]) ** 2;
    norm += x[j] ** 2;
  }
  return {x, code, rec, err, norm, packed: packCodes(code, 1, m, nbits)};
}
