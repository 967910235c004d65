// What local and global search read, built once per graph + hierarchy + reports (the page's worker keeps
// it): the rebuilt corpus text, the query→entity lookup, adjacency lists, BM25 statistics over the text
// units (labs/rag's Bm25Index) and, per level, over the community reports. No search policy here.
import {Bm25Index} from "../rag/bm25.js";
import {terms} from "../rag/text.js";
import {type Corpus, corpusOf, unitBm25} from "./context.js";
import {entityLookup} from "./match.js";
import {levelCommunities} from "./reports.js";
import type {CommunityReport, EntityGraphData, Hierarchy, Relation} from "./types.js";

export interface GraphSearchIndex {
  data: EntityGraphData;
  hierarchy: Hierarchy;
  reports: CommunityReport[]; // indexed by community id
  corpus: Corpus;
  lookup: Map<string, string>; // normalised name → entity id
  adjacency: Map<string, Relation[]>; // entity id → its relations, in data.relations order
  unitIndex: Bm25Index; // slot = text unit id
  levels: Array<{communities: number[]; index: Bm25Index}>; // per level: its communities (slot order) and BM25 over their reports
}

export function graphSearchIndex(data: EntityGraphData, hierarchy: Hierarchy, reports: CommunityReport[]): GraphSearchIndex {
  const adjacency = new Map<string, Relation[]>(data.entities.map((e) => [e.id, []]));
  for (const r of data.relations) {
    adjacency.get(r.source)?.push(r);
    adjacency.get(r.target)?.push(r);
  }
  const levels = hierarchy.levels.map((_, level) => {
    const communities = levelCommunities(hierarchy, level);
    const index = new Bm25Index();
    for (const c of communities) index.add(reports[c] ? terms(reports[c].text) : []);
    return {communities, index};
  });
  return {data, hierarchy, reports, corpus: corpusOf(data), lookup: entityLookup(data), adjacency, unitIndex: unitBm25(data.units), levels};
}
