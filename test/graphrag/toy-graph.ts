// A hand-made corpus and hierarchy for the search tests: two documents, one paragraph = one sentence =
// one text unit, entities found by exact string search (a brute-force stand-in for extraction), so the
// right reports, neighbourhoods and answers are known by construction.
import {chunkDocs, DEFAULT_CHUNKING} from "../../labs/rag/chunk.js";
import type {Doc} from "../../labs/rag/corpus.js";
import {sentenceSpans} from "../../labs/rag/text.js";
import type {Community, Entity, EntityGraphData, Hierarchy, Relation, SentenceRef, TextUnit} from "../../labs/graphrag/types.js";

export const DOCS = [
  {id: "d1", title: "d1 · Firms", year: 2001, paragraphs: [
    "Alice Smith founded Acme Corp in Springfield.", // unit 0
    "Acme Corp builds rockets for the Zeta Agency.", // unit 1
    "Bob Jones is the director who runs the Zeta Agency from Capital City.", // unit 2
    "Acme Corp hired Erin Gray in Springfield." // unit 3
  ]},
  {id: "d2", title: "d2 · Music", year: 2002, paragraphs: [
    "Carol White teaches music in Riverton.", // unit 4
    "Riverton hosts the annual Jazz Festival.", // unit 5
    "Dan Brown plays at the Jazz Festival every summer." // unit 6
  ]}
];

export const NAMES = ["Alice Smith", "Acme Corp", "Springfield", "Zeta Agency", "Bob Jones", "Capital City", "Erin Gray", "Carol White", "Riverton", "Jazz Festival", "Dan Brown"];

export const toyDocs = (): Doc[] => DOCS.map((d) => ({id: d.id, title: d.title, year: d.year, text: d.paragraphs.join("\n\n")}));

/** The toy graph over one unit per paragraph, or over labs/rag's default chunks (one per toy document). */
export function toyGraph(units: "paragraphs" | "default-chunks" = "paragraphs"): EntityGraphData {
  return units === "paragraphs" ? graphOver(paragraphUnits()) : graphOver(chunkDocs(toyDocs(), DEFAULT_CHUNKING).map((c, id) => ({...c, id})));
}

function paragraphUnits(): TextUnit[] {
  const units: TextUnit[] = [];
  for (const d of toyDocs()) {
    let at = 0;
    for (const p of d.text.split("\n\n")) {
      const start = d.text.indexOf(p, at);
      units.push({id: units.length, docId: d.id, title: d.title, year: d.year, start, end: start + p.length, text: p});
      at = start + p.length;
    }
  }
  return units;
}

/** Entities = the given names found by exact string search in the units; relations = co-occurrence in a unit. */
export function graphOver(units: TextUnit[], names: readonly string[] = NAMES): EntityGraphData {
  const sentencesOf = (u: TextUnit): SentenceRef[] => sentenceSpans(u.text).map((s) => ({docId: u.docId, start: u.start + s.start, end: u.start + s.end}));
  const entities: Entity[] = names.map((name) => {
    const inUnits = units.filter((u) => u.text.includes(name));
    return {
      id: name.toLowerCase(), name, type: "other" as const,
      mentions: inUnits.reduce((n, u) => n + u.text.split(name).length - 1, 0),
      units: inUnits.map((u) => u.id),
      sentences: inUnits.flatMap(sentencesOf)
    };
  }).sort((a, b) => (a.id < b.id ? -1 : 1));
  const relations: Relation[] = [];
  for (let i = 0; i < entities.length; i++) for (let j = i + 1; j < entities.length; j++) {
    const both = entities[i].units.filter((u) => entities[j].units.includes(u));
    if (both.length) relations.push({source: entities[i].id, target: entities[j].id, weight: both.length, units: both, sentences: both.flatMap((u) => sentencesOf(units[u]))});
  }
  return {units, entities, relations};
}

const FIRMS = ["acme corp", "alice smith", "bob jones", "capital city", "erin gray", "springfield", "zeta agency"];
const MUSIC = ["carol white", "dan brown", "jazz festival", "riverton"];

export function toyHierarchy(): Hierarchy {
  const communities: Community[] = [
    {id: 0, level: 0, parent: null, children: [2, 3], entities: FIRMS},
    {id: 1, level: 0, parent: null, children: [4, 5], entities: MUSIC},
    {id: 2, level: 1, parent: 0, children: [], entities: ["acme corp", "alice smith", "erin gray", "springfield"]},
    {id: 3, level: 1, parent: 0, children: [], entities: ["bob jones", "capital city", "zeta agency"]},
    {id: 4, level: 1, parent: 1, children: [], entities: ["carol white", "riverton"]},
    {id: 5, level: 1, parent: 1, children: [], entities: ["dan brown", "jazz festival"]}
  ];
  const levels = [0, 1].map((level) => {
    const membership: Record<string, number> = {};
    for (const c of communities) if (c.level === level) for (const e of c.entities) membership[e] = c.id;
    return {level, membership, count: communities.filter((c) => c.level === level).length, modularity: 0};
  });
  return {resolution: 1, seed: 1, communities, levels};
}
