import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {buildIVFFlat, buildIVFPQ, ivfSearch, IVFSearcher, listStats, trainCoarse, trainIVFPQ} from "../../labs/vector-search/ivf.js";
import {exactKnn, recallAtK} from "../../labs/vector-search/knn.js";
import {pqDecode} from "../../labs/vector-search/pq.js";
import {gaussianMixture} from "../../labs/vector-search/synthetic.js";
import {naiveL2, naiveTopK} from "./helpers.js";

const set = gaussianMixture({nBase: 3000, nQuery: 40, d: 16, clusters: 10, seed: 5});
const {base, queries, d} = set;
const n = set.nBase, nq = set.nQuery, k = 10, nlist = 16;
const truth = exactKnn(base, n, d, queries, nq, k).ids;
const coarse = trainCoarse(base, n, d, nlist, mulberry32(1), 10).centroids;
const flat = buildIVFFlat(coarse, nlist, base, n, d);
const trained = trainIVFPQ(base, n, d, nlist, 4, 6, mulberry32(2), {coarseIter: 10, pqIter: 10});
const ivfpq = buildIVFPQ(trained.coarse, nlist, trained.pq, base, n);

describe("IVF-Flat", () => {
  it("ivfSearch(IVF-Flat, nprobe = nlist) has recall 1.0 and exact distances", () => {
    const r = ivfSearch(flat, queries, nq, k, nlist);
    expect(recallAtK(r.ids, k, truth, k, nq, k)).toBe(1);
  });

  it("ivfSearch(IVF-Flat) recall does not fall as nprobe grows", () => {
    let prev = 0;
    for (let p = 1; p <= nlist; p++) {
      const rec = recallAtK(ivfSearch(flat, queries, nq, k, p).ids, k, truth, k, nq, k);
      expect(rec).toBeGreaterThanOrEqual(prev);
      prev = rec;
    }
    expect(recallAtK(ivfSearch(flat, queries, nq, k, 1).ids, k, truth, k, nq, k)).toBeLessThan(1);
  });

  it("IVFSearcher visits the nprobe cells with the nearest centroids, nearest first", () => {
    const s = new IVFSearcher(flat, k);
    s.search(queries, 0, 3, new Int32Array(k), new Float32Array(k));
    const dists = Array.from({length: nlist}, (_, c) => naiveL2(queries, 0, coarse, c * d, d));
    expect(Array.from(s.probed)).toEqual(naiveTopK(dists, 3));
  });

  it("buildIVFFlat stores every vector exactly once", () => {
    expect(Array.from(flat.ids).sort((a, b) => a - b)).toEqual(Array.from({length: n}, (_, i) => i));
    const {sizes, imbalance} = listStats(flat);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(imbalance).toBeGreaterThanOrEqual(1);
  });
});

describe("IVF-PQ", () => {
  // reconstructions c(x) + decode(code(r)) in original id order
  const rec = new Float32Array(n * d);
  const decoded = pqDecode(ivfpq.pq!, ivfpq.codes!, n);
  for (let c = 0; c < nlist; c++)
    for (let r = ivfpq.offsets[c]; r < ivfpq.offsets[c + 1]; r++)
      for (let j = 0; j < d; j++) rec[ivfpq.ids[r] * d + j] = decoded[r * d + j] + ivfpq.coarse[c * d + j];

  it("IVF-PQ distances equal the exact distance to c + decoded residual", () => {
    const r = ivfSearch(ivfpq, queries, nq, k, 4);
    for (let q = 0; q < nq; q++)
      for (let j = 0; j < k; j++) {
        const exact = naiveL2(queries, q * d, rec, r.ids[q * k + j] * d, d);
        expect(Math.abs(r.scores[q * k + j] - exact)).toBeLessThan(1e-4 * (1 + exact));
      }
  });

  it("ivfSearch(IVF-PQ, nprobe = nlist) equals exhaustive search over the same codes", () => {
    const r = ivfSearch(ivfpq, queries, nq, k, nlist);
    const brute = exactKnn(rec, n, d, queries, nq, k);
    let same = 0;
    for (let i = 0; i < nq * k; i++) {
      expect(Math.abs(r.scores[i] - brute.scores[i])).toBeLessThan(1e-4 * (1 + brute.scores[i]));
      if (r.ids[i] === brute.ids[i]) same++;
    }
    expect(same / (nq * k)).toBeGreaterThan(0.99); // ids may swap only on float32-level ties
  });

  it("ivfSearch(IVF-PQ) recall does not fall as nprobe grows, within 0.01 (distances are approximate)", () => {
    let prev = 0;
    for (const p of [1, 2, 4, 8, 16]) {
      const rec = recallAtK(ivfSearch(ivfpq, queries, nq, k, p).ids, k, truth, k, nq, k);
      expect(rec).toBeGreaterThanOrEqual(prev - 0.01);
      prev = Math.max(prev, rec);
    }
  });

  it("same seed -> same index (centroids, codebooks, codes)", () => {
    const again = trainIVFPQ(base, n, d, nlist, 4, 6, mulberry32(2), {coarseIter: 10, pqIter: 10});
    expect(again.coarse).toEqual(trained.coarse);
    expect(again.pq.codebooks).toEqual(trained.pq.codebooks);
    expect(buildIVFPQ(again.coarse, nlist, again.pq, base, n).codes).toEqual(ivfpq.codes);
  });

  it("trainCoarse and trainIVFPQ reject nlist > n and d not divisible by m", () => {
    expect(() => trainCoarse(base.subarray(0, 10 * d), 10, d, 16, mulberry32(1))).toThrow(/at least 16 training vectors/);
    expect(() => trainIVFPQ(base, n, d, nlist, 5, 8, mulberry32(1))).toThrow(/not divisible/);
    expect(() => ivfSearch(flat, queries, nq, k, 0)).toThrow(/nprobe/);
  });
});
