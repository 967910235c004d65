// The /ivf page's computation as an init/step Algorithm (labs/kit/loop.ts), run in a worker so no
// setting blocks the page: the coarse quantizer, the shared residual PQ and the IVF-PQ index, the
// recall sweep over nprobe, the residual-vs-raw distortion and faiss's ADC against the notes' SDC
// query. Each step is one task; the snapshot carries what is done so far. 2-D points, L2.
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {stream} from "../kit/random.js";
import {buildIVFFlat, buildIVFPQ, IVFSearcher, ivfSearch, ivfSearchSDC, listStats, residuals, trainCoarse, trainIVFPQ, type IVFIndex} from "./ivf.js";
import {exactKnn, recallAtK} from "./knn.js";
import {assignNearest} from "./train-kmeans.js";
import {pqDecode, pqDistortion, trainPQ, type ProductQuantizer} from "./pq.js";
import {pointPreset, type Preset} from "./points2d.js";

export interface IVFPageConfig {
  preset: Preset;
  nlist: number;
  nbits: number;
  seed: number;
  N: number; // base points
  NQ: number; // queries for the recall sweep
  K: number;
}

export interface IVFPageSnapshot extends LoopSnapshot {
  config: IVFPageConfig;
  coarse: Float32Array | null; // (nlist, 2) cell centroids
  imbalance: number;
  /** Recall@K of IVF-Flat and IVF-PQ at each nprobe of 1, 2, 4, ... and nlist. */
  sweep: {nprobe: number; recall: number; index: "IVF-Flat" | "IVF-PQ"}[];
  /** Residuals (N, 2) and the cell of each point, for the residual figure. */
  residuals: Float32Array | null;
  cells: Int32Array | null;
  /**
   * The shared PQ's codebooks (m = 2, one coordinate each): its 2^nbits × 2^nbits reconstructions are
   * every (x, y) with x from xs and y from ys.
   */
  recon: {xs: number[]; ys: number[]};
  ksub: number;
  distortion: {residual: number; raw: number} | null;
  /** recall@K at nprobe = nlist: faiss's ADC against the notes' SDC query. */
  adcVsSdc: {adc: number; sdc: number} | null;
}

interface IVFPageState {
  config: IVFPageConfig;
  points: Float32Array;
  queries: Float32Array;
  truth: Int32Array;
  random: () => number;
  coarse: Float32Array | null;
  flat: IVFIndex | null;
  pq: ProductQuantizer | null;
  pqIndex: IVFIndex | null;
  out: Omit<IVFPageSnapshot, "step" | "progress" | "config">;
  done: number;
}

/** nprobe values of the sweep: powers of two below nlist, then nlist. */
export const sweepProbes = (nlist: number) => [...new Set([1, 2, 4, 8, 16, 32, 64].filter((p) => p < nlist).concat([nlist]))];

const TASKS: ((s: IVFPageState) => void)[] = [
  (s) => {
    const {N, nlist} = s.config;
    s.coarse = trainCoarse(s.points, N, 2, nlist, stream(s.config.seed, "coarse"), 10).centroids;
    s.flat = buildIVFFlat(s.coarse, nlist, s.points, N, 2);
    s.out.coarse = s.coarse;
    s.out.imbalance = listStats(s.flat).imbalance;
  },
  (s) => {
    // one PQ for every cell: m = 2 sub-vectors of one coordinate each, trained on the residuals
    const {N, nlist, nbits} = s.config;
    const t = trainIVFPQ(s.points, N, 2, nlist, 2, nbits, stream(s.config.seed, "coarse"), {coarseIter: 10, pqIter: 25});
    s.pq = t.pq;
    s.pqIndex = buildIVFPQ(t.coarse, nlist, t.pq, s.points, N);
    const cells = assignNearest(s.points, N, 2, t.coarse, nlist);
    s.out.cells = cells;
    s.out.residuals = residuals(s.points, N, 2, t.coarse, cells);
    s.out.ksub = t.pq.ksub;
    const codes = Uint8Array.from({length: 2 * t.pq.ksub}, (_, i) => i >> 1); // rows (t, t): centroid t of both codebooks
    const rec = pqDecode(t.pq, codes, t.pq.ksub);
    s.out.recon = {xs: Array.from({length: t.pq.ksub}, (_, i) => rec[2 * i]), ys: Array.from({length: t.pq.ksub}, (_, i) => rec[2 * i + 1])};
  },
  (s) => {
    const {NQ, K, nlist} = s.config;
    for (const [index, name] of [[s.flat!, "IVF-Flat"], [s.pqIndex!, "IVF-PQ"]] as const) {
      const searcher = new IVFSearcher(index, K);
      for (const p of sweepProbes(nlist)) {
        const ids = new Int32Array(NQ * K), dist = new Float32Array(NQ * K);
        for (let q = 0; q < NQ; q++) searcher.search(s.queries, q * 2, p, ids, dist, q * K);
        s.out.sweep.push({nprobe: p, recall: recallAtK(ids, K, s.truth, K, NQ, K), index: name});
      }
    }
  },
  (s) => {
    const {N, nbits} = s.config;
    const raw = trainPQ(s.points, N, 2, 2, nbits, stream(s.config.seed, "raw pq"), {niter: 25}).pq;
    s.out.distortion = {residual: pqDistortion(s.pq!, s.out.residuals!, N), raw: pqDistortion(raw, s.points, N)};
  },
  (s) => {
    const {NQ, K, nlist} = s.config;
    const adc = ivfSearch(s.pqIndex!, s.queries, NQ, K, nlist).ids;
    const sdc = ivfSearchSDC(s.pqIndex!, s.queries, NQ, K, nlist).ids;
    s.out.adcVsSdc = {adc: recallAtK(adc, K, s.truth, K, NQ, K), sdc: recallAtK(sdc, K, s.truth, K, NQ, K)};
  }
];

export const ivfPage: Algorithm<IVFPageConfig, IVFPageState, IVFPageSnapshot> = {
  /** Draws the points and queries and the exact neighbours; nothing is trained yet. */
  init(config) {
    const {preset, N, NQ, K, seed} = config;
    const points = pointPreset(preset, N, stream(seed, "points"));
    const queries = pointPreset(preset, NQ, stream(seed, "queries"));
    return {
      config, points, queries, truth: exactKnn(points, N, 2, queries, NQ, K).ids, random: stream(seed, "coarse"),
      coarse: null, flat: null, pq: null, pqIndex: null, done: 0,
      out: {coarse: null, imbalance: 1, sweep: [], residuals: null, cells: null, recon: {xs: [], ys: []}, ksub: 0, distortion: null, adcVsSdc: null}
    };
  },
  /** Runs the next task. Mutates `state` and returns it. */
  step(state) {
    TASKS[state.done](state);
    state.done++;
    return state;
  },
  progress: (s) => s.done / TASKS.length,
  snapshot: (s, step) => ({...s.out, sweep: s.out.sweep.slice(), config: s.config, step, progress: s.done / TASKS.length})
};
