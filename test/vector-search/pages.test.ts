// The computations behind the four pages' claims: the algorithms as init/step pairs (run alone and
// through loopStepper), the equal-code-size comparison on /pq, how often balanced k-means dips below
// standard k-means on /kmeans, the notes' capacity rule and the notes' SDC query against the exact
// alternatives, and the page controls' declarations.
import {describe, expect, it} from "vitest";
import {loopStepper} from "../../labs/kit/loop.js";
import {runToEnd} from "../../labs/kit/stepper.js";
import {readControl, initialValue, checkSpec} from "../../labs/kit/controls.js";
import {mulberry32, stream} from "../../labs/kit/random.js";
import {balancedAssign} from "../../labs/vector-search/balanced.js";
import {checkMatrix} from "../../labs/vector-search/check.js";
import {countBalancedBelow, kmeansPair, notesGreedyAssign, notesRuleVsExact, pairInit, pairStep} from "../../labs/vector-search/kmeans-pair.js";
import {kmeansInit, kmeansStep, kmeansObjective, nearestCentroids} from "../../labs/vector-search/lloyd.js";
import {pointPreset} from "../../labs/vector-search/points2d.js";
import {atEqualCodeSize, codebookCost, distortionGrid, equalSizeSummary} from "../../labs/vector-search/pq-grid.js";
import {PQ_PAGE_DEFAULT, pqTrainAlgorithm} from "../../labs/vector-search/pq-stepper.js";
import {pqDecode, trainPQ} from "../../labs/vector-search/pq.js";
import {buildIVFPQ, ivfSearch, ivfSearchSDC, trainIVFPQ} from "../../labs/vector-search/ivf.js";
import {exactKnn, recallAtK} from "../../labs/vector-search/knn.js";
import {ivfPage, sweepProbes} from "../../labs/vector-search/ivf-page.js";
import {measureAlgorithm} from "../../labs/vector-search/measure.js";
import {ivfControls, kmeansControls, measureControls, measureMSpec, pqControls} from "../../labs/vector-search/controls.js";
import {nodeBackend} from "../../labs/vector-search/kernels-node.js";
import {naiveL2, randomMatrix} from "./helpers.js";

describe("checkMatrix messages", () => {
  it("checkMatrix(empty, 'points') says 'There are no points' (no doubled article)", () => {
    expect(() => checkMatrix(new Float32Array(0), 0, 2, "points")).toThrow("There are no points: the data set is empty.");
    expect(() => checkMatrix(new Float32Array([1, NaN]), 1, 2, "query vectors")).toThrow(/^The query vectors contain NaN at row 0, column 1/);
    expect(() => checkMatrix(new Float32Array(3), 2, 2, "base vectors")).toThrow(/^The base vectors should hold 2 × 2 = 4 numbers, but hold 3\./);
  });
});

describe("kmeansPair (init/step)", () => {
  const points = pointPreset("unequal", 120, stream(7, "points"));
  it("pairInit: both runs start from the same centroids; pairStep does not mutate its input", () => {
    const s0 = pairInit({points, k: 4, init: "random", seed: 3});
    expect(Array.from(s0.balanced.centroids)).toEqual(Array.from(s0.standard.centroids));
    expect(s0.balanced.capacity).toBe(30);
    const copy = JSON.stringify({a: Array.from(s0.standard.centroids), h: s0.halfSteps});
    const s1 = pairStep(s0);
    expect(JSON.stringify({a: Array.from(s0.standard.centroids), h: s0.halfSteps})).toBe(copy);
    expect(s1.halfSteps).toBe(1);
  });

  it("loopStepper(kmeansPair) ends with both runs converged and counts its half-steps", async () => {
    const snap = await runToEnd(loopStepper(kmeansPair, {points, k: 4, init: "kmeans++", seed: 3}), {stepsPerCall: 7});
    expect(snap.standard.converged && snap.balanced.converged).toBe(true);
    expect(snap.step).toBe(snap.halfSteps);
    expect(snap.progress).toBe(1);
  });

  it("pairInit refuses fewer points than k with the page's message", () => {
    expect(() => pairInit({points: [0, 0, 1, 1], k: 3, init: "random", seed: 1})).toThrow(/needs at least 3 points; there are 2/);
  });
});

describe("countBalancedBelow (the /kmeans count)", () => {
  it("countBalancedBelow equals a count made half-step by half-step from independent runs", () => {
    const points = pointPreset("unequal", 150, stream(42, "points"));
    const got = countBalancedBelow(points, 2, 4, "random", 42, 8);
    let dips = 0, ends = 0;
    for (let t = 0; t < 8; t++) {
      let s = kmeansInit({data: points, n: 150, d: 2, k: 4}, stream(42, `init ${t}`));
      let b = kmeansInit({data: points, n: 150, d: 2, k: 4, balanced: true}, stream(42, `init ${t}`));
      let dipped = false;
      for (let h = 0; h < 200 && !(s.converged && b.converged); h++) {
        s = kmeansStep(s);
        b = kmeansStep(b);
        if (b.objective.at(-1)! < s.objective.at(-1)! - 1e-9) dipped = true;
      }
      if (dipped) dips++;
      if (b.objective.at(-1)! < s.objective.at(-1)! - 1e-9) ends++;
    }
    expect(got.dipsBelow).toBe(dips);
    expect(got.endsBelow).toBe(ends);
  });

  it("countBalancedBelow on the page's default view: the balanced J does dip below the standard J (the claim 'stays above' is false)", () => {
    const c = kmeansControls;
    const points = pointPreset(c.preset.value, c.n.value, stream(42, "points"));
    const got = countBalancedBelow(points, 2, c.k.value, c.init.value, 42, 20);
    expect(got.dipsBelow).toBeGreaterThan(0);
    expect(got.example!.balanced).toBeLessThan(got.example!.standard);
  });
});

