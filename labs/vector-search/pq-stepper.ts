// The product-quantization notebook's computation as a Stepper: reset draws the seeded data set,
// each step trains one sub-quantizer's codebook (k-means, 25 iterations), and the last step adds the
// error statistics: mean distortion, ADC and SDC distance errors and their recall@10.
import type {Stepper} from "../kit/stepper.js";
import {mulberry32} from "../kit/random.js";
import {exactKnn, recallAtK} from "./knn.js";
import {trainKMeans} from "./kmeans.js";
import {adcTable, checkPQShape, pqDecode, pqEncode, sdcTable, type ProductQuantizer} from "./pq.js";
import {gaussianMixture} from "./synthetic.js";
import {l2sq} from "./distance.js";
import {TopK} from "./topk.js";
import {installKernelsFrom, kernelsInstalled} from "./kernels.js";

export interface PQConfig {
  n: number; // base vectors
  nq: number; // queries for the ADC/SDC comparison
  d: number;
  clusters: number;
  seed: number;
  m: number;
  nbits: number;
  niter?: number;
  /** URL of the compiled kernels.wat (the page passes the build-time file); without it, TypeScript only. */
  kernelsUrl?: string;
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

export interface PQSnapshot {
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

export function pqFromSnapshot(s: PQSnapshot): ProductQuantizer {
  const {d, m, nbits} = s.config;
  const {ksub, dsub} = checkPQShape(d, m, nbits);
  return {d, m, nbits, ksub, dsub, codebooks: s.codebooks};
}

/** Distortion, ADC/SDC errors and recalls of a trained PQ on (n, d) base and (nq, d) queries. */
export function pqStats(pq: ProductQuantizer, base: Float32Array, n: number, queries: Float32Array, nq: number): PQStats {
  const {d, m, ksub} = pq;
  const codes = pqEncode(pq, base, n);
  const rec = pqDecode(pq, codes, n);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += base[i * d + j] / n;
  let distortion = 0, energy = 0;
  for (let i = 0; i < n; i++) {
    distortion += l2sq(base, i * d, rec, i * d, d);
    for (let j = 0; j < d; j++) energy += (base[i * d + j] - mean[j]) ** 2;
  }
  const qcodes = pqEncode(pq, queries, nq);
  const sdc = sdcTable(pq);
  const table = new Float32Array(m * ksub);
  const truth = exactKnn(base, n, d, queries, nq, 10).ids;
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

export function pqTrainStepper(config: PQConfig): Stepper<PQSnapshot> {
  const {d, m, nbits, seed, niter = 25} = config;
  const {ksub, dsub} = checkPQShape(d, m, nbits);
  let data: ReturnType<typeof pqDataset>;
  let random: () => number;
  let snap: PQSnapshot;
  let sub: Float32Array;
  return {
    async reset() {
      if (config.kernelsUrl && !kernelsInstalled()) await installKernelsFrom(config.kernelsUrl);
      data = pqDataset(config);
      if (data.nBase < ksub) throw new Error(`nbits = ${nbits} needs at least ${ksub} training vectors; there are ${data.nBase}.`);
      random = mulberry32(seed + 1);
      sub = new Float32Array(data.nBase * dsub);
      snap = {config, trained: 0, codebooks: new Float32Array(m * ksub * dsub), stats: null, warnings: [], seconds: 0};
      return snap;
    },
    step(count: number) {
      const t0 = performance.now();
      const codebooks = snap.codebooks.slice();
      let trained = snap.trained;
      const warnings = [...snap.warnings];
      const n = data.nBase;
      for (let c = 0; c < count && trained < m; c++, trained++) {
        const j = trained;
        for (let i = 0; i < n; i++) for (let t = 0; t < dsub; t++) sub[i * dsub + t] = data.base[i * d + j * dsub + t];
        const r = trainKMeans(sub, n, dsub, ksub, random, {niter});
        codebooks.set(r.centroids, j * ksub * dsub);
        for (const w of r.warnings) if (!warnings.includes(w)) warnings.push(w);
      }
      let stats: PQStats | null = null;
      if (trained === m) stats = pqStats({d, m, nbits, ksub, dsub, codebooks}, data.base, n, data.queries, data.nQuery);
      snap = {config, trained, codebooks, stats, warnings, seconds: snap.seconds + (performance.now() - t0) / 1000};
      return snap;
    },
    progress: (s) => (s.stats ? 1 : (s.trained / m) * 0.95),
    stepsDone: (s) => s.trained
  };
}
