import {describe, expect, it} from "vitest";
import {exactKnn, normalizeRows, recallAtK} from "../../labs/vector-search/knn.js";
import {naiveL2, naiveTopK, randomMatrix} from "./helpers.js";

describe("exactKnn", () => {
  const n = 300, d = 7, nq = 20, k = 5;
  const base = randomMatrix(n, d, 1);
  const queries = randomMatrix(nq, d, 2);

  it("exactKnn(l2) returns the same ids as a full sort of all distances", () => {
    const r = exactKnn(base, n, d, queries, nq, k, "l2");
    for (let q = 0; q < nq; q++) {
      const all = Array.from({length: n}, (_, i) => naiveL2(queries, q * d, base, i * d, d));
      expect(Array.from(r.ids.subarray(q * k, q * k + k))).toEqual(naiveTopK(all, k));
      expect(r.scores[q * k]).toBeCloseTo(Math.min(...all), 4);
    }
  });

  it("exactKnn(ip) and exactKnn(cosine) return the largest inner products / cosines", () => {
    const ip = exactKnn(base, n, d, queries, nq, k, "ip");
    const cos = exactKnn(base, n, d, queries, nq, k, "cosine");
    for (let q = 0; q < nq; q++) {
      const dots = Array.from({length: n}, (_, i) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += queries[q * d + j] * base[i * d + j];
        return s;
      });
      const norm = (a: Float32Array, o: number) => Math.hypot(...a.subarray(o, o + d));
      const coss = dots.map((s, i) => s / (norm(queries, q * d) * norm(base, i * d)));
      expect(Array.from(ip.ids.subarray(q * k, q * k + k))).toEqual(naiveTopK(dots.map((s) => -s), k));
      expect(Array.from(cos.ids.subarray(q * k, q * k + k))).toEqual(naiveTopK(coss.map((s) => -s), k));
      expect(cos.scores[q * k]).toBeCloseTo(Math.max(...coss), 5);
    }
  });

  it("exactKnn(cosine) ranks like exactKnn(l2) on unit-normalized rows", () => {
    const nb = normalizeRows(base, n, d), nqv = normalizeRows(queries, nq, d);
    expect(exactKnn(nb, n, d, nqv, nq, k, "l2").ids).toEqual(exactKnn(base, n, d, queries, nq, k, "cosine").ids);
  });

  it("exactKnn with k > n pads with id -1", () => {
    const r = exactKnn(base.subarray(0, 3 * d), 3, d, queries.subarray(0, d), 1, 5);
    expect(Array.from(r.ids.subarray(3))).toEqual([-1, -1]);
    expect(new Set(r.ids.subarray(0, 3))).toEqual(new Set([0, 1, 2]));
  });

  it("exactKnn rejects empty data, NaN and wrong shapes with a readable message", () => {
    expect(() => exactKnn(new Float32Array(0), 0, d, queries, nq, k)).toThrow(/empty/);
    const bad = base.slice();
    bad[3 * d + 2] = NaN;
    expect(() => exactKnn(bad, n, d, queries, nq, k)).toThrow(/NaN at row 3, column 2/);
    expect(() => exactKnn(base, n, d + 1, queries, nq, k)).toThrow(/should hold/);
    expect(() => exactKnn(base, n, d, queries, nq, 0)).toThrow(/k must be/);
  });
});

describe("recallAtK", () => {
  it("recallAtK counts the overlap of the first k ids per query", () => {
    const found = new Int32Array([1, 2, 3, 9, 4, 5, 6, 7]); // 2 queries × 4
    const truth = new Int32Array([3, 2, 1, 0, 7, 8, 9, 10]);
    // query 0 top-2: {1,2} vs {3,2} -> 1; query 1 top-2: {4,5} vs {7,8} -> 0
    expect(recallAtK(found, 4, truth, 4, 2, 2)).toBe(0.25);
    // top-4: {1,2,3,9} vs {3,2,1,0} -> 3; {4,5,6,7} vs {7,8,9,10} -> 1
    expect(recallAtK(found, 4, truth, 4, 2, 4)).toBe(0.5);
  });
});
