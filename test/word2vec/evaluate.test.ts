import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {analogy, nearest, normalizeRows, pca2, pcaAxes, posPurity, project, similarity, topK} from "../../labs/word2vec/evaluate.js";
import {parseWord2VecText, toProjectorTsv, toWord2VecText} from "../../labs/word2vec/export.js";

describe("evaluate", () => {
  it("normalizeRows(vectors, dim) scales rows to unit length and leaves a zero row zero (vector-search's refuses it)", () => {
    const u = normalizeRows(Float32Array.from([3, 4, 0, 0, 0, -2]), 2);
    expect(Array.from(u)).toEqual([0.6, 0.8, 0, 0, 0, -1].map(Math.fround));
  });

  it("topK(unit, dim, q, k) equals a brute-force sort of the dot products", () => {
    const random = mulberry32(9);
    const V = 300;
    const D = 7;
    const unit = normalizeRows(Float32Array.from({length: V * D}, () => random() - 0.5), D);
    const q = unit.subarray(5 * D, 6 * D);
    const brute = Array.from({length: V}, (_, i) => ({index: i, score: q.reduce((a, x, j) => a + x * unit[i * D + j], 0)}))
      .filter((x) => x.index !== 5)
      .sort((a, b) => b.score - a.score)
      .slice(0, 12);
    expect(nearest(unit, D, 5, 12).map((n) => n.index)).toEqual(brute.map((n) => n.index));
    expect(topK(unit, D, q, 3, new Set([5]), 10).every((n) => n.index < 10)).toBe(true);
  });

  it("analogy(a, b, c) finds d with d - c = a - b and excludes the inputs", () => {
    // king - man + woman = queen on hand-made vectors.
    const D = 3;
    const rows = [
      [1, 1, 0], // 0 king (royal + male)
      [0, 1, 0.1], // 1 man
      [0, -1, 0.1], // 2 woman
      [1, -1, 0], // 3 queen
      [0.2, 0.9, 1] // 4 other
    ];
    const unit = normalizeRows(Float32Array.from(rows.flat()), D);
    expect(analogy(unit, D, 0, 1, 2, 1)[0].index).toBe(3);
    expect(similarity(unit, D, 0, 0)).toBeCloseTo(1, 6);
    expect(similarity(unit, D, 1, 2)).toBeCloseTo((-1 + 0.01) / (1 + 0.01), 6);
  });

  it("posPurity(vectors, pos, n, k) on two clusters: purity 1 when classes follow clusters, chance sum p (np - 1)/(n - 1)", () => {
    const D = 2;
    const n = 12;
    const v = new Float32Array(n * D);
    for (let i = 0; i < n; i++) {
      const angle = (i < 6 ? 0 : Math.PI / 2) + i * 0.01;
      v[i * D] = Math.cos(angle);
      v[i * D + 1] = Math.sin(angle);
    }
    const byCluster = Array.from({length: n}, (_, i) => (i < 6 ? 0 : 1));
    expect(posPurity(v, D, byCluster, n, 5)).toEqual({purity: 1, chance: expect.closeTo((2 * 0.5 * 5) / 11, 12)});
    // Alternating classes: among the 5 same-cluster neighbours of a word, 2 or 3 share its class.
    const alternating = Array.from({length: n}, (_, i) => i % 2);
    expect(posPurity(v, D, alternating, n, 5).purity).toBeCloseTo(2 / 5, 12);
  });

  it("pca2(vectors) recovers the axes and variance shares of a cross of points", () => {
    const pts = [3, 0, 0, -3, 0, 0, 0, 1, 0, 0, -1, 0];
    const {coords, explained} = pca2(Float32Array.from(pts), 3, 4);
    expect(explained[0]).toBeCloseTo(0.9, 9); // variances 6 and 2/3
    expect(explained[1]).toBeCloseTo(0.1, 9);
    expect(Array.from(coords).map((x) => Math.round(x * 1e6) / 1e6 + 0)).toEqual([3, 0, -3, 0, 0, 1, 0, -1]);
  });

  it("toWord2VecText / toProjectorTsv write the formats and parseWord2VecText reads them back", () => {
    const vectors = Float32Array.from([0.5, -1.25, 2, 0.001]);
    const text = toWord2VecText(["cat", "dog"], vectors, 2);
    expect(text).toBe("2 2\ncat 0.5 -1.25\ndog 2 0.001\n");
    const parsed = parseWord2VecText(text);
    expect(parsed.words).toEqual(["cat", "dog"]);
    expect(Array.from(parsed.vectors)).toEqual(Array.from(vectors));
    expect(toProjectorTsv(["cat", "dog"], vectors, 2)).toEqual({vectors: "0.5\t-1.25\n2\t0.001\n", metadata: "cat\ndog\n"});
  });
});

