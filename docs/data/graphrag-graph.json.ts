// The GraphRAG page's entity graph of the State of the Union addresses 1990–2021, built at build time because
// compromise takes seconds: {graph: EntityGraphData, stats: {timings (ms), counts}}. Units carry their text once;
// entities and relations point at sentences by span (no sentence text repeated).
import {readSotu} from "../../labs/rag/corpus-files.js";
import {DEFAULT_CHUNKING} from "../../labs/rag/chunk.js";
import {extractMentions} from "../../labs/graphrag/extract.js";
import {GAZETTEER} from "../../labs/graphrag/gazetteer.js";
import {buildGraph, textUnits} from "../../labs/graphrag/graph.js";

const t0 = performance.now();
const docs = readSotu();
const units = textUnits(docs, DEFAULT_CHUNKING);
const t1 = performance.now();
const mentions = extractMentions(units);
const t2 = performance.now();
const graph = buildGraph(units, mentions);
const t3 = performance.now();

const linked = new Set(graph.relations.flatMap((r) => [r.source, r.target]));
const ofType = (t: string) => mentions.filter((m) => m.type === t).length; // mentions per type
const stats = {
  chunking: DEFAULT_CHUNKING,
  timings: {chunkMs: Math.round(t1 - t0), extractMs: Math.round(t2 - t1), graphMs: Math.round(t3 - t2), totalMs: Math.round(t3 - t0)},
  counts: {
    docs: docs.length,
    units: graph.units.length,
    mentions: mentions.length,
    entities: graph.entities.length,
    relations: graph.relations.length,
    isolated: graph.entities.filter((e) => !linked.has(e.id)).length,
    singletons: graph.entities.filter((e) => e.mentions === 1).length,
    gazetteerEntries: GAZETTEER.length,
    mentionsByType: {person: ofType("person"), place: ofType("place"), organization: ofType("organization"), other: ofType("other")},
  },
};
process.stdout.write(JSON.stringify({graph, stats}));