describe("the notes' balanced rule against the exact assignment", () => {
  it("notesGreedyAssign keeps points in order until a centroid holds ⌈n/k⌉ and discards the rest (-1)", () => {
    // five points nearest centroid 0, one nearest centroid 1; k = 2 -> capacity 3
    const data = new Float32Array([0, 0, 0.1, 0, 0.2, 0, 0.3, 0, 0.4, 0, 5, 0]);
    const cents = new Float32Array([0, 0, 5, 0]);
    expect(Array.from(notesGreedyAssign(data, 6, 2, cents, 2))).toEqual([0, 0, 0, -1, -1, 1]);
  });

  it("notesRuleVsExact: the exact J is never above the greedy repair's and matches balancedAssign; the unequal preset loses points", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const n = 200, k = 4;
      const data = pointPreset("unequal", n, stream(seed, "points"));
      const cents = kmeansInit({data, n, d: 2, k}, stream(seed, "init")).centroids;
      const r = notesRuleVsExact(data, n, 2, cents, k);
      expect(r.exactJ).toBeLessThanOrEqual(r.greedyJ + 1e-9);
      expect(r.exactJ).toBeCloseTo(kmeansObjective(data, n, 2, cents, balancedAssign(data, n, 2, cents, k, 50)), 9);
      if (seed === 1) expect(r.discarded).toBeGreaterThan(0);
    }
  });
});

describe("/pq: equal code size (issue 9.1)", () => {
  it("distortionGrid on the page's data: at 32-bit codes the distortion rises as m grows (m=4×8 < m=8×4 < m=16×2)", async () => {
    const backend = await nodeBackend();
    const grid = [
      ...distortionGrid(PQ_PAGE_DEFAULT, backend, [4], [8]),
      ...distortionGrid(PQ_PAGE_DEFAULT, backend, [8], [4]),
      ...distortionGrid(PQ_PAGE_DEFAULT, backend, [16], [2])
    ];
    const at32 = atEqualCodeSize(grid, 32, PQ_PAGE_DEFAULT.d);
    expect(at32.rows.map((r) => r.m)).toEqual([4, 8, 16]);
    expect(at32.rows[0].distortion).toBeLessThan(at32.rows[1].distortion);
    expect(at32.rows[1].distortion).toBeLessThan(at32.rows[2].distortion);
    expect(at32.fewerLargerWins).toBe(true);
    expect(equalSizeSummary(grid, 32)).toEqual({sizes: [32], fewerLargerWins: 1});
  });

  it("codebookCost: 2^nbits·D·4 bytes of codebooks, m·2^nbits ADC entries, 2^nbits·D multiply-adds, 39·2^nbits training points", () => {
    expect(codebookCost(32, 4, 8)).toEqual({codebookBytes: 256 * 32 * 4, adcEntries: 4 * 256, adcMultiplyAdds: 256 * 32, trainingPoints: 9984});
    expect(codebookCost(1024, 8, 8).codebookBytes).toBe(8 * 256 * 128 * 4);
  });

  it("atEqualCodeSize reports a loss for fewer, larger codebooks when the numbers say so", () => {
    const grid = [{m: 4, nbits: 8, distortion: 3, bytes: 4}, {m: 8, nbits: 4, distortion: 2, bytes: 4}];
    expect(atEqualCodeSize(grid, 32, 32).fewerLargerWins).toBe(false);
  });
});

describe("pqTrainAlgorithm (init/step)", () => {
  it("trains m codebooks, one per step, then reports stats; the snapshot leaves out the kernels", async () => {
    const config = {...PQ_PAGE_DEFAULT, n: 400, nq: 20, m: 4, nbits: 3};
    const snap = await runToEnd(loopStepper(pqTrainAlgorithm, config), {stepsPerCall: 1});
    expect(snap.trained).toBe(4);
    expect(snap.step).toBe(4);
    expect(snap.stats!.adcRecall).toBeGreaterThanOrEqual(snap.stats!.sdcRecall - 0.05);
    expect("kernels" in snap.config).toBe(false);
  });
});

