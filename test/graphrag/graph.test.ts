import {UndirectedGraph} from "graphology";
import {describe, expect, it} from "vitest";
import {addDocument, buildGraph, corpusGraph, textUnits, toGraphology} from "../../labs/graphrag/graph.js";
import type {Mention} from "../../labs/graphrag/types.js";
import {InputError} from "../../labs/kit/params.js";
import {mulberry32, randomInt} from "../../labs/kit/random.js";
import type {Doc} from "../../labs/rag/corpus.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {sentenceSpans} from "../../labs/rag/text.js";

/** A random document: words (some of them entity names A…E) in sentences of 3–8 words. */
function randomDoc(r: () => number, id: string): Doc {
  const sentences: string[] = [];
  for (let s = 0, n = 3 + randomInt(r, 6); s < n; s++) {
    const words = Array.from({length: 3 + randomInt(r, 6)}, () => (r() < 0.3 ? "ABCDE"[randomInt(r, 5)] + "x" : "w" + randomInt(r, 9)));
    sentences.push(words.join(" ") + ".");
  }
  return {id, title: id, year: 2000, text: sentences.join(" ")};
}

describe("buildGraph", () => {
  it("buildGraph(units, mentions) weights, units and sentences equal a brute-force count on 30 random corpora", () => {
    const r = mulberry32(11);
    for (let trial = 0; trial < 30; trial++) {
      const docs = [randomDoc(r, "a"), randomDoc(r, "b"), randomDoc(r, "c")];
      const units = textUnits(docs, {method: "fixed", size: 6, overlap: randomInt(r, 4)}); // overlapping windows
      // Mentions: every "Ax"…"Ex" token, found by a regex (not by the code under test), unit = first containing it.
      const mentions: Mention[] = [];
      for (const d of docs) for (const m of d.text.matchAll(/[A-E]x/g)) {
        const u = units.find((x) => x.docId === d.id && x.start <= m.index! && m.index! + 2 <= x.end)!;
        mentions.push({key: m[0][0].toLowerCase(), surface: m[0], type: "other", unit: u.id, start: m.index!, end: m.index! + 2});
      }
      const g = buildGraph(units, mentions);
      // Brute force: a unit contains an entity if the entity's token lies inside the unit's text.
      const inUnit = (key: string, u: (typeof units)[number]) => new RegExp(`(^|\\s)${key.toUpperCase()}x\\b`).test(u.text);
      const keys = [...new Set(mentions.map((m) => m.key))].sort();
      expect(g.entities.map((e) => e.id)).toEqual(keys);
      for (const e of g.entities) {
        expect(e.mentions).toBe(mentions.filter((m) => m.key === e.id).length);
        expect(e.units).toEqual(units.filter((u) => inUnit(e.id, u)).map((u) => u.id));
      }
      const expected: Array<[string, string, number[]]> = [];
      for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) {
        const shared = units.filter((u) => inUnit(keys[i], u) && inUnit(keys[j], u)).map((u) => u.id);
        if (shared.length) expected.push([keys[i], keys[j], shared]);
      }
      expect(g.relations.map((x) => [x.source, x.target, x.units])).toEqual(expected);
      for (const x of g.relations) expect(x.weight).toBe(x.units.length);
      // Sentences that mention both, by brute force over each document's sentence spans.
      for (const x of g.relations) {
        const both = docs.flatMap((d) => sentenceSpans(d.text).filter((s) => {
          const t = d.text.slice(s.start, s.end);
          return t.includes(x.source.toUpperCase() + "x") && t.includes(x.target.toUpperCase() + "x");
        }).map((s) => ({docId: d.id, start: s.start, end: s.end})));
        expect(x.sentences).toEqual(both);
      }
    }
  });

  it("buildGraph names an entity by its most frequent surface form and type (ties: first seen) and keeps the counts in forms", () => {
    const units = textUnits([{id: "d", title: "d", year: 1, text: "America. U.S. America. USA USA."}], {method: "fixed", size: 100, overlap: 0});
    const at = (surface: string, start: number, type: Mention["type"]): Mention => ({key: "united states", surface, type, unit: 0, start, end: start + surface.length});
    const g = buildGraph(units, [at("America", 0, "place"), at("U.S.", 9, "organization"), at("America", 14, "place"), at("USA", 23, "organization"), at("USA", 27, "other")]);
    expect(g.entities).toHaveLength(1);
    expect(g.entities[0].name).toBe("America"); // 2 vs 2: America first
    expect(g.entities[0].type).toBe("place"); // place 2, organization 2: place first
    expect(g.entities[0].mentions).toBe(5);
    expect(g.entities[0].forms).toEqual([
      {surface: "America", type: "place", count: 2}, {surface: "U.S.", type: "organization", count: 1},
      {surface: "USA", type: "organization", count: 1}, {surface: "USA", type: "other", count: 1},
    ]);
  });

  it("buildGraph(units with wrong ids) throws InputError", () => {
    const units = textUnits([{id: "d", title: "d", year: 1, text: "A b c."}]).map((u) => ({...u, id: 5}));
    expect(() => buildGraph(units, [])).toThrow(InputError);
  });
});

