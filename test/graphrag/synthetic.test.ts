import {UndirectedGraph} from "graphology";
import {describe, expect, it} from "vitest";
import {hierarchicalLouvain} from "../../labs/graphrag/communities.js";
import {nmi} from "../../labs/graphrag/modularity.js";
import {graphFromEdges, syntheticGraph, toEdgeList} from "../../labs/graphrag/synthetic.js";
import {InputError} from "../../labs/kit/params.js";

describe("syntheticGraph(options)", () => {
  it("syntheticGraph() has 1,500 nodes, exactly 10,000 distinct weighted edges, and is the same for the same seed", () => {
    const s = syntheticGraph();
    expect(s.nodes).toHaveLength(1500);
    expect(s.edges).toHaveLength(10_000);
    const pairs = new Set(s.edges.map(([a, b]) => [a, b].sort().join("|")));
    expect(pairs.size).toBe(10_000);
    for (const [a, b, w] of s.edges) {
      expect(a).not.toBe(b);
      expect(Number.isInteger(w) && w >= 1).toBe(true);
    }
    expect(new Set(Object.values(s.planted)).size).toBe(40);
    expect(syntheticGraph()).toEqual(s);
    expect(syntheticGraph({seed: 1}).edges).not.toEqual(s.edges);
  });

  it("hierarchicalLouvain(syntheticGraph(300 nodes, 6 communities, mixing 0.1)) recovers the planted partition (NMI > 0.9)", () => {
    const s = syntheticGraph({nodes: 300, communities: 6, edges: 1500, mixing: 0.1, seed: 5});
    const h = hierarchicalLouvain(graphFromEdges(UndirectedGraph, s.nodes, s.edges), {maxLevels: 1});
    expect(nmi(s.nodes.map((n) => s.planted[n]), s.nodes.map((n) => h.levels[0].membership[n]))).toBeGreaterThan(0.9);
  });

  it("syntheticGraph(...) throws InputError for sizes that cannot be built", () => {
    expect(() => syntheticGraph({nodes: 10, edges: 100})).toThrow(InputError);
    expect(() => syntheticGraph({communities: 0})).toThrow(InputError);
    expect(() => syntheticGraph({mixing: 2})).toThrow(/Mixing/);
  });
});

describe("toEdgeList(graph)", () => {
  it("toEdgeList(...) writes source<TAB>target<TAB>weight lines that read back to the same graph", () => {
    const g = graphFromEdges(UndirectedGraph, ["a b", "c", "d"], [["a b", "c", 2], ["c", "d", 0.5]]);
    g.addNode("isolated");
    const text = toEdgeList(g);
    expect(text).toBe("a b\tc\t2\nc\td\t0.5\n");
    const back = text.trim().split("\n").map((l) => l.split("\t")).map(([s, t, w]) => [s, t, Number(w)] as [string, string, number]);
    expect(back).toEqual([["a b", "c", 2], ["c", "d", 0.5]]);
  });

  it("toEdgeList(...) throws InputError for an id with a tab", () => {
    expect(() => toEdgeList(graphFromEdges(UndirectedGraph, ["a\tb", "c"], [["a\tb", "c", 1]]))).toThrow(InputError);
  });
});
