import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {localSearch} from "../../labs/graphrag/local-search.js";
import {entityLookup, matchKey, queryEntities} from "../../labs/graphrag/match.js";
import {communityReports} from "../../labs/graphrag/reports.js";
import {graphSearchIndex} from "../../labs/graphrag/search-index.js";
import {mulberry32} from "../../labs/kit/random.js";
import type {EntityGraphData, Hierarchy, TextUnit} from "../../labs/graphrag/types.js";
import {graphOver, toyGraph, toyHierarchy} from "./toy-graph.js";

const data = toyGraph(), h = toyHierarchy();
const index = graphSearchIndex(data, h, communityReports(data, h));
// Acme Corp → (hop 1) Zeta Agency → (hop 2) Bob Jones: the answer sentence names Zeta Agency and Bob Jones, not Acme Corp
const TWO_HOP = "Who is the director that runs the agency Acme Corp supplies?";

describe("queryEntities", () => {
  const lookup = entityLookup(data);
  it("queryEntities(...) finds multi-word names, possessives and case variants, longest first, in query order", () => {
    expect(queryEntities(lookup, "Did the JAZZ festival's crowd love Dan Brown's set in Riverton?")).toEqual(["jazz festival", "dan brown", "riverton"]);
    expect(queryEntities(lookup, "What is the weather like?")).toEqual([]);
    const junk = new Map([...lookup, ["what", "what"], ["the", "the"]]); // an extractor's junk keys
    expect(queryEntities(junk, "What did the Zeta Agency do?")).toEqual(["zeta agency"]);
  });
  it("matchKey(...) drops a possessive and a leading 'the'", () => {
    expect(matchKey("The Zeta Agency’s")).toBe("zeta agency");
  });
  it("queryEntities(...) keys the query as the extractor keys names: aliases, dots and titles", () => {
    const us = new Map([["united states", "united states"], ["clinton", "clinton"]]);
    expect(queryEntities(us, "What did the U.S. promise?")).toEqual(["united states"]);
    expect(queryEntities(us, "Was America's debt larger under President Clinton?")).toEqual(["united states", "clinton"]);
  });
});

describe("localSearch", () => {
  it("localSearch(two-hop question, hops 2) reaches the answer sentence through the 2-hop neighbour", () => {
    const r = localSearch(index, TWO_HOP, {hops: 2});
    expect(r.anchors).toEqual(["acme corp"]);
    expect(r.units).toContain(2);
    expect(r.answer.text).toContain("Bob Jones");
    expect(r.path).toContainEqual({source: "acme corp", target: "zeta agency", weight: 1, hop: 1});
    expect(r.path.some((e) => e.hop === 2 && (e.source === "zeta agency" || e.target === "zeta agency"))).toBe(true);
    expect(r.noEntity).toBe(false);
  });

  it("localSearch(two-hop question, hops 1, no reports) cannot see the answer unit", () => {
    const r = localSearch(index, TWO_HOP, {hops: 1, communityProp: 0});
    expect(r.units).not.toContain(2);
    expect(r.context.filter((p) => p.part !== "report").some((p) => p.text.includes("Bob Jones"))).toBe(false);
    expect(r.answer.text).not.toContain("Bob Jones");
    expect(r.path.every((e) => e.hop === 1)).toBe(true);
  });

  it("localSearch(two-hop question, hops 1) still gets the answer from the report of the 1-hop neighbour's community", () => {
    const r = localSearch(index, TWO_HOP, {hops: 1});
    expect(r.reports).toContain(3); // {bob jones, capital city, zeta agency}: Zeta Agency is 1 hop away
    expect(r.units).not.toContain(2);
    expect(r.answer.text).toContain("Bob Jones");
  });

  it("localSearch(...) keeps every part within its share of the budget", () => {
    for (const budget of [1, 5, 10, 20, 30, 45, 60, 100, 1000]) {
      for (const [textUnitProp, communityProp] of [[0.5, 0.15], [0, 0], [1, 0], [0, 1], [0.3, 0.3]]) {
        const r = localSearch(index, TWO_HOP, {budget, textUnitProp, communityProp});
        expect(r.tokens).toBeLessThanOrEqual(budget);
        for (const p of ["report", "relation", "unit"] as const) expect(r.parts[p].tokens).toBeLessThanOrEqual(r.parts[p].budget);
        expect(r.parts.report.budget + r.parts.relation.budget + r.parts.unit.budget).toBe(budget);
        expect(r.context.reduce((s, p) => s + p.tokens, 0)).toBe(r.tokens);
      }
    }
  });

  it("localSearch(...) with the library's proportions on a 40-token budget: 6 report, 20 unit, 14 relation tokens", () => {
    const r = localSearch(index, TWO_HOP, {budget: 40});
    expect(r.parts.report.budget).toBe(6);
    expect(r.parts.unit.budget).toBe(20);
    expect(r.parts.relation.budget).toBe(14);
  });

  it("localSearch(...) is deterministic", () => {
    expect(localSearch(index, TWO_HOP)).toEqual(localSearch(index, TWO_HOP));
  });

  it("localSearch(question naming no entity) says so and returns an empty context", () => {
    const r = localSearch(index, "What is the weather like in winter?");
    expect(r.noEntity).toBe(true);
    expect(r.message).toMatch(/No entity/);
    expect(r.context).toEqual([]);
    expect(r.answer.abstained).toBe(true);
  });

  it("localSearch(bad input) throws InputError", () => {
    expect(() => localSearch(index, "")).toThrow(InputError);
    expect(() => localSearch(index, "the of and")).toThrow(InputError);
    expect(() => localSearch(index, TWO_HOP, {hops: 3})).toThrow(InputError);
    expect(() => localSearch(index, TWO_HOP, {textUnitProp: 0.9, communityProp: 0.2})).toThrow(InputError);
    expect(() => localSearch(index, TWO_HOP, {budget: 0})).toThrow(InputError);
    expect(() => localSearch(index, TWO_HOP, {level: 5})).toThrow(InputError);
  });
});