describe("IVF-PQ: faiss's ADC against the notes' SDC query", () => {
  const n = 1500, d = 8, nlist = 8, nq = 40, k = 10;
  const base = randomMatrix(n, d, 71), queries = randomMatrix(nq, d, 72);
  const {coarse, pq} = trainIVFPQ(base, n, d, nlist, 4, 4, mulberry32(5), {coarseIter: 5, pqIter: 8});
  const index = buildIVFPQ(coarse, nlist, pq, base, n);

  it("ivfSearchSDC's distance equals ||decode(code(q - c)) - decode(code(y - c))||^2 (brute force, one cell)", () => {
    const res = ivfSearchSDC(index, queries.subarray(0, d), 1, 5, 1);
    const cell = nearestCentroids(queries.subarray(0, d), 1, d, coarse, nlist)[0];
    const r = new Float32Array(d);
    for (let j = 0; j < d; j++) r[j] = queries[j] - coarse[cell * d + j];
    const qrec = pqDecode(pq, trainlessEncode(pq, r), 1);
    const recs = pqDecode(pq, index.codes!, n);
    const rows = Array.from({length: index.offsets[cell + 1] - index.offsets[cell]}, (_, t) => index.offsets[cell] + t);
    const want = rows.map((row) => ({id: index.ids[row], s: naiveL2(qrec, 0, recs, row * d, d)})).sort((a, b) => a.s - b.s || a.id - b.id).slice(0, 5);
    want.forEach((w, i) => expect(res.scores[i]).toBeCloseTo(w.s, 4));
  });

  it("ADC's recall@10 is at least SDC's at nprobe = nlist (the direction the /ivf page states)", () => {
    const truth = exactKnn(base, n, d, queries, nq, k).ids;
    const adc = recallAtK(ivfSearch(index, queries, nq, k, nlist).ids, k, truth, k, nq, k);
    const sdc = recallAtK(ivfSearchSDC(index, queries, nq, k, nlist).ids, k, truth, k, nq, k);
    expect(adc).toBeGreaterThan(sdc);
  });
});

// encode without the package's encoder: nearest centroid per sub-vector by brute force
function trainlessEncode(pq: ReturnType<typeof trainPQ>["pq"], x: Float32Array): Uint8Array {
  const code = new Uint8Array(pq.m);
  for (let j = 0; j < pq.m; j++) {
    let best = Infinity;
    for (let t = 0; t < pq.ksub; t++) {
      const v = naiveL2(x, j * pq.dsub, pq.codebooks, (j * pq.ksub + t) * pq.dsub, pq.dsub);
      if (v < best) {
        best = v;
        code[j] = t;
      }
    }
  }
  return code;
}

describe("ivfPage and measureAlgorithm (init/step)", () => {
  it("ivfPage at its largest settings (nlist 64, nbits 8) finishes in 5 steps with a full sweep", async () => {
    const snap = await runToEnd(loopStepper(ivfPage, {preset: "blobs", nlist: 64, nbits: 8, seed: 1, N: 600, NQ: 20, K: 10}));
    expect(snap.step).toBe(5);
    expect(snap.sweep.filter((r) => r.index === "IVF-Flat").map((r) => r.nprobe)).toEqual(sweepProbes(64));
    expect(snap.sweep.find((r) => r.index === "IVF-Flat" && r.nprobe === 64)!.recall).toBe(1);
    expect(snap.adcVsSdc!.adc).toBeGreaterThanOrEqual(snap.adcVsSdc!.sdc);
  }, 20_000);

  it("measureAlgorithm: one task per step; IVF-Flat at nprobe = nlist has recall 1", async () => {
    const snap = await runToEnd(loopStepper(measureAlgorithm, {dataset: "synthetic", nBase: 1000, nQuery: 20, seed: 1, m: 8, nbits: 4, nlist: 8, nprobes: [1, 8]}), {stepsPerCall: 3});
    expect(snap.step).toBe(snap.total);
    expect(snap.rows.find((r) => r.index === "ivf-flat" && r.nprobe === 8)!.recallAt10).toBe(1);
  }, 20_000);
});

describe("page controls", () => {
  it("every declared control accepts its own default", () => {
    for (const spec of [...Object.values(kmeansControls), ...Object.values(pqControls), ...Object.values(ivfControls), ...Object.values(measureControls), measureMSpec(128), measureMSpec(50)]) expect(() => checkSpec(spec)).not.toThrow();
  });

  it("/pq?m=3 and /ann-measure?nlist=100 are reported and replaced by the default (no silent substitution)", () => {
    const m = initialValue(pqControls.m, "3");
    expect(m.value).toBe("8");
    expect(m.problem).toMatch(/m must be one of 1, 2, 4, 8, 16, 32, got "3"/);
    expect(m.rewrite).toBe(true);
    const nlist = initialValue(measureControls.nlist, "100");
    expect(nlist.problem).toMatch(/nlist must be one of 16, 32, 64, 128, 256/);
    expect(readControl(measureControls.nprobe, "1,4,16")).toEqual({ok: true, value: [1, 4, 16]});
    expect(readControl(measureControls.nprobe, "1.5").ok).toBe(false);
    expect(initialValue(kmeansControls.n, "7").problem).toMatch(/shown as 10/);
  });
});
