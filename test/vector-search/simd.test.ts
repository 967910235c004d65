import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {exactKnn} from "../../labs/vector-search/knn.js";
import {pqEncode, trainPQ} from "../../labs/vector-search/pq.js";
import {L2Kernel, simdAvailable, useSimd} from "../../labs/vector-search/simd.js";
import {naiveL2, naiveTopK, randomMatrix} from "./helpers.js";

describe("WebAssembly SIMD kernel", () => {
  it("simdAvailable() in Node 20", () => {
    expect(simdAvailable()).toBe(true);
    expect(useSimd(6)).toBe(false);
    expect(useSimd(8)).toBe(true);
  });

  for (const d of [4, 8, 128])
    it(`L2Kernel.l2ny matches naive squared distances (d = ${d}, float32 tolerance)`, () => {
      const k = 37;
      const x = randomMatrix(1, d, 1), y = randomMatrix(k, d, 2);
      const kernel = new L2Kernel();
      const xo = kernel.alloc(d), yo = kernel.alloc(k * d), out = kernel.alloc(k);
      kernel.f32().set(x, xo);
      kernel.f32().set(y, yo);
      kernel.l2ny(xo, yo, d, k, out);
      const f = kernel.f32();
      for (let j = 0; j < k; j++) {
        const want = naiveL2(x, 0, y, j * d, d);
        expect(Math.abs(f[out + j] - want)).toBeLessThan(1e-5 * (1 + want));
      }
    });

  it("L2Kernel.alloc grows memory and keeps earlier values", () => {
    const kernel = new L2Kernel();
    const a = kernel.alloc(4);
    kernel.f32()[a] = 3.5;
    const b = kernel.alloc(1_000_000); // ~4 MB: grows past the first 64 KiB page
    kernel.f32()[b + 999_999] = 1;
    expect(kernel.f32()[a]).toBe(3.5);
  });

  it("exactKnn(l2) on the SIMD path returns the ids of a full sort (d = 8)", () => {
    const n = 500, d = 8, nq = 10, k = 5;
    const base = randomMatrix(n, d, 3), queries = randomMatrix(nq, d, 4);
    const r = exactKnn(base, n, d, queries, nq, k);
    for (let q = 0; q < nq; q++) {
      const all = Array.from({length: n}, (_, i) => naiveL2(queries, q * d, base, i * d, d));
      expect(Array.from(r.ids.subarray(q * k, q * k + k))).toEqual(naiveTopK(all, k));
    }
  });

  it("pqEncode on the SIMD path (dsub = 4) picks the nearest centroid per sub-vector", () => {
    const n = 300, d = 16;
    const data = randomMatrix(n, d, 5);
    const {pq} = trainPQ(data, n, d, 4, 5, mulberry32(1), {niter: 5});
    const codes = pqEncode(pq, data, n);
    for (let i = 0; i < n; i += 7)
      for (let j = 0; j < 4; j++) {
        const dists = Array.from({length: 32}, (_, t) => naiveL2(data, i * d + j * 4, pq.codebooks, (j * 32 + t) * 4, 4));
        expect(dists[codes[i * 4 + j]]).toBeCloseTo(Math.min(...dists), 5);
      }
  });
});