describe("localSearch on random graphs", () => {
  const NAMES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet"];

  /** Random one-sentence units naming 1–3 entities; hierarchy: one community per level holding all. */
  function randomCase(seed: number) {
    const r = mulberry32(seed);
    const units: TextUnit[] = [];
    let text = "";
    const pieces: string[] = [];
    for (let i = 0; i < 14; i++) {
      const k = 1 + Math.floor(r() * 3);
      const who = [...new Set(Array.from({length: k}, () => NAMES[Math.floor(r() * NAMES.length)]))];
      pieces.push(`${who.join(" and ")} signed treaty number ${i} today.`);
    }
    for (const p of pieces) {
      if (text) text += "\n\n";
      units.push({id: units.length, docId: "r", title: "r", year: 1, start: text.length, end: text.length + p.length, text: p});
      text += p;
    }
    const data = graphOver(units, NAMES);
    data.entities = data.entities.filter((e) => e.units.length > 0);
    const ids = data.entities.map((e) => e.id);
    const h: Hierarchy = {resolution: 1, seed: 1, communities: [{id: 0, level: 0, parent: null, children: [], entities: ids}], levels: [{level: 0, membership: Object.fromEntries(ids.map((e) => [e, 0])), count: 1, modularity: 0}]};
    return {data, h};
  }

  /** Hop distances from the anchors by brute force (repeated relaxation over every relation). */
  function distances(data: EntityGraphData, anchors: string[]): Map<string, number> {
    const d = new Map(anchors.map((a) => [a, 0]));
    for (let round = 0; round < data.entities.length; round++) {
      for (const rel of data.relations) {
        const [a, b] = [d.get(rel.source), d.get(rel.target)];
        if (a !== undefined && (b === undefined || b > a + 1)) d.set(rel.target, a + 1);
        if (b !== undefined && (a === undefined || a > b + 1)) d.set(rel.source, b + 1);
      }
    }
    return d;
  }

  it("localSearch(...) only reads units within reach (an anchor's, or a relation leaving an entity nearer than hops), and its path hops are graph distances", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const {data, h} = randomCase(seed);
      const idx = graphSearchIndex(data, h, communityReports(data, h));
      const anchor = data.entities[seed % data.entities.length];
      for (const hops of [1, 2]) {
        const res = localSearch(idx, `Which treaty did ${anchor.name} sign?`, {hops, budget: 60, communityProp: 0});
        expect(res.anchors).toEqual([anchor.id]);
        const d = distances(data, res.anchors);
        expect(res.reached).toBe([...d.values()].filter((x) => x <= hops).length);
        for (const u of res.units) {
          const here = data.entities.filter((e) => e.units.includes(u)).map((e) => d.get(e.id) ?? Infinity);
          const reachable = here.includes(0) || here.some((a, i) => here.some((b, j) => i !== j && Math.min(a, b) < hops && Math.max(a, b) <= hops));
          expect(reachable).toBe(true);
        }
        for (const e of res.path) {
          expect(e.hop).toBe(Math.min(d.get(e.source)!, d.get(e.target)!) + 1);
          expect(e.hop).toBeLessThanOrEqual(hops);
        }
        expect(res.tokens).toBeLessThanOrEqual(60);
      }
    }
  });
});
