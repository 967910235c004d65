// The "measure it" notebook's sweep as an init/step Algorithm (labs/kit/loop.ts): builds Flat, PQ,
// IVF-Flat and IVF-PQ on one data set and records, per setting, training and adding time, bytes per
// vector, recall@10 against exact search and single-query QPS (one query at a time). init plans the
// tasks; each step runs one task (a chunk of ground truth, one PQ codebook, one nprobe), so progress is
// fine-grained and cancel is immediate in a worker. Not here: the timing of faiss (bench/ann.ts).
import type {Algorithm, LoopSnapshot} from "../kit/loop.js";
import {shuffleInPlace, stream} from "../kit/random.js";
import {InputError, checkInt, checkMatrix} from "./check.js";
import {buildIVFFlat, buildIVFPQ, IVFSearcher, residuals, trainCoarse, type IVFIndex} from "./ivf.js";
import {exactKnn, normalizeRows, recallAtK} from "./knn.js";
import {assignNearest, trainKMeans} from "./train-kmeans.js";
import {checkPQShape, pqEncode, PQSearcher, type ProductQuantizer} from "./pq.js";
import {TYPESCRIPT, wasmBackend} from "./backend.js";
import {gaussianMixture, SYNTHETIC_DEFAULT} from "./synthetic.js";

export type IndexKind = "flat" | "pq" | "ivf-flat" | "ivf-pq";

export interface MeasureConfig {
  dataset: "synthetic" | "words";
  nBase: number; // synthetic: base vectors; words: ignored (all but the queries)
  nQuery: number;
  seed: number;
  m: number;
  nbits: number;
  nlist: number;
  nprobes: number[];
  /** Word vectors (n, d), row-major; required when dataset = "words". */
  words?: {vectors: Float32Array | number[]; n: number; d: number};
  coarseIter?: number; // faiss: 10
  pqIter?: number; // faiss: 25
  /** The compiled kernels.wat (backend.ts); without it the TypeScript references run. Not part of a first state's config. */
  kernels?: WebAssembly.Module | null;
}

export interface MeasureRow {
  index: IndexKind;
  m: number | null;
  nbits: number | null;
  nlist: number | null;
  nprobe: number | null;
  trainSeconds: number;
  addSeconds: number;
  bytesPerVector: number;
  recallAt10: number;
  qps: number;
}

export interface MeasureSnapshot extends LoopSnapshot {
  dataset: string;
  d: number;
  nBase: number;
  nQuery: number;
  rows: MeasureRow[];
  task: string; // what the next step does
  done: number;
  total: number;
  warnings: string[];
}

const K = 10;

/** The notebook's default sweep: small enough to finish in a browser tab within seconds. */
export const MEASURE_DEFAULT: MeasureConfig = {dataset: "synthetic", nBase: 10_000, nQuery: 200, seed: 42, m: 16, nbits: 6, nlist: 128, nprobes: [1, 2, 4, 8, 16, 32, 128]};

/** The sweep in progress: the planned tasks, the rows measured so far and the next task's index. */
export interface MeasureState {
  label: string;
  d: number;
  nb: number;
  nq: number;
  tasks: {label: string; run: () => void}[];
  rows: MeasureRow[];
  warnings: string[];
  done: number;
}