// Three short real documents: the first paragraphs of three addresses (compromise is slow on whole ones).
const short = (d: Doc, chars: number): Doc => ({...d, text: d.text.slice(0, d.text.indexOf("\n", chars))});
const all = readSotu();
const docs = [short(all[1], 4000), short(all[13], 4000), short(all[29], 4000)];

describe("addDocument", () => {
  const before = corpusGraph(docs.slice(0, 2));
  const frozen = structuredClone(before);
  const grown = addDocument(before, docs[2]);
  const full = corpusGraph(docs);

  it("addDocument(graph of 2 docs, doc 3) equals corpusGraph(3 docs): same units, entities and relations", () => {
    expect(grown.data.units).toEqual(full.units);
    expect(grown.data.relations).toEqual(full.relations);
    expect(grown.data.entities).toEqual(full.entities); // names and types too (recomputed from `forms`)
    expect(full.entities.length).toBeGreaterThan(10);
  });

  it("addDocument leaves the old graph unchanged and lists the new units and entities", () => {
    expect(before).toEqual(frozen);
    expect(grown.units).toEqual(full.units.filter((u) => u.docId === docs[2].id).map((u) => u.id));
    const old = new Set(before.entities.map((e) => e.id));
    expect(grown.entities).toEqual(full.entities.map((e) => e.id).filter((id) => !old.has(id)));
    expect(grown.noEntities).toBe(false);
  });

  it("addDocument(doc without entities) adds its units, no entity, and says so with noEntities", () => {
    const r = addDocument(before, {id: "plain", title: "plain", year: 2022, text: "we will keep working on it, and we will not stop."});
    expect(r.noEntities).toBe(true);
    expect(r.entities).toEqual([]);
    expect(r.data.units.length).toBe(before.units.length + 1);
    expect(r.data.entities).toEqual(before.entities);
    expect(r.data.relations).toEqual(before.relations);
  });

  it("addDocument(duplicate id / empty text) throws InputError with a reader-facing message", () => {
    expect(() => addDocument(before, docs[0])).toThrow(/already in the graph/);
    expect(() => addDocument(before, {id: "x", title: "x", year: 1, text: "   "})).toThrow(InputError);
  });
});

describe("toGraphology", () => {
  const data = corpusGraph(docs.slice(0, 1));
  it("toGraphology(data, UndirectedGraph, minWeight) has one node per entity and the relations of weight ≥ minWeight", () => {
    for (const minWeight of [1, 2]) {
      const g = toGraphology(data, UndirectedGraph, minWeight);
      expect(g.order).toBe(data.entities.length);
      const kept = data.relations.filter((r) => r.weight >= minWeight);
      expect(g.size).toBe(kept.length);
      for (const r of kept) expect(g.getEdgeAttribute(g.edge(r.source, r.target)!, "weight")).toBe(r.weight);
    }
    const e = data.entities[0];
    expect(toGraphology(data, UndirectedGraph).getNodeAttributes(e.id)).toEqual({name: e.name, type: e.type, mentions: e.mentions});
  });
  it("toGraphology(data, UndirectedGraph, 2, false) drops the nodes left without an edge of weight ≥ 2", () => {
    const g = toGraphology(data, UndirectedGraph, 2, false);
    const linked = new Set(data.relations.filter((r) => r.weight >= 2).flatMap((r) => [r.source, r.target]));
    expect(g.order).toBe(linked.size);
    g.forEachNode((n) => expect(g.degree(n)).toBeGreaterThan(0));
  });
  it("toGraphology(data, UndirectedGraph, 0) throws InputError", () => {
    expect(() => toGraphology(data, UndirectedGraph, 0)).toThrow(InputError);
  });
});
