// The WebAssembly kernels (kernels.wat) against their TypeScript references and naive computations:
// same ids, distances within float32 tolerance, same k-means assignments and objectives.
import {beforeAll, describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {buildIVFPQ, IVFSearcher, ivfSearch, trainIVFPQ} from "../../labs/vector-search/ivf.js";
import {Assigner, ipTable, Kernels, L2Scan, transposeCodebooks} from "../../labs/vector-search/kernels.js";
import {nodeBackend} from "../../labs/vector-search/kernels-node.js";
import {KERNEL_MIN_WORK, kernelsFor, TYPESCRIPT, type Backend} from "../../labs/vector-search/backend.js";
import {kmeansObjective, nearestCentroids} from "../../labs/vector-search/lloyd.js";
import {assignNearest, trainKMeans} from "../../labs/vector-search/train-kmeans.js";
import {exactKnn} from "../../labs/vector-search/knn.js";
import {buildIVFFlat, trainCoarse} from "../../labs/vector-search/ivf.js";
import {pqDecode, pqEncode, trainPQ} from "../../labs/vector-search/pq.js";
import {naiveL2, naiveTopK, randomMatrix} from "./helpers.js";

let wasm: Backend;
let module: WebAssembly.Module;
beforeAll(async () => {
  wasm = await nodeBackend();
  module = wasm.kernels!;
});

const close = (got: number, want: number, rel = 1e-5) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * (1 + Math.abs(want)));