/** Loads the data, checks the settings and plans every task (nothing is measured yet). */
function measureInit(config: MeasureConfig): MeasureState {
  const {m, nbits, nlist, seed} = config;
  const coarseIter = config.coarseIter ?? 10, pqIter = config.pqIter ?? 25;
  const backend = config.kernels ? wasmBackend(config.kernels) : TYPESCRIPT;
  let base: Float32Array<ArrayBufferLike>, queries: Float32Array<ArrayBufferLike>, d = 0, nb = 0, nq = 0, label = "";
  const tasks: {label: string; run: () => void}[] = [];
  const rows: MeasureRow[] = [];
  const warnings: string[] = [];
  const now = () => performance.now() / 1000;

  function load() {
    checkInt(config.nQuery, "The number of queries", 1, 100_000);
    if (config.dataset === "synthetic") {
      const set = gaussianMixture({...SYNTHETIC_DEFAULT, nBase: config.nBase, nQuery: config.nQuery, seed});
      ({base, queries, d} = set);
      nb = set.nBase;
      nq = set.nQuery;
      label = `synthetic: ${nb.toLocaleString("en-US")} base + ${nq.toLocaleString("en-US")} queries, d = ${d}, ${SYNTHETIC_DEFAULT.clusters} Gaussian clusters`;
    } else if (config.dataset === "words") {
      const w = config.words;
      if (!w || w.n === 0) throw new InputError("The word vectors are not available in this build; choose the synthetic set.");
      const all = normalizeRows(Float32Array.from(w.vectors), w.n, w.d);
      d = w.d;
      nq = Math.min(config.nQuery, Math.floor(w.n / 5));
      nb = w.n - nq;
      const order = shuffleInPlace(Int32Array.from({length: w.n}, (_, i) => i), stream(seed, "queries"));
      queries = new Float32Array(nq * d);
      base = new Float32Array(nb * d);
      for (let i = 0; i < nq; i++) queries.set(all.subarray(order[i] * d, order[i] * d + d), i * d);
      for (let i = 0; i < nb; i++) base.set(all.subarray(order[nq + i] * d, order[nq + i] * d + d), i * d);
      label = `word vectors (unit length, so L2 ranks like cosine): ${nb.toLocaleString("en-US")} base + ${nq} held-out query words, d = ${d}`;
    } else throw new InputError(`Unknown data set "${config.dataset as string}".`);
    checkMatrix(base, nb, d, "base vectors");
    checkPQShape(d, m, nbits);
    checkInt(nlist, "nlist", 1, nb);
    if (nb < 1 << nbits) throw new InputError(`nbits = ${nbits} needs at least ${1 << nbits} training vectors; there are ${nb}.`);
    for (const p of config.nprobes) checkInt(p, "nprobe", 1, nlist);
  }

  // One query at a time, after a short untimed warm-up: otherwise the first setting measured also
  // pays for compiling its code (V8 tiers WebAssembly and JS up while it runs), and reads too slow.
  // Then passes over all queries until 0.2 s have gone by (at most 5), keeping the fastest: a pass of
  // a few milliseconds is easily slowed by anything else the machine does (bench/ann.ts does the same
  // with 2 s).
  const WARMUP_QUERIES = 32, MIN_SECONDS = 0.2, MAX_PASSES = 5;
  function queriesPerSecond(search: (q: number) => void): number {
    for (let q = 0; q < Math.min(nq, WARMUP_QUERIES); q++) search(q);
    let best = Infinity, total = 0;
    for (let pass = 0; pass < MAX_PASSES && total < MIN_SECONDS; pass++) {
      const t = now();
      for (let q = 0; q < nq; q++) search(q);
      const seconds = now() - t;
      best = Math.min(best, seconds);
      total += seconds;
    }
    return nq / best;
  }

  function plan() {
    const gt = new Int32Array(nq * K);
    let flatSeconds = 0;
    const chunk = Math.max(1, Math.floor(50_000_000 / (nb * d)));
    // exact search: ground truth and the Flat row, timed one query at a time
    for (let q0 = 0; q0 < nq; q0 += chunk) {
      const q1 = Math.min(nq, q0 + chunk);
      tasks.push({label: `exact search, queries ${q0 + 1}–${q1}`, run: () => {
        const t = now();
        // exactKnn scans the whole base for each query in turn: per-query cost, no batching
        gt.set(exactKnn(base, nb, d, queries.subarray(q0 * d, q1 * d), q1 - q0, K, "l2", {backend}).ids, q0 * K);
        flatSeconds += now() - t;
        if (q1 === nq) rows.push({index: "flat", m: null, nbits: null, nlist: null, nprobe: null, trainSeconds: 0, addSeconds: 0, bytesPerVector: d * 4, recallAt10: 1, qps: nq / flatSeconds});
      }});
    }
    const {ksub, dsub} = checkPQShape(d, m, nbits);
    // PQ over the raw vectors
    const trainCodebooks = (data: Float32Array, random: () => number, codebooks: Float32Array, j: number) => {
      const sub = new Float32Array(nb * dsub);
      for (let i = 0; i < nb; i++) for (let t = 0; t < dsub; t++) sub[i * dsub + t] = data[i * d + j * dsub + t];
      const r = trainKMeans(sub, nb, dsub, ksub, random, {niter: pqIter, backend});
      codebooks.set(r.centroids, j * ksub * dsub);
      for (const w of r.warnings) if (!warnings.includes(`PQ: ${w}`)) warnings.push(`PQ: ${w}`);
    };
    const pqState = {codebooks: new Float32Array(m * ksub * dsub), train: 0, random: stream(seed, "pq")};
    for (let j = 0; j < m; j++)
      tasks.push({label: `PQ: codebook ${j + 1} of ${m}`, run: () => {
        const t = now();
        trainCodebooks(base, pqState.random, pqState.codebooks, j);
        pqState.train += now() - t;
      }});
    tasks.push({label: "PQ: encode and search", run: () => {
      const pq: ProductQuantizer = {d, m, nbits, ksub, dsub, codebooks: pqState.codebooks};
      const t = now();
      const codes = pqEncode(pq, base, nb, {backend});
      const add = now() - t;
      const ids = new Int32Array(nq * K), dist = new Float32Array(nq * K);
      const searcher = new PQSearcher(pq, codes, nb, K, {backend});
      const qps = queriesPerSecond((q) => searcher.search(queries, q * d, ids, dist, q * K));
      rows.push({index: "pq", m, nbits, nlist: null, nprobe: null, trainSeconds: pqState.train, addSeconds: add, bytesPerVector: Math.ceil((m * nbits) / 8), recallAt10: recallAtK(ids, K, gt, K, nq, K), qps});
    }});
    // IVF-Flat
    const ivf = {coarse: new Float32Array(0) as Float32Array<ArrayBufferLike>, coarseSeconds: 0, flat: null as IVFIndex | null, flatAdd: 0};
    tasks.push({label: `IVF: coarse k-means, nlist = ${nlist}`, run: () => {
      const t = now();
      const r = trainCoarse(base, nb, d, nlist, stream(seed, "coarse"), coarseIter, {backend});
      ivf.coarse = r.centroids;
      ivf.coarseSeconds = now() - t;
      for (const w of r.warnings) warnings.push(`IVF: ${w}`);
    }});
    tasks.push({label: "IVF-Flat: add", run: () => {
      const t = now();
      ivf.flat = buildIVFFlat(ivf.coarse, nlist, base, nb, d, {backend});
      ivf.flatAdd = now() - t;
    }});
    const searchers = new Map<IndexKind, IVFSearcher>(); // one per index: its SIMD copy is made once
    const sweep = (index: () => IVFIndex, kind: IndexKind, p: number, train: () => number, add: () => number) => {
      tasks.push({label: `${kind}: search, nprobe = ${p}`, run: () => {
        const searcher = searchers.get(kind) ?? new IVFSearcher(index(), K, {backend});
        searchers.set(kind, searcher);
        const ids = new Int32Array(nq * K), dist = new Float32Array(nq * K);
        const qps = queriesPerSecond((q) => searcher.search(queries, q * d, p, ids, dist, q * K));
        const pq = kind === "ivf-pq";
        rows.push({index: kind, m: pq ? m : null, nbits: pq ? nbits : null, nlist, nprobe: p, trainSeconds: train(), addSeconds: add(), bytesPerVector: (pq ? Math.ceil((m * nbits) / 8) : d * 4) + 8, recallAt10: recallAtK(ids, K, gt, K, nq, K), qps});
      }});
    };
    for (const p of config.nprobes) sweep(() => ivf.flat!, "ivf-flat", p, () => ivf.coarseSeconds, () => ivf.flatAdd);
    // IVF-PQ: the same coarse quantizer, one PQ trained on the residuals of all cells
    const res = {data: new Float32Array(0) as Float32Array<ArrayBufferLike>, codebooks: new Float32Array(m * ksub * dsub), train: 0, random: stream(seed, "residual pq"), index: null as IVFIndex | null, add: 0};
    tasks.push({label: "IVF-PQ: residuals", run: () => {
      const t = now();
      res.data = residuals(base, nb, d, ivf.coarse, assignNearest(base, nb, d, ivf.coarse, nlist, backend));
      res.train += now() - t;
    }});
    for (let j = 0; j < m; j++)
      tasks.push({label: `IVF-PQ: residual codebook ${j + 1} of ${m}`, run: () => {
        const t = now();
        trainCodebooks(res.data, res.random, res.codebooks, j);
        res.train += now() - t;
      }});
    tasks.push({label: "IVF-PQ: add", run: () => {
      const t = now();
      res.index = buildIVFPQ(ivf.coarse, nlist, {d, m, nbits, ksub, dsub, codebooks: res.codebooks}, base, nb, {backend});
      res.add = now() - t;
      res.data = new Float32Array(0);
    }});
    for (const p of config.nprobes) sweep(() => res.index!, "ivf-pq", p, () => ivf.coarseSeconds + res.train, () => res.add);
  }

  load();
  plan();
  return {label, d, nb, nq, tasks, rows, warnings, done: 0};
}

/** Runs the next task. Mutates `state` (its rows, warnings and count) and returns it. */
function measureStep(state: MeasureState): MeasureState {
  state.tasks[state.done].run();
  state.done++;
  return state;
}

export const measureAlgorithm: Algorithm<MeasureConfig, MeasureState, MeasureSnapshot> = {
  init: measureInit,
  step: measureStep,
  progress: (s) => (s.tasks.length === 0 ? 1 : s.done / s.tasks.length),
  snapshot: (s, step) => ({
    dataset: s.label, d: s.d, nBase: s.nb, nQuery: s.nq, rows: s.rows.slice(), warnings: s.warnings.slice(),
    task: s.done < s.tasks.length ? s.tasks[s.done].label : "done", done: s.done, total: s.tasks.length,
    step, progress: s.tasks.length === 0 ? 1 : s.done / s.tasks.length
  })
};
