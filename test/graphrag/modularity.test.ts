import {UndirectedGraph} from "graphology";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {mulberry32} from "../../labs/kit/random.js";
import {modularity, nmi} from "../../labs/graphrag/modularity.js";
import fixtures from "./fixtures.json";

type Edge = [string, string, number];
function fromEdges(nodes: string[], edges: Edge[]): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const n of nodes) g.addNode(n);
  for (const [s, t, weight] of edges) g.addEdge(s, t, {weight});
  return g;
}

describe("modularity(graph, membership, γ) against networkx 2.8 community.modularity", () => {
  for (const c of fixtures.modularity) {
    it(`modularity(${c.name}) = ${c.q.toFixed(6)}`, () => {
      const g = fromEdges(c.nodes, c.edges as Edge[]);
      expect(modularity(g, c.partition as Record<string, number>, c.resolution)).toBeCloseTo(c.q, 12);
    });
  }

  it("modularity(...) by hand: two triangles joined by one edge, split in two → 5/14", () => {
    // m = 7; each side L = 3, d = 7 → Q = 2 · (3/7 − (7/14)²) = 6/7 − 1/2 = 5/14
    const g = fromEdges(["a", "b", "c", "d", "e", "f"], [["a", "b", 1], ["b", "c", 1], ["a", "c", 1], ["d", "e", 1], ["e", "f", 1], ["d", "f", 1], ["c", "d", 1]]);
    expect(modularity(g, {a: 0, b: 0, c: 0, d: 1, e: 1, f: 1})).toBeCloseTo(5 / 14, 14);
  });

  it("modularity(...) equals the double sum (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j) on random weighted graphs", () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + Math.floor(random() * 8), gamma = 0.2 + 2 * random();
      const A = Array.from({length: n}, () => new Float64Array(n)); // n×n symmetric weights, self-loop weight on the diagonal ×2
      const g = new UndirectedGraph();
      for (let i = 0; i < n; i++) g.addNode(`v${i}`);
      for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++)
          if (random() < 0.4) {
            const w = 0.5 + Math.floor(random() * 6);
            g.addEdge(`v${i}`, `v${j}`, {weight: w});
            A[i][j] += i === j ? 2 * w : w; // a self-loop adds 2w to A_ii, as in the degree
            if (i !== j) A[j][i] += w;
          }
      if (g.size === 0) continue;
      const c = Array.from({length: n}, () => Math.floor(random() * 3));
      const k = A.map((row) => row.reduce((s, x) => s + x, 0));
      const twoM = k.reduce((s, x) => s + x, 0);
      let q = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (c[i] === c[j]) q += A[i][j] - (gamma * k[i] * k[j]) / twoM;
      q /= twoM;
      const membership = Object.fromEntries(c.map((x, i) => [`v${i}`, x]));
      expect(modularity(g, membership, gamma)).toBeCloseTo(q, 12);
    }
  });

  it("modularity(...) throws InputError for a node without a community, no edges, a negative weight or γ < 0", () => {
    const g = fromEdges(["a", "b"], [["a", "b", 1]]);
    expect(() => modularity(g, {a: 0})).toThrow(InputError);
    expect(() => modularity(g, {a: 0, b: 0}, -1)).toThrow(InputError);
    expect(() => modularity(fromEdges(["a", "b"], []), {a: 0, b: 1})).toThrow(/undefined for a graph without/);
    expect(() => modularity(fromEdges(["a", "b"], [["a", "b", -2]]), {a: 0, b: 1})).toThrow(/weight -2/);
  });
});

describe("nmi(a, b) against scikit-learn 1.2 normalized_mutual_info_score (arithmetic mean)", () => {
  for (const c of fixtures.nmi) {
    it(`nmi(${c.name}) = ${c.nmi.toFixed(6)}`, () => {
      expect(nmi(c.a, c.b)).toBeCloseTo(c.nmi, 12);
      expect(nmi(c.b, c.a)).toBeCloseTo(c.nmi, 12); // symmetric
    });
  }

  it("nmi(...) throws InputError for different lengths or empty labelings", () => {
    expect(() => nmi([0, 1], [0])).toThrow(InputError);
    expect(() => nmi([], [])).toThrow(/at least one item/);
  });
});
