import {DirectedGraph, UndirectedGraph} from "graphology";
import {karateClub} from "graphology-generators/social";
import {describe, expect, it} from "vitest";
import {bestLouvain, communitiesAt, hierarchicalLouvain, inducedSubgraph} from "../../labs/graphrag/communities.js";
import {modularity} from "../../labs/graphrag/modularity.js";
import type {Hierarchy} from "../../labs/graphrag/types.js";
import {InputError} from "../../labs/kit/params.js";
import {mulberry32, stream} from "../../labs/kit/random.js";
import louvain from "graphology-communities-louvain";
import fixtures from "./fixtures.json";

const KARATE_OPTIMUM = 0.41979; // Brandes et al. 2008, "On modularity clustering": 0.4197896…

function planted(): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const n of fixtures.planted.nodes) g.addNode(n);
  for (const [s, t, weight] of fixtures.planted.edges as [string, string, number][]) g.addEdge(s, t, {weight});
  return g;
}

/** The invariants every hierarchy must satisfy, checked from the definitions. */
function checkHierarchy(g: UndirectedGraph, h: Hierarchy, maxLevels: number, maxClusterSize: number) {
  expect(h.levels.length).toBe(maxLevels);
  h.communities.forEach((c, i) => {
    expect(c.id).toBe(i);
    expect([...c.entities].sort()).toEqual(c.entities);
    if (c.parent === null) expect(c.level).toBe(0);
    else {
      const parent = h.communities[c.parent];
      expect(c.level).toBe(parent.level + 1);
      expect(parent.children).toContain(c.id);
      for (const e of c.entities) expect(parent.entities).toContain(e); // nests in its parent
    }
    if (c.children.length > 0) {
      const union = c.children.flatMap((k) => h.communities[k].entities).sort();
      expect(union).toEqual(c.entities); // children partition the parent
      expect(c.children.length).toBeGreaterThanOrEqual(2);
    }
  });
  for (const p of h.levels) {
    // a partition of every node: each node's community is the deepest one ≤ this level that contains it
    g.forEachNode((node) => {
      const c = h.communities[p.membership[node]];
      expect(c.entities).toContain(node);
      expect(c.level <= p.level && (c.level === p.level || c.children.length === 0)).toBe(true);
    });
    expect(Object.keys(p.membership).length).toBe(g.order);
    expect(p.count).toBe(communitiesAt(h, p.level).length);
    expect(p.modularity).toBeCloseTo(modularity(g, p.membership, 1), 12);
  }
  // maxClusterSize is respected wherever Louvain can split: an oversized leaf above the last level is one
  // Louvain leaves whole
  for (const c of h.communities)
    if (c.children.length === 0 && c.entities.length > maxClusterSize && c.level < maxLevels - 1)
      expect(bestLouvain(inducedSubgraph(g, c.entities), h.resolution, stream(99, "check"), 4).length).toBe(1);
}

describe("hierarchicalLouvain on Zachary's karate club (graphology-generators karateClub(UndirectedGraph))", () => {
  const karate = karateClub(UndirectedGraph);

  it("hierarchicalLouvain(karate, seed 0…9) reaches C0 modularity ≥ 0.418 and never above the optimum 0.41979", () => {
    expect([karate.order, karate.size]).toEqual([34, 78]);
    for (let seed = 0; seed < 10; seed++) {
      const q = hierarchicalLouvain(karate, {seed}).levels[0].modularity;
      expect(q).toBeGreaterThanOrEqual(0.418);
      expect(q).toBeLessThanOrEqual(KARATE_OPTIMUM);
    }
  });

  it("graphology's Louvain alone stops at the local optimum 0.4156 for some seed; with the refinement pass, hierarchicalLouvain(karate, trials 1) reaches the optimum 0.41979 for every seed", () => {
    const raw = Array.from({length: 20}, (_, seed) => modularity(karate, louvain(karate, {rng: mulberry32(seed), getEdgeWeight: null})));
    expect(Math.min(...raw)).toBeCloseTo(0.4156, 4);
    const qs = Array.from({length: 20}, (_, seed) => hierarchicalLouvain(karate, {seed, trials: 1, maxLevels: 1}).levels[0].modularity);
    for (const q of qs) {
      expect(q).toBeCloseTo(KARATE_OPTIMUM, 5);
      expect(q).toBeLessThanOrEqual(KARATE_OPTIMUM + 1e-9);
    }
  });

  it("hierarchicalLouvain(karate, maxClusterSize 5) satisfies the hierarchy invariants", () => {
    checkHierarchy(karate, hierarchicalLouvain(karate, {maxClusterSize: 5}), 3, 5);
  });

  it("hierarchicalLouvain(karate + an isolated node) gives the isolated node a community of its own", () => {
    const g = karate.copy();
    g.addNode("alone");
    const h = hierarchicalLouvain(g);
    const c = h.communities[h.levels[0].membership.alone];
    expect(c.entities).toEqual(["alone"]);
    checkHierarchy(g, h, 3, 10);
  });
});

