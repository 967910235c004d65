import {UndirectedGraph} from "graphology";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
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
