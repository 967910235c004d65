import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {balancedAssign} from "../../labs/vector-search/balanced.js";
import {initCentroids, kmeansInit, kmeansStep, type KMeansState} from "../../labs/vector-search/lloyd.js";
import {trainKMeans} from "../../labs/vector-search/train-kmeans.js";
import {naiveL2, randomMatrix} from "./helpers.js";

function run(state: KMeansState, halfSteps: number): KMeansState {
  for (let s = 0; s < halfSteps && !state.converged; s++) state = kmeansStep(state);
  return state;
}

/** Three well separated blobs in 2-D plus noise. */
function blobs(n: number, seed: number): Float32Array {
  const x = randomMatrix(n, 2, seed, 0.6);
  for (let i = 0; i < n; i++) {
    x[i * 2] += [0, 5, 2][i % 3];
    x[i * 2 + 1] += [0, 0, 4][i % 3];
  }
  return x;
}

describe("kmeansStep", () => {
  for (const init of ["random", "kmeans++"] as const)
    for (const balanced of [false, true])
      it(`kmeansStep(${init}${balanced ? ", balanced" : ""}) never increases J over 40 half-steps, 5 seeds`, () => {
        for (let seed = 1; seed <= 5; seed++) {
          const data = randomMatrix(90, 2, 100 + seed);
          const s = run(kmeansInit({data, n: 90, d: 2, k: 6, init, balanced}, mulberry32(seed)), 40);
          for (let t = 1; t < s.objective.length; t++) expect(s.objective[t]).toBeLessThanOrEqual(s.objective[t - 1] * (1 + 1e-12));
          expect(s.objective.length).toBeGreaterThan(2);
        }
      });

  it("kmeansStep's J equals sum ||x - mu_a||^2 computed naively", () => {
    const data = blobs(60, 3);
    const s = run(kmeansInit({data, n: 60, d: 2, k: 3}, mulberry32(1)), 3);
    let J = 0;
    for (let i = 0; i < 60; i++) J += naiveL2(data, i * 2, s.centroids, s.assignment[i] * 2, 2);
    expect(s.objective.at(-1)).toBeCloseTo(J, 6);
  });

  it("kmeansStep moves an empty cluster onto the farthest point and keeps J from rising", () => {
    // 6 points at the origin, 1 far away; init picks two coincident points -> one cluster is empty
    const data = new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0]);
    let s = kmeansInit({data, n: 7, d: 2, k: 2}, () => 0); // partial shuffle with random()=0 picks rows 0, 1
    expect(Array.from(s.centroids)).toEqual([0, 0, 0, 0]);
    s = kmeansStep(s); // assign: all to cluster 0 (ties -> lowest index)
    s = kmeansStep(s); // update: cluster 1 is empty
    expect(s.relocated).toEqual([1]);
    expect(Array.from(s.centroids.subarray(2))).toEqual([10, 0]);
    s = kmeansStep(s);
    expect(s.assignment[6]).toBe(1);
    // closed form: centroid 0 = (10/7, 0) after the first update; final J = 0
    s = run(s, 10);
    expect(s.objective.at(-1)).toBe(0);
  });

  it("kmeansStep converges on separated blobs and recovers their three centres", () => {
    const data = blobs(300, 7);
    const s = run(kmeansInit({data, n: 300, d: 2, k: 3, init: "kmeans++"}, mulberry32(2)), 100);
    expect(s.converged).toBe(true);
    const centres = [[0, 0], [5, 0], [2, 4]];
    for (const [cx, cy] of centres) {
      const best = Math.min(...[0, 1, 2].map((c) => Math.hypot(s.centroids[c * 2] - cx, s.centroids[c * 2 + 1] - cy)));
      expect(best).toBeLessThan(0.25); // mean of 100 points with std 0.6: std error 0.06
    }
  });

  it("kmeansInit rejects k > n, NaN and empty data", () => {
    const data = randomMatrix(5, 2, 1);
    expect(() => kmeansInit({data, n: 5, d: 2, k: 6}, mulberry32(1))).toThrow(/at least 6 points/);
    expect(() => kmeansInit({data: new Float32Array(0), n: 0, d: 2, k: 1}, mulberry32(1))).toThrow(/empty/);
    const bad = data.slice();
    bad[1] = NaN;
    expect(() => kmeansInit({data: bad, n: 5, d: 2, k: 2}, mulberry32(1))).toThrow(/NaN/);
  });

  it("same seed gives the same centroids; another seed does not", () => {
    const data = randomMatrix(200, 3, 9);
    const a = run(kmeansInit({data, n: 200, d: 3, k: 5, init: "kmeans++"}, mulberry32(4)), 20);
    const b = run(kmeansInit({data, n: 200, d: 3, k: 5, init: "kmeans++"}, mulberry32(4)), 20);
    const c = run(kmeansInit({data, n: 200, d: 3, k: 5, init: "kmeans++"}, mulberry32(5)), 20);
    expect(a.centroids).toEqual(b.centroids);
    expect(a.centroids).not.toEqual(c.centroids);
  });
});

