// The GraphRAG page's entity graph of the State of the Union addresses 1990–2021, built at build time because
// compromise takes seconds (memoised by labs/graphrag/graph-files.ts, so the first-state loader reuses it):
// {graph: EntityGraphData, stats: {extraction time (ms), counts}}. Units carry their text once; entities and
// relations point at sentences by span (no sentence text repeated).
import {DEFAULT_CHUNKING} from "../../labs/rag/chunk.js";
import {GAZETTEER} from "../../labs/graphrag/gazetteer.js";
import {cachedCorpusGraph} from "../../labs/graphrag/graph-files.js";

const {graph, extractMs} = cachedCorpusGraph();
const linked = new Set(graph.relations.flatMap((r) => [r.source, r.target]));
const mentionsOf = (t: string) => graph.entities.filter((e) => e.type === t).reduce((s, e) => s + e.mentions, 0);
const stats = {
  chunking: DEFAULT_CHUNKING,
  extractMs: Math.round(extractMs),
  counts: {
    docs: new Set(graph.units.map((u) => u.docId)).size,
    units: graph.units.length,
    mentions: graph.entities.reduce((s, e) => s + e.mentions, 0),
    entities: graph.entities.length,
    relations: graph.relations.length,
    isolated: graph.entities.filter((e) => !linked.has(e.id)).length,
    singletons: graph.entities.filter((e) => e.mentions === 1).length,
    gazetteerEntries: GAZETTEER.length,
    mentionsByType: {person: mentionsOf("person"), place: mentionsOf("place"), organization: mentionsOf("organization"), other: mentionsOf("other")}
  }
};
process.stdout.write(JSON.stringify({graph, stats}));