describe("pca2 on random data", () => {
  it("pca2(vectors) finds the top two eigenvectors of the covariance (checked by C v = lambda v)", () => {
    const random = mulberry32(4);
    const n = 300;
    const D = 12;
    // Anisotropic data: axis scales 1..12 with a random rotation-free layout.
    const x = Float32Array.from({length: n * D}, (_, i) => (random() - 0.5) * (1 + (i % D)));
    const {coords, explained} = pca2(x, D, n);
    // Variance of each projected coordinate equals its explained share x trace.
    let trace = 0;
    const mean = new Float64Array(D);
    for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) mean[j] += x[i * D + j] / n;
    for (let j = 0; j < D; j++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += (x[i * D + j] - mean[j]) ** 2;
      trace += v / (n - 1);
    }
    for (const a of [0, 1]) {
      let v = 0;
      for (let i = 0; i < n; i++) v += coords[2 * i + a] ** 2;
      expect(v / (n - 1) / trace).toBeCloseTo(explained[a], 6);
    }
    // The top axis captures at least as much as the largest single coordinate's variance (12^2/12 share).
    expect(explained[0]).toBeGreaterThan(0.2);
    expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
  });
});

describe("pcaAxes with three axes (the 3-D cloud)", () => {
  it("pcaAxes(vectors, 4, 6, 3) recovers the three arms of a planted cross: axes e1, e2, e3, shares 18/28, 8/28, 2/28, coordinates ±3, ±2, ±1", () => {
    // Points ±3 e1, ±2 e2, ±1 e3 in 4-D: covariance diag(18, 8, 2, 0) / 5.
    const pts = [3, 0, 0, 0, -3, 0, 0, 0, 0, 2, 0, 0, 0, -2, 0, 0, 0, 0, 1, 0, 0, 0, -1, 0];
    const pca = pcaAxes(Float32Array.from(pts), 4, 6, 3);
    [18 / 28, 8 / 28, 2 / 28].forEach((share, a) => expect(pca.explained[a]).toBeCloseTo(share, 9));
    pca.axes.forEach((axis, a) => Array.from(axis).forEach((x, j) => expect(x).toBeCloseTo(j === a ? 1 : 0, 9)));
    const xyz = Array.from(project(Float32Array.from(pts), 4, pca, [0, 1, 2, 3, 4, 5], 3)).map((x) => Math.round(x * 1e6) / 1e6 + 0);
    expect(xyz).toEqual([3, 0, 0, -3, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1]);
    expect(() => project(Float32Array.from(pts), 4, pca, [0], 4)).toThrow(RangeError);
  });
  it("pcaAxes(random anisotropic data, k = 3): each axis is a unit eigenvector of the covariance (C v = λ v), orthogonal to the others, shares descending", () => {
    const random = mulberry32(9);
    const n = 400;
    const D = 10;
    const x = Float32Array.from({length: n * D}, (_, i) => (random() - 0.5) * (1 + 1.5 * (i % D)));
    const pca = pcaAxes(x, D, n, 3);
    const C = new Float64Array(D * D); // (D, D) covariance, computed here directly
    for (let i = 0; i < n; i++) for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) C[a * D + b] += (x[i * D + a] - pca.mean[a]) * (x[i * D + b] - pca.mean[b]) / (n - 1);
    let trace = 0;
    for (let a = 0; a < D; a++) trace += C[a * D + a];
    expect(pca.axes).toHaveLength(3);
    pca.axes.forEach((v, k) => {
      const Cv = Array.from({length: D}, (_, a) => v.reduce((s, vb, b) => s + C[a * D + b] * vb, 0));
      const lambda = pca.explained[k] * trace;
      Cv.forEach((c, a) => expect(c).toBeCloseTo(lambda * v[a], 4));
      pca.axes.forEach((u, l) => expect(u.reduce((s, ua, a) => s + ua * v[a], 0)).toBeCloseTo(k === l ? 1 : 0, 6));
    });
    expect(pca.explained[0]).toBeGreaterThanOrEqual(pca.explained[1]);
    expect(pca.explained[1]).toBeGreaterThanOrEqual(pca.explained[2]);
  });
});
