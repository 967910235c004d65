import {UndirectedGraph} from "graphology";
import {describe, expect, it} from "vitest";
import {churn, incrementalUpdate} from "../../labs/graphrag/churn.js";
import {hierarchicalLouvain} from "../../labs/graphrag/communities.js";
import {InputError} from "../../labs/kit/params.js";
import fixtures from "./fixtures.json";

describe("churn(before, after)", () => {
  it("churn(p, p with renamed communities) moves nobody and has NMI 1", () => {
    const c = churn({a: 0, b: 0, c: 1, d: 1}, {a: 7, b: 7, c: 3, d: 3});
    expect(c.moved).toEqual([]);
    expect(c.nmi).toBeCloseTo(1, 12);
    expect(c.matching).toEqual({7: 0, 3: 1});
  });

  it("churn(...) by hand: c follows d and e into a new community, f is new", () => {
    const c = churn({a: 0, b: 0, c: 0, d: 1, e: 1}, {a: 5, b: 5, c: 6, d: 6, e: 6, f: 6});
    expect(c.matching).toEqual({5: 0, 6: 1}); // 6 holds one of old 0 and two of old 1
    expect(c.moved).toEqual(["c"]);
    expect(c.movedShare).toBeCloseTo(1 / 5, 12);
    expect(c.newEntities).toEqual(["f"]);
    expect(c.removedEntities).toEqual([]);
    expect([c.common, c.communitiesBefore, c.communitiesAfter]).toEqual([5, 2, 2]);
    // contingency on a…e: (0,5) 2, (0,6) 1, (1,6) 2; both sides have cluster sizes {3, 2}
    const mi = 0.4 * Math.log(10 / 6) + 0.2 * Math.log(5 / 9) + 0.4 * Math.log(10 / 6);
    const h = -(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4));
    expect(c.nmi).toBeCloseTo(mi / h, 12);
  });

  it("churn(...) of a split moves nobody; of a merge moves the smaller side; removed entities are listed", () => {
    const split = churn({a: 0, b: 0, c: 0, d: 0}, {a: 1, b: 1, c: 2, d: 2});
    expect(split.moved).toEqual([]);
    expect(split.matching).toEqual({1: 0, 2: 0});
    const merge = churn({a: 0, b: 0, c: 0, d: 1, e: 1, z: 2}, {a: 4, b: 4, c: 4, d: 4, e: 4});
    expect(merge.moved).toEqual(["d", "e"]);
    expect(merge.removedEntities).toEqual(["z"]);
  });

  it("churn(...) throws InputError for an empty partition or no entity in common", () => {
    expect(() => churn({}, {a: 0})).toThrow(InputError);
    expect(() => churn({a: 0}, {b: 0})).toThrow(/share no entity/);
  });
});

describe("incrementalUpdate(before, grown graph)", () => {
  const g = new UndirectedGraph();
  for (const n of fixtures.planted.nodes) g.addNode(n);
  for (const [s, t, weight] of fixtures.planted.edges as [string, string, number][]) g.addEdge(s, t, {weight});

  it("incrementalUpdate(h, g + one new entity) equals hierarchicalLouvain on the grown graph and lists the entity as new", () => {
    const before = hierarchicalLouvain(g, {seed: 3});
    const grown = g.copy();
    grown.addNode("new");
    for (const n of ["n0", "n1", "n2", "n3"]) grown.addEdge("new", n, {weight: 2}); // into the first block
    const {hierarchy, churn: levels} = incrementalUpdate(before, grown);
    expect(hierarchy).toEqual(hierarchicalLouvain(grown, {seed: 3}));
    expect(levels).toHaveLength(3);
    expect(levels[0].newEntities).toEqual(["new"]);
    expect(levels[0].common).toBe(200);
    expect(levels[0].nmi).toBeGreaterThan(0.9); // five well-separated blocks stay put at C0
    expect(hierarchy.levels[0].membership.new).toBe(hierarchy.levels[0].membership.n0);
  });
});
