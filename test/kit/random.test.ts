import {describe, expect, it} from "vitest";
import {mulberry32, randomNormal, randomInt, shuffleInPlace} from "../../labs/kit/random.js";

describe("labs/kit/random", () => {
  it("mulberry32(seed) is deterministic and seed-dependent", () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const xs = Array.from({length: 5}, a), ys = Array.from({length: 5}, b), zs = Array.from({length: 5}, c);
    expect(xs).toEqual(ys);
    expect(xs).not.toEqual(zs);
  });

  it("mulberry32(seed) is uniform on [0,1): chi-square over 20 bins below the 99.9% quantile", () => {
    const random = mulberry32(7), bins = new Array(20).fill(0), n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = random();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      bins[Math.floor(u * 20)]++;
    }
    const expected = n / 20;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.82); // chi-square, 19 dof, p = 0.999
  });

  it("randomNormal(random) has mean 0 and variance 1 within 4 standard errors", () => {
    const normal = randomNormal(mulberry32(1)), n = 200_000;
    let sum = 0, sumSq = 0, sum4 = 0;
    for (let i = 0; i < n; i++) {
      const x = normal();
      sum += x; sumSq += x * x; sum4 += x ** 4;
    }
    const mean = sum / n, variance = sumSq / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(sum4 / n - 3)).toBeLessThan(0.1); // kurtosis of a normal is 3
  });

  it("shuffleInPlace(array, random) permutes and is uniform over positions", () => {
    const counts = Array.from({length: 4}, () => new Array(4).fill(0));
    const random = mulberry32(3);
    for (let t = 0; t < 40_000; t++) {
      const a = shuffleInPlace([0, 1, 2, 3], random);
      expect([...a].sort()).toEqual([0, 1, 2, 3]);
      a.forEach((v, i) => counts[v][i]++);
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it("randomInt(random, n) stays in 0..n-1", () => {
    const random = mulberry32(9);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randomInt(random, 6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("mulberry32 rejects a non-finite seed with a message", () => {
    expect(() => mulberry32(Number.NaN)).toThrow(/finite/);
  });
});
