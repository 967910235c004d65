import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {globalSearch} from "../../labs/graphrag/global-search.js";
import {communityReports} from "../../labs/graphrag/reports.js";
import {graphSearchIndex} from "../../labs/graphrag/search-index.js";
import {toyGraph, toyHierarchy} from "./toy-graph.js";

const data = toyGraph(), h = toyHierarchy();
const index = graphSearchIndex(data, h, communityReports(data, h));
const Q = "Dan Brown plays at which festival?";

describe("globalSearch", () => {
  it("globalSearch(level 0) maps every report, drops the one sharing no query term and answers from the other", () => {
    const r = globalSearch(index, Q, {level: 0});
    expect(r.map.map((m) => m.community)).toEqual([0, 1]);
    expect(r.map[0].score).toBe(0); // the firms' report has none of dan/brown/plays/which/festival
    expect(r.map[1].score).toBeGreaterThan(0);
    expect(r.dropped).toBe(1);
    expect(r.kept.map((k) => k.community)).toEqual([1]);
    expect(r.answer.text).toBe("Dan Brown plays at the Jazz Festival every summer.");
  });

  it("globalSearch(partials) gives each scored report its best sentence and none to the dropped ones", () => {
    const r = globalSearch(index, Q, {level: 0, partials: true});
    expect(r.map[1].partial).toBe("Dan Brown plays at the Jazz Festival every summer.");
    expect(r.map[0].partial).toBeUndefined();
    expect(globalSearch(index, Q, {level: 0}).map[1].partial).toBeUndefined();
  });

  it("globalSearch(level 1) ranks the community holding Dan Brown first", () => {
    const r = globalSearch(index, Q, {level: 1});
    expect(r.map.map((m) => m.community)).toEqual([2, 3, 4, 5]);
    expect(r.kept[0].community).toBe(5);
    expect(r.kept.every((k) => k.score > 0)).toBe(true);
    expect(r.map.filter((m) => m.score === 0).length).toBe(r.dropped);
  });

  it("globalSearch(...) never exceeds the budget and keeps only whole sentences", () => {
    for (const budget of [1, 5, 6, 9, 12, 15, 21, 100]) {
      for (const level of [0, 1]) {
        const r = globalSearch(index, "Riverton music festival summer Acme rockets agency", {level, budget});
        expect(r.tokens).toBeLessThanOrEqual(budget);
        expect(r.context.reduce((s, p) => s + p.tokens, 0)).toBe(r.tokens);
        expect(r.kept.reduce((s, k) => s + k.tokens, 0)).toBe(r.tokens);
        for (const p of r.context) expect(data.units.some((u) => u.text === p.text)).toBe(true); // each toy unit is one sentence
      }
    }
  });

  it("globalSearch(...) is deterministic", () => {
    expect(globalSearch(index, Q, {level: 1})).toEqual(globalSearch(index, Q, {level: 1}));
  });

  it("globalSearch(bad input) throws InputError", () => {
    expect(() => globalSearch(index, "  ")).toThrow(InputError);
    expect(() => globalSearch(index, Q, {level: 2})).toThrow(InputError);
    expect(() => globalSearch(index, Q, {budget: -1})).toThrow(InputError);
    expect(() => globalSearch(index, Q, {threshold: 2})).toThrow(InputError);
  });
});
