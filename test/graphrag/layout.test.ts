import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {layoutGraph} from "../../labs/graphrag/layout.js";
import type {EntityGraphData} from "../../labs/graphrag/types.js";

// Two triangles joined by one light edge, plus an entity mentioned once (left out of the picture).
const entity = (id: string, mentions: number) => ({id, name: id, type: "other" as const, mentions, units: [0], sentences: []});
const relation = (source: string, target: string, weight: number) => ({source, target, weight, units: [0], sentences: []});
const data: EntityGraphData = {
  units: [],
  entities: [entity("a", 5), entity("b", 4), entity("c", 3), entity("d", 5), entity("e", 4), entity("f", 3), entity("lonely", 1)],
  relations: [relation("a", "b", 6), relation("a", "c", 6), relation("b", "c", 6), relation("c", "d", 1), relation("d", "e", 6), relation("d", "f", 6), relation("e", "f", 6), relation("a", "lonely", 1)]
};
const options = {seed: 3, ticks: 300, minMentions: 2};
const dist = (l: ReturnType<typeof layoutGraph>, p: string, q: string) => {
  const i = l.ids.indexOf(p), j = l.ids.indexOf(q);
  return Math.hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]);
};

describe("layoutGraph", () => {
  it("layoutGraph(data) keeps entities with ≥ minMentions and only the links among them", () => {
    const l = layoutGraph(data, options);
    expect(l.ids).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(l.weights.length).toBe(7);
    expect(Array.from(l.links).every((i) => i >= 0 && i < 6)).toBe(true);
    expect([...l.x, ...l.y].every(Number.isFinite)).toBe(true);
  });

  it("layoutGraph(data, seed) is deterministic: the same seed gives the same positions", () => {
    const p = layoutGraph(data, options), q = layoutGraph(data, options);
    expect(Array.from(p.x)).toEqual(Array.from(q.x));
    expect(Array.from(p.y)).toEqual(Array.from(q.y));
  });

  it("layoutGraph(data) puts heavy co-occurrence close: members of a triangle are nearer than the two triangles", () => {
    const l = layoutGraph(data, options);
    const inside = Math.max(dist(l, "a", "b"), dist(l, "d", "e"));
    expect(inside).toBeLessThan(dist(l, "a", "e"));
  });

  it("layoutGraph(data, {previous}) warm-starts: old nodes move less than from a cold start", () => {
    const cold = layoutGraph(data, options);
    const previous = Object.fromEntries(cold.ids.map((id, i) => [id, [cold.x[i], cold.y[i]] as [number, number]]));
    const warm = layoutGraph(data, {...options, previous});
    const moved = Math.max(...cold.ids.map((_, i) => Math.hypot(warm.x[i] - cold.x[i], warm.y[i] - cold.y[i])));
    expect(moved).toBeLessThan(5);
  });

  it("layoutGraph(data) throws InputError when no entity is mentioned often enough, or ticks are out of range", () => {
    expect(() => layoutGraph(data, {...options, minMentions: 100})).toThrow(InputError);
    expect(() => layoutGraph(data, {...options, ticks: -1})).toThrow(InputError);
    expect(() => layoutGraph(data, {...options, ticks: 1.5})).toThrow(InputError);
  });
});
