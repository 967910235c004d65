import {describe, expect, it} from "vitest";
import {costTable} from "../../labs/graphrag/cost.js";
import {docTexts} from "../../labs/graphrag/context.js";
import {communityReports} from "../../labs/graphrag/reports.js";
import type {TextUnit} from "../../labs/graphrag/types.js";
import {toyGraph, toyHierarchy} from "./toy-graph.js";

describe("costTable", () => {
  const data = toyGraph(), h = toyHierarchy();

  it("costTable(...) counts TS as every source token once (56 by hand) and each level as the sum of its reports", () => {
    const reports = communityReports(data, h, {budget: 20});
    const rows = costTable(data, h, reports);
    expect(rows.map((r) => r.condition)).toEqual(["C0", "C1", "TS"]);
    // d1: 7 + 8 + 13 + 7 tokens, d2: 6 + 6 + 9
    expect(rows[2].tokens).toBe(56);
    expect(rows[0].tokens).toBe(reports[0].tokens + reports[1].tokens);
    expect(rows[1].tokens).toBe([2, 3, 4, 5].reduce((s, c) => s + reports[c].tokens, 0));
    expect(rows[0].tokens).toBeLessThanOrEqual(40); // two reports of at most 20 tokens
    expect(rows[0].saving).toBeCloseTo(1 - rows[0].tokens / 56, 12);
  });
});

describe("docTexts", () => {
  it("docTexts(overlapping units) rebuilds the document and does not double count the overlap", () => {
    const text = "One two three.\n\nFour five six seven.\n\nEight nine.";
    const mk = (id: number, start: number, end: number): TextUnit => ({id, docId: "x", title: "x", year: 1, start, end, text: text.slice(start, end)});
    const a = text.indexOf("Four"), b = text.indexOf("Eight");
    const units = [mk(0, 0, text.indexOf("seven") + 6), mk(1, a, b + 11)];
    const rebuilt = docTexts(units).get("x")!;
    expect(rebuilt.split(/\s+/)).toEqual(text.split(/\s+/));
    expect(rebuilt.length).toBe(text.length);
  });
});

describe("costTable with a leaf that repeats on the next level", () => {
  it("costTable(...) counts a level-0 leaf again at level 1, where its id stays in the membership", () => {
    const data = toyGraph();
    const h = toyHierarchy();
    // the music community (1) is not split: drop its children and keep id 1 in level 1's membership
    h.communities[1].children = [];
    h.communities = h.communities.slice(0, 4);
    for (const e of h.communities[1].entities) h.levels[1].membership[e] = 1;
    h.levels[1].count = 3;
    const reports = communityReports(data, h, {budget: 300});
    const rows = costTable(data, h, reports);
    expect(rows[1].reports).toBe(3); // communities 1, 2, 3
    expect(rows[1].tokens).toBe(reports[1].tokens + reports[2].tokens + reports[3].tokens);
    expect(rows[0].tokens).toBe(reports[0].tokens + reports[1].tokens);
  });
});