describe("initCentroids", () => {
  it("initCentroids(kmeans++) picks the second centre from the other group (D^2 weight is 0 within the first)", () => {
    // 5 copies of (0,0) and 5 of (3,4): whichever comes first, the second must come from the other group
    const data = new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4]);
    for (let seed = 0; seed < 20; seed++) {
      const [a, b] = initCentroids(data, 10, 2, 2, "kmeans++", mulberry32(seed));
      expect(a < 5).not.toBe(b < 5);
    }
  });

  it("initCentroids(random) picks k distinct points", () => {
    const ids = initCentroids(randomMatrix(50, 2, 1), 50, 2, 50, "random", mulberry32(3));
    expect(new Set(ids).size).toBe(50);
  });
});

describe("trainKMeans (Hamerly bounds)", () => {
  it("trainKMeans follows the same J trajectory as plain Lloyd steps", () => {
    const n = 2000, d = 8, k = 32;
    const data = randomMatrix(n, d, 11);
    const fast = trainKMeans(data, n, d, k, mulberry32(6), {niter: 12});
    let s = kmeansInit({data, n, d, k}, mulberry32(6));
    const lloyd: number[] = [];
    for (let it = 0; it < 12; it++) {
      s = kmeansStep(s); // assign
      lloyd.push(s.objective.at(-1)!);
      s = kmeansStep({...s, converged: false});
    }
    for (let it = 0; it < 12; it++) expect(fast.objective[it]).toBeCloseTo(lloyd[it], 3);
    expect(fast.skipped).toBeGreaterThan(0.2); // the bounds do prune
  });

  it("trainKMeans warns like faiss below 39 points per centroid", () => {
    const r = trainKMeans(randomMatrix(100, 2, 1), 100, 2, 4, mulberry32(1), {niter: 2});
    expect(r.warnings[0]).toMatch(/at least 156 training points/);
  });
});

describe("balancedAssign", () => {
  it("balancedAssign respects capacity ceil(n/k) and matches brute force over all assignments (n = 7, k = 3)", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const n = 7, k = 3, cap = Math.ceil(n / k);
      const data = randomMatrix(n, 2, seed);
      const cents = randomMatrix(k, 2, seed + 50);
      const a = balancedAssign(data, n, 2, cents, k, cap);
      const counts = [0, 0, 0];
      a.forEach((c) => counts[c]++);
      expect(Math.max(...counts)).toBeLessThanOrEqual(cap);
      const cost = (as: ArrayLike<number>) => Array.from(as).reduce((s, c, i) => s + naiveL2(data, i * 2, cents, c * 2, 2), 0);
      let best = Infinity;
      for (let code = 0; code < 3 ** n; code++) {
        const as: number[] = [];
        const cnt = [0, 0, 0];
        for (let i = 0, c = code; i < n; i++, c = Math.floor(c / 3)) {
          as.push(c % 3);
          cnt[c % 3]++;
        }
        if (Math.max(...cnt) <= cap) best = Math.min(best, cost(as));
      }
      expect(cost(a)).toBeCloseTo(best, 6);
    }
  });

  it("balancedAssign sends a point to a farther centroid when its nearest is full", () => {
    // three points near A = (0,0), one near B = (10,0); capacity 2: one of the three must go to B
    const data = new Float32Array([0, 0, 0.1, 0, 0.2, 0, 10, 0]);
    const cents = new Float32Array([0, 0, 10, 0]);
    const a = balancedAssign(data, 4, 2, cents, 2, 2);
    expect(Array.from(a)).toEqual([0, 0, 1, 1]); // the one closest to B moves (cost 9.8^2 - 0.2^2 is the least)
    let s = kmeansInit({data, n: 4, d: 2, k: 2, balanced: true}, () => 0);
    s = {...s, centroids: cents};
    s = kmeansStep(s);
    expect(s.notNearest).toBe(1);
  });
});