describe("kernels.wat primitives", () => {
  it("kernelsFor: a kernel only with a module, enough work and lengths that are multiples of 4", () => {
    expect(kernelsFor(wasm, KERNEL_MIN_WORK, 8)).not.toBeNull();
    expect(kernelsFor(TYPESCRIPT, KERNEL_MIN_WORK, 8)).toBeNull();
    expect(kernelsFor(undefined, 1e9, 8)).toBeNull();
    expect(kernelsFor(wasm, KERNEL_MIN_WORK - 1, 8)).toBeNull();
    expect(kernelsFor(wasm, KERNEL_MIN_WORK, 8, 6)).toBeNull();
    expect(kernelsFor(wasm, KERNEL_MIN_WORK, 2)).toBeNull();
  });

  for (const d of [4, 8, 128])
    it(`l2ny equals naive squared distances (d = ${d})`, () => {
      const kern = new Kernels(module);
      const ny = 37, x = randomMatrix(1, d, 1), y = randomMatrix(ny, d, 2);
      const xo = kern.alloc(d * 4), yo = kern.alloc(ny * d * 4), out = kern.alloc(ny * 4);
      kern.f32().set(x, xo >> 2);
      kern.f32().set(y, yo >> 2);
      kern.fn.l2ny(xo, yo, d, ny, out);
      const f = kern.f32();
      for (let j = 0; j < ny; j++) close(f[(out >> 2) + j], naiveL2(x, 0, y, j * d, d));
    });

  for (const [m, ksub, dsub] of [[4, 16, 2], [16, 256, 8], [8, 4, 5]])
    it(`ip_table equals the TypeScript ipTable (m ${m}, ksub ${ksub}, dsub ${dsub})`, () => {
      const kern = new Kernels(module);
      const q = randomMatrix(1, m * dsub, 3), cb = randomMatrix(m * ksub, dsub, 4);
      const qo = kern.alloc(m * dsub * 4), cbo = kern.alloc(m * ksub * dsub * 4), out = kern.alloc(m * ksub * 4);
      kern.f32().set(q, qo >> 2);
      kern.f32().set(transposeCodebooks(cb, m, ksub, dsub), cbo >> 2);
      kern.fn.ip_table(qo, cbo, m, ksub, dsub, out, -2);
      const want = ipTable(q, 0, cb, m, ksub, dsub, -2, new Float32Array(m * ksub));
      const f = kern.f32();
      for (let t = 0; t < m * ksub; t++) close(f[(out >> 2) + t], want[t]);
    });

  for (const k of [1, 10, 64])
    it(`scan + heap keep the k smallest table sums, ties by id, like a full sort (k = ${k})`, () => {
      const m = 8, ksub = 16, n = 300;
      const rand = mulberry32(k);
      const codes = new Uint8Array(n * m).map(() => Math.floor(rand() * ksub));
      const table = randomMatrix(m, ksub, 5);
      // row 0 is the best possible code and rows 100-109 repeat it: eleven exact ties at the top,
      // so the tie rule (smaller id first) decides which of them k = 1 or 10 keeps
      for (let j = 0; j < m; j++) {
        let best = 0;
        for (let t = 1; t < ksub; t++) if (table[j * ksub + t] < table[j * ksub + best]) best = t;
        codes[j] = best;
      }
      for (let r = 100; r < 110; r++) codes.copyWithin(r * m, 0, m);
      const ids = Int32Array.from({length: n}, (_, i) => 1000 + ((i * 7) % n)); // not in scan order
      const kern = new Kernels(module);
      const co = kern.alloc(n * m), io = kern.alloc(n * 4), to = kern.alloc(m * ksub * 4), hd = kern.alloc(k * 4), hi = kern.alloc(k * 4);
      kern.u8().set(codes, co);
      kern.i32().set(ids, io >> 2);
      kern.f32().set(table, to >> 2);
      // two calls, like two inverted lists
      let size = kern.fn.scan(co, io, 120, m, ksub, to, 0.5, hd, hi, k, 0);
      size = kern.fn.scan(co + 120 * m, io + 120 * 4, n - 120, m, ksub, to, 0.5, hd, hi, k, size);
      expect(size).toBe(Math.min(k, n));
      const sums = Array.from({length: n}, (_, r) => 0.5 + Array.from({length: m}, (_, j) => table[j * ksub + codes[r * m + j]]).reduce((a, b) => a + b, 0));
      const byId = new Map<number, number>();
      ids.forEach((id, r) => byId.set(id, sums[r]));
      const wantIds = naiveTopK(Array.from({length: 1000 + n}, (_, id) => byId.get(id) ?? Infinity), k);
      const got = Array.from(kern.i32().subarray(hi >> 2, (hi >> 2) + size)).map((id, i) => [kern.f32()[(hd >> 2) + i], id] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(got.map((g) => g[1])).toEqual(wantIds);
      got.forEach(([dist, id]) => close(dist, byId.get(id)!));
    });
});

describe("blocked k-means assignment vs the TypeScript reference", () => {
  for (const [n, d, k] of [[1001, 4, 7], [2000, 16, 256], [777, 128, 33]])
    it(`same nearest centroids and objective (n ${n}, d ${d}, k ${k})`, () => {
      const x = randomMatrix(n, d, 11), c = randomMatrix(k, d, 12);
      const ref = nearestCentroids(x, n, d, c, k);
      const assigner = new Assigner(new Kernels(module), n, d, k);
      assigner.setPoints(x);
      assigner.setCentroids(c);
      const got = new Int32Array(n);
      const J = assigner.assign(got);
      expect(Array.from(got)).toEqual(Array.from(ref));
      // the kernel's objective (float32 ||x||^2 - 2<x, c> + ||c||^2) against the direct double sum
      close(J, kmeansObjective(x, n, d, c, ref), 1e-5);
      // the update step's sums: bit-identical to double sums in point order
      const counts = new Int32Array(k);
      const sums = assigner.sumsByCluster(counts);
      const want = new Float64Array(k * d), wantCounts = new Int32Array(k);
      for (let i = 0; i < n; i++) {
        wantCounts[ref[i]]++;
        for (let j = 0; j < d; j++) want[ref[i] * d + j] += x[i * d + j];
      }
      expect(Array.from(counts)).toEqual(Array.from(wantCounts));
      expect(Array.from(sums)).toEqual(Array.from(want));
    });

  it("reads a strided column block (one PQ sub-space) like a copied sub-matrix", () => {
    const n = 500, d = 32, dsub = 8, k = 16;
    const x = randomMatrix(n, d, 13), c = randomMatrix(k, dsub, 14);
    const sub = new Float32Array(n * dsub);
    for (let i = 0; i < n; i++) sub.set(x.subarray(i * d + 16, i * d + 16 + dsub), i * dsub);
    const assigner = new Assigner(new Kernels(module), n, dsub, k);
    assigner.setPoints(x, d, 16);
    assigner.setCentroids(c);
    const got = new Int32Array(n);
    assigner.assign(got);
    expect(Array.from(got)).toEqual(Array.from(nearestCentroids(sub, n, dsub, c, k)));
  });

  it("trainKMeans: same objective at every iteration and the same centroids with and without the kernel", () => {
    const n = 3000, d = 16, k = 32;
    const x = randomMatrix(n, d, 21);
    const a = trainKMeans(x, n, d, k, mulberry32(5), {niter: 12, backend: wasm});
    const b = trainKMeans(x, n, d, k, mulberry32(5), {niter: 12});
    expect(a.skipped).toBe(0); // the kernel ran (no Hamerly skipping)
    expect(b.skipped).toBeGreaterThan(0);
    a.objective.forEach((J, i) => close(J, b.objective[i], 1e-5));
    a.centroids.forEach((v, i) => close(v, b.centroids[i], 1e-5));
  });

  it("pqEncode: identical codes, so decode(encode) matches too", () => {
    const n = 2000, d = 32;
    const x = randomMatrix(n, d, 31);
    const {pq} = trainPQ(x, n, d, 4, 6, mulberry32(2), {niter: 5});
    const a = pqEncode(pq, x, n, {backend: wasm}), b = pqEncode(pq, x, n);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(pqDecode(pq, a, n))).toEqual(Array.from(pqDecode(pq, b, n)));
  });
});

