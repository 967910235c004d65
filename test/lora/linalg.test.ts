import {describe, it, expect} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {gaussian, matmul, transpose, svd, singularValues, truncatedSvd, eckartYoungFloor, frobeniusSquared, add, orthonormalColumns, zeros, energyRank} from "../../labs/lora/linalg.js";
import {InputError} from "../../labs/kit/params.js";

describe("linalg", () => {
  it("matmul(a, b) matches a triple loop", () => {
    const r = mulberry32(1);
    const a = gaussian(5, 7, 1, r);
    const b = gaussian(7, 3, 1, r);
    const c = matmul(a, b);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let t = 0; t < 7; t++) s += a.data[i * 7 + t] * b.data[t * 3 + j];
        expect(c.data[i * 3 + j]).toBeCloseTo(s, 12);
      }
  });

  it("svd(a) reconstructs a, with orthonormal U, V and descending s (wide and tall)", () => {
    for (const [m, n] of [[9, 6], [6, 9]]) {
      const a = gaussian(m, n, 1, mulberry32(m * 10 + n));
      const {u, s, v} = svd(a);
      const q = Math.min(m, n);
      for (let i = 1; i < q; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      const us = zeros(m, q);
      for (let i = 0; i < m; i++) for (let j = 0; j < q; j++) us.data[i * q + j] = u.data[i * q + j] * s[j];
      const rec = matmul(us, transpose(v));
      for (let i = 0; i < a.data.length; i++) expect(rec.data[i]).toBeCloseTo(a.data[i], 10);
      const utu = matmul(transpose(u), u);
      const vtv = matmul(transpose(v), v);
      for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) {
        expect(utu.data[i * q + j]).toBeCloseTo(i === j ? 1 : 0, 10);
        expect(vtv.data[i * q + j]).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it("singularValues of a planted U diag(σ) Vᵀ return σ", () => {
    const r = mulberry32(3);
    const U = orthonormalColumns(8, 3, r);
    const V = orthonormalColumns(6, 3, r);
    const sigma = [5, 2, 0.5];
    const us = zeros(8, 3);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 3; j++) us.data[i * 3 + j] = U.data[i * 3 + j] * sigma[j];
    const s = singularValues(matmul(us, transpose(V)));
    expect(s[0]).toBeCloseTo(5, 10);
    expect(s[1]).toBeCloseTo(2, 10);
    expect(s[2]).toBeCloseTo(0.5, 10);
    for (let i = 3; i < 6; i++) expect(s[i]).toBeLessThan(1e-10);
  });

  it("truncatedSvd(a, r) error equals eckartYoungFloor and no random rank-r matrix beats it", () => {
    const r0 = mulberry32(4);
    const a = gaussian(7, 5, 1, r0);
    const s = singularValues(a);
    for (const r of [1, 2, 3]) {
      const err = frobeniusSquared(add(a, truncatedSvd(a, r), -1));
      expect(err).toBeCloseTo(eckartYoungFloor(s, r), 9);
      expect(eckartYoungFloor(s, r)).toBeCloseTo(Array.from(s).slice(r).reduce((t, x) => t + x * x, 0), 12);
      // Brute force: least-squares fits onto random rank-r column spaces never beat the floor.
      for (let trial = 0; trial < 50; trial++) {
        const Q = orthonormalColumns(7, r, r0); // (7, r)
        const proj = matmul(Q, matmul(transpose(Q), a)); // best with this column space
        expect(frobeniusSquared(add(a, proj, -1))).toBeGreaterThanOrEqual(eckartYoungFloor(s, r) - 1e-9);
      }
    }
  });
});

describe("energyRank", () => {
  it("energyRank(σ, f) is the smallest r with Σ_{i≤r} σᵢ² ≥ f Σσᵢ² (brute force)", () => {
    const s = [3, 2, 1, 0.5];
    const total = 9 + 4 + 1 + 0.25;
    expect(energyRank(s, 9 / total)).toBe(1);
    expect(energyRank(s, 13 / total)).toBe(2);
    expect(energyRank(s, 13.01 / total)).toBe(3);
    expect(energyRank(s, 1)).toBe(4);
    expect(() => energyRank(s, 0)).toThrow(/fraction must be in \(0, 1\], got 0/);
    expect(() => energyRank(s, 1.5)).toThrow(InputError);
  });
});
