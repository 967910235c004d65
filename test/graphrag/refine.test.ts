import {UndirectedGraph} from "graphology";
import louvain from "graphology-communities-louvain";
import {describe, expect, it} from "vitest";
import {modularity} from "../../labs/graphrag/modularity.js";
import {refineMoves} from "../../labs/graphrag/refine.js";
import {graphFromEdges, syntheticGraph} from "../../labs/graphrag/synthetic.js";
import {mulberry32} from "../../labs/kit/random.js";

describe("refineMoves", () => {
  const s = syntheticGraph({mixing: 0.5, seed: 3});
  const g = graphFromEdges(UndirectedGraph, s.nodes, s.edges);

  it("refineMoves(graph, Louvain's partition) never lowers modularity, at γ = 1 and γ = 2, and a second pass moves nothing", () => {
    for (const γ of [1, 2]) for (let seed = 1; seed <= 5; seed++) {
      const start = louvain(g, {resolution: γ, rng: mulberry32(seed), getEdgeWeight: "weight"});
      const once = refineMoves(g, start, γ, mulberry32(100 + seed));
      expect(modularity(g, once.membership, γ)).toBeGreaterThanOrEqual(modularity(g, start, γ) - 1e-12);
      expect(refineMoves(g, once.membership, γ, mulberry32(7)).moves).toBe(0);
    }
  });

  it("refineMoves(graph, singletons) is Louvain's first phase: it raises Q from the singleton partition's value", () => {
    const singletons = Object.fromEntries(s.nodes.map((n, i) => [n, i]));
    const r = refineMoves(g, singletons, 1, mulberry32(1));
    expect(r.moves).toBeGreaterThan(0);
    expect(modularity(g, r.membership)).toBeGreaterThan(modularity(g, singletons) + 0.1);
  });

  it("refineMoves moves a node that Louvain left in the wrong community: a hand-made two-triangle graph", () => {
    // Triangles {a,b,c} and {d,e,f} joined by c–d; start with c misplaced in d's community.
    const tri = graphFromEdges(UndirectedGraph, ["a", "b", "c", "d", "e", "f"], [["a", "b", 1], ["a", "c", 1], ["b", "c", 1], ["c", "d", 1], ["d", "e", 1], ["d", "f", 1], ["e", "f", 1]]);
    const r = refineMoves(tri, {a: 0, b: 0, c: 1, d: 1, e: 1, f: 1}, 1, mulberry32(1));
    expect(r.membership.c).toBe(r.membership.a);
    expect(r.membership.d).not.toBe(r.membership.a);
    expect(modularity(tri, r.membership)).toBeCloseTo(5 / 14, 12); // each triangle: 3/7 − (7/14)² = 5/28
  });
});