describe("IVF-PQ query in WebAssembly vs the TypeScript reference", () => {
  const n = 4000, nq = 60, d = 32, nlist = 32, m = 8, nbits = 6, k = 10;
  const base = randomMatrix(n, d, 41), queries = randomMatrix(nq, d, 42);
  const {coarse, pq} = trainIVFPQ(base, n, d, nlist, m, nbits, mulberry32(3), {coarseIter: 5, pqIter: 5});
  const index = buildIVFPQ(coarse, nlist, pq, base, n);

  it("trainIVFPQ and buildIVFPQ: the same index with the kernels as without", () => {
    const fast = trainIVFPQ(base, n, d, nlist, m, nbits, mulberry32(3), {coarseIter: 5, pqIter: 5, backend: wasm});
    fast.coarse.forEach((v, i) => close(v, coarse[i], 1e-5));
    const built = buildIVFPQ(coarse, nlist, pq, base, n, {backend: wasm});
    expect(Array.from(built.codes!)).toEqual(Array.from(index.codes!));
  });

  for (const nprobe of [1, 4, nlist])
    it(`same ids, distances within float32 tolerance (nprobe ${nprobe})`, () => {
      const fast = new IVFSearcher(index, k, {backend: wasm});
      expect(fast.usesKernels).toBe(true);
      expect(new IVFSearcher(index, k).usesKernels).toBe(false);
      const a = ivfSearch(index, queries, nq, k, nprobe, {backend: wasm});
      const b = ivfSearch(index, queries, nq, k, nprobe);
      expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
      a.scores.forEach((s, i) => close(s, b.scores[i]));
    });

  it("nprobe = nlist equals exhaustive ADC over the same codes (decoded residual + centroid)", () => {
    const res = ivfSearch(index, queries, nq, k, nlist, {backend: wasm});
    // reconstruct every stored vector as c + decode(code) and rank by exact distance to it
    const rec = pqDecode(pq, index.codes!, n);
    for (let c = 0; c < nlist; c++)
      for (let r = index.offsets[c]; r < index.offsets[c + 1]; r++) for (let j = 0; j < d; j++) rec[r * d + j] += coarse[c * d + j];
    for (let q = 0; q < nq; q++) {
      const scores = new Array(n).fill(0);
      for (let r = 0; r < n; r++) scores[index.ids[r]] = naiveL2(queries, q * d, rec, r * d, d);
      const want = naiveTopK(scores, k);
      const got = Array.from(res.ids.subarray(q * k, q * k + k));
      // allow swaps only between neighbours whose distances agree to float32 precision
      got.forEach((id, i) => {
        if (id !== want[i]) close(scores[id], scores[want[i]], 1e-5);
        close(res.scores[q * k + i], scores[id], 1e-4);
      });
    }
  });

  it("pads with -1 / Infinity when the probed lists hold fewer than k vectors", () => {
    const big = new IVFSearcher(index, 5000, {backend: wasm});
    const ids = new Int32Array(5000), dist = new Float32Array(5000);
    big.search(queries, 0, 1, ids, dist);
    const found = big.scanned;
    expect(found).toBeLessThan(5000);
    expect(ids[found - 1]).toBeGreaterThanOrEqual(0);
    expect(ids[found]).toBe(-1);
    expect(dist[found]).toBe(Infinity);
  });
});

describe("the L2 kernel (exact search, IVF-Flat) vs the TypeScript reference", () => {
  it("L2Scan: distances from a query to a slice of rows equal naive squared distances", () => {
    const n = 50, d = 8;
    const rows = randomMatrix(n, d, 51), q = randomMatrix(1, d, 52);
    const scan = new L2Scan(new Kernels(module), rows, n, d);
    const {f, offset} = scan.distances(q, 0, 10, 20);
    for (let r = 10; r < 30; r++) close(f[offset + r - 10], naiveL2(q, 0, rows, r * d, d));
  });

  it("exactKnn(l2): the same ids with the kernel as in TypeScript, and as a full sort", () => {
    const n = 500, d = 8, nq = 10, k = 5;
    const base = randomMatrix(n, d, 3), queries = randomMatrix(nq, d, 4);
    const a = exactKnn(base, n, d, queries, nq, k, "l2", {backend: wasm});
    const b = exactKnn(base, n, d, queries, nq, k);
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    for (let q = 0; q < nq; q++) {
      const all = Array.from({length: n}, (_, i) => naiveL2(queries, q * d, base, i * d, d));
      expect(Array.from(a.ids.subarray(q * k, q * k + k))).toEqual(naiveTopK(all, k));
    }
  });

  it("IVF-Flat: the same cells and results with the kernel as in TypeScript", () => {
    const n = 3000, d = 16, nlist = 16, nq = 20, k = 10;
    const base = randomMatrix(n, d, 61), queries = randomMatrix(nq, d, 62);
    const coarse = trainCoarse(base, n, d, nlist, mulberry32(1), 5).centroids;
    expect(Array.from(assignNearest(base, n, d, coarse, nlist, wasm))).toEqual(Array.from(nearestCentroids(base, n, d, coarse, nlist)));
    const index = buildIVFFlat(coarse, nlist, base, n, d, {backend: wasm});
    expect(new IVFSearcher(index, k, {backend: wasm}).usesKernels).toBe(true);
    for (const nprobe of [1, 4]) {
      const a = ivfSearch(index, queries, nq, k, nprobe, {backend: wasm});
      const b = ivfSearch(index, queries, nq, k, nprobe);
      expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
      a.scores.forEach((s, i) => close(s, b.scores[i]));
    }
  });
});