describe("hierarchicalLouvain on a planted partition (5 blocks of 40, fixture from scripts/graphrag-fixtures.py)", () => {
  const g = planted();

  it(`hierarchicalLouvain(planted) C0 modularity is within 0.01 of Leiden's (${fixtures.planted.leidenBestOf5.toFixed(4)}, python3-leidenalg best of 5)`, () => {
    const q = hierarchicalLouvain(g).levels[0].modularity;
    expect(q).toBeGreaterThanOrEqual(fixtures.planted.leidenBestOf5 - 0.01);
    expect(q).toBeGreaterThanOrEqual(fixtures.planted.networkxLouvainBestOf5 - 0.01);
  });

  it("hierarchicalLouvain(planted, maxClusterSize 10) satisfies the hierarchy invariants and splits below C0", () => {
    const h = hierarchicalLouvain(g, {maxClusterSize: 10});
    checkHierarchy(g, h, 3, 10);
    expect(h.levels[1].count).toBeGreaterThan(h.levels[0].count);
  });

  it("hierarchicalLouvain(planted, same seed) is the same hierarchy; a larger resolution gives more C0 communities", () => {
    expect(hierarchicalLouvain(g, {seed: 7})).toEqual(hierarchicalLouvain(g, {seed: 7}));
    const count = (resolution: number) => hierarchicalLouvain(g, {resolution, maxLevels: 1}).levels[0].count;
    expect(count(4)).toBeGreaterThan(count(1));
    expect(count(1)).toBeGreaterThan(count(0.05));
  });

  it("communitiesAt(h, level) lists a level's communities and throws InputError for a missing level", () => {
    const h = hierarchicalLouvain(g, {maxLevels: 2});
    expect(communitiesAt(h, 1).flatMap((c) => c.entities).sort()).toEqual([...fixtures.planted.nodes].sort());
    expect(() => communitiesAt(h, 2)).toThrow(/levels 0 to 1/);
  });
});

describe("hierarchicalLouvain bad input: InputError with a reader-facing message", () => {
  const karate = karateClub(UndirectedGraph);
  it.each([
    [{resolution: 0}, /greater than 0, got 0\. At 0/],
    [{resolution: -1}, /greater than 0/],
    [{resolution: Number.NaN}, /must be a number/],
    [{resolution: 100}, /at most 10, got 100\./],
    [{resolution: Infinity}, /at most 10/],
    [{seed: 1.5}, /Seed must be a whole number/],
    [{maxLevels: 0}, /levels must be a whole number from 1 to 5/],
    [{maxClusterSize: 0}, /Maximum community size/],
    [{trials: 0}, /trials/]
  ])("hierarchicalLouvain(karate, %o) throws", (options, message) => {
    expect(() => hierarchicalLouvain(karate, options)).toThrow(InputError);
    expect(() => hierarchicalLouvain(karate, options)).toThrow(message);
  });

  it("hierarchicalLouvain(empty graph | nodes without edges | negative weight | directed graph) throws", () => {
    expect(() => hierarchicalLouvain(new UndirectedGraph())).toThrow(/graph is empty/);
    const lonely = new UndirectedGraph();
    lonely.addNode("a");
    lonely.addNode("b");
    expect(() => hierarchicalLouvain(lonely)).toThrow(/2 entities but no relations/);
    const negative = new UndirectedGraph();
    negative.mergeEdge("a", "b", {weight: -1});
    expect(() => hierarchicalLouvain(negative)).toThrow(/weight -1/);
    const directed = new DirectedGraph();
    directed.mergeEdge("a", "b");
    expect(() => hierarchicalLouvain(directed as unknown as UndirectedGraph)).toThrow(/undirected/);
  });
});
