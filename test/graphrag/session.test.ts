// The page's indexed state (session.ts) and the build-time studies (study.ts) on the hand-made toy
// corpus, where the communities are known: the firms document and the music document share no entity.
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import type {WordVectors} from "../../labs/rag/embed.js";
import {hierarchyView, indexGraph} from "../../labs/graphrag/session.js";
import {chunkRow, embeddingStudy, exampleUnit, regraph} from "../../labs/graphrag/study.js";
import {extractMentions} from "../../labs/graphrag/extract.js";
import {corpusGraph, textUnits} from "../../labs/graphrag/graph.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {NAMES, toyGraph} from "./toy-graph.js";

const data = toyGraph();
const FIRM_WORDS = ["alice", "smith", "acme", "corp", "springfield", "zeta", "agency", "bob", "jones", "capital", "city", "erin", "gray"];
const MUSIC_WORDS = ["carol", "white", "riverton", "jazz", "festival", "dan", "brown"];

const WORDS = [...FIRM_WORDS, ...MUSIC_WORDS];

/** Word vectors with one axis per group: word w gets a unit vector on axis group(w), plus a tiny offset. */
function vectors(group: (w: string) => number, dim: number): WordVectors {
  const v = new Float32Array(WORDS.length * dim);
  WORDS.forEach((w, i) => {
    v[i * dim + group(w)] = 1;
    v[i * dim + ((group(w) + 1) % dim)] = 0.001 * i;
  });
  return {words: WORDS, counts: WORDS.map(() => 1), total: WORDS.length, dim, vectors: v};
}

describe("indexGraph / hierarchyView", () => {
  it("indexGraph(toy) separates the two documents' entities at C0 and reports every community", () => {
    const ix = indexGraph(data, {resolution: 1, seed: 1, reportBudget: 300});
    const c0 = ix.hierarchy.levels[0].membership;
    const firms = new Set(["acme corp", "alice smith", "erin gray", "springfield", "bob jones", "capital city", "zeta agency"].map((e) => c0[e]));
    const music = new Set(["carol white", "dan brown", "jazz festival", "riverton"].map((e) => c0[e]));
    expect([...firms].some((c) => music.has(c))).toBe(false); // no community mixes the two documents
    expect(music.size).toBe(1);
    for (const c of ix.hierarchy.communities) expect(ix.reports[c.id]?.community).toBe(c.id);
    const view = hierarchyView(ix);
    expect(view.membership.length).toBe(ix.hierarchy.levels.length);
    expect(Object.keys(view.membership[0]).sort()).toEqual(NAMES.map((n) => n.toLowerCase()).sort());
    for (const c of ix.hierarchy.communities) expect(view.titles[c.id].length).toBeGreaterThan(0);
  });

  it("indexGraph(toy, resolution 0 or 100) throws InputError with the reason", () => {
    expect(() => indexGraph(data, {resolution: 0, seed: 1, reportBudget: 300})).toThrow(/greater than 0/);
    expect(() => indexGraph(data, {resolution: 100, seed: 1, reportBudget: 300})).toThrow(InputError);
    expect(() => indexGraph(data, {resolution: 1, seed: 1.5, reportBudget: 300})).toThrow(InputError);
  });
});

describe("study", () => {
  it("exampleUnit(toy) picks the unit naming the most distinct entities, the first on ties (units 0, 2, 3 name three)", () => {
    expect(exampleUnit(data).unit.id).toBe(0);
  });

  it("embeddingStudy: vectors that encode the C0 communities give k-means the same partition (NMI 1, same modularity)", () => {
    const ix = indexGraph(data, {resolution: 1, seed: 1, reportBudget: 300});
    const c0 = ix.hierarchy.levels[0].membership;
    const ids = [...new Set(Object.values(c0))].sort((a, b) => a - b);
    const ofWord = new Map(data.entities.flatMap((e) => e.name.toLowerCase().split(" ").map((w) => [w, ids.indexOf(c0[e.id])] as [string, number])));
    const s = embeddingStudy(ix, vectors((w) => ofWord.get(w)!, ids.length));
    expect(s.entities).toBe(11);
    expect(s.k).toBe(ids.length);
    expect(s.nmi).toBeCloseTo(1, 9);
    expect(s.modularityKmeans).toBeCloseTo(s.modularityLouvain, 9);
  });

  it("embeddingStudy: vectors that cut across the documents give a lower-modularity partition", () => {
    const ix = indexGraph(data, {resolution: 1, seed: 1, reportBudget: 300});
    const across = new Set(["alice", "smith", "acme", "corp", "carol", "white", "riverton"]);
    const s = embeddingStudy(ix, vectors((w) => (across.has(w) ? 0 : MUSIC_WORDS.includes(w) ? 1 : 2), 3));
    expect(s.nmi).toBeLessThan(0.9);
    expect(s.modularityKmeans).toBeLessThan(s.modularityLouvain);
  });

  it("chunkRow counts relations per entity as 2·relations / entities", () => {
    const r = chunkRow(data, 100, 20);
    expect(r.relationsPerEntity).toBeCloseTo((2 * data.relations.length) / data.entities.length, 12);
    expect(r.units).toBe(7);
  });
});

describe("regraph", () => {
  it("regraph(mentions, 100-token units, 600-token units) equals extracting and merging at 600 tokens from scratch", () => {
    const docs = readSotu().filter((d) => d.id === "1990" || d.id === "2021");
    const small = textUnits(docs, {method: "recursive", size: 100, overlap: 20});
    const large = {method: "recursive" as const, size: 600, overlap: 100};
    const rebuilt = regraph(extractMentions(small), small, textUnits(docs, large));
    expect(rebuilt).toEqual(corpusGraph(docs, large));
    expect(rebuilt.units.length).toBeLessThan(small.length);
  });
});
