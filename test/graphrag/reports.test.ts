import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {communityReports, levelCommunities} from "../../labs/graphrag/reports.js";
import {toyGraph, toyHierarchy} from "./toy-graph.js";

const P0 = "Alice Smith founded Acme Corp in Springfield."; // 7 tokens
const P2 = "Bob Jones is the director who runs the Zeta Agency from Capital City."; // 13 tokens
const P3 = "Acme Corp hired Erin Gray in Springfield."; // 7 tokens

describe("communityReports", () => {
  const data = toyGraph(), h = toyHierarchy();

  it("communityReports(leaf) takes the most central entity's sentence naming the most other members", () => {
    const r = communityReports(data, h)[3]; // {bob jones, capital city, zeta agency}
    // zeta agency: weighted degree 2 like the others, but 2 mentions → first; its sentence naming both other members is P2
    expect(r.entities).toEqual(["zeta agency"]);
    expect(r.text).toBe(P2);
    expect(r.tokens).toBe(13);
    expect(r.title).toBe("Zeta Agency");
    expect(r.fromChildren).toBe(false);
  });

  it("communityReports(parent within budget) is written from its own elements, most central first", () => {
    const r = communityReports(data, h, {budget: 300})[0];
    // degrees inside: acme corp 5, springfield 4, zeta agency 3 → P0 (acme), P3 (springfield), P2 (zeta)
    expect(r.text).toBe(`${P0} ${P3} ${P2}`);
    expect(r.tokens).toBe(27);
    expect(r.entities).toEqual(["acme corp", "springfield", "zeta agency"]);
    expect(r.fromChildren).toBe(false);
  });

  it("communityReports(parent overflowing) substitutes its children's reports, interleaved, largest child first", () => {
    const r = communityReports(data, h, {budget: 20})[0];
    // elements need 27 > 20 tokens → children: {acme…} report P0 P3, {zeta…} report P2 → P0, P2 (20), P3 no longer fits
    expect(r.fromChildren).toBe(true);
    expect(r.text).toBe(`${P0} ${P2}`);
    expect(r.tokens).toBe(20);
  });

  it("communityReports never exceeds the budget and is deterministic", () => {
    for (let budget = 1; budget <= 40; budget++) {
      const a = communityReports(data, h, {budget});
      for (const r of a) expect(r.tokens).toBeLessThanOrEqual(budget);
      expect(communityReports(data, h, {budget})).toEqual(a);
    }
  });

  it("communityReports rejects a bad budget with InputError", () => {
    for (const budget of [0, -5, 1.5, NaN, 1e6]) expect(() => communityReports(data, h, {budget})).toThrow(InputError);
  });

  it("levelCommunities(h, level) lists each level's communities; a missing level is an InputError", () => {
    expect(levelCommunities(h, 0)).toEqual([0, 1]);
    expect(levelCommunities(h, 1)).toEqual([2, 3, 4, 5]);
    expect(() => levelCommunities(h, 2)).toThrow(/C2 does not exist/);
  });
});
