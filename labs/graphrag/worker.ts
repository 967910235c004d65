// Module worker behind the /graphrag page's interactive cells (bundled by esbuild: graphology imports
// Node's `events`). It keeps one indexed state and answers {id, type, ...} requests in order:
// "index" (communities at a resolution and seed), "report", "local", "global", and "add" (a document:
// extraction, Louvain again, churn, a warm-started layout). Search falls back to vector search (labs/rag)
// when a question names no known entity.
import {UndirectedGraph} from "graphology";
import {InputError} from "../kit/params.js";
import {serveRequests} from "../kit/worker-requests.js";
import {buildIndex, DEFAULT_INDEX, type RagIndex, retrieve} from "../rag/rag-index.js";
import {extractAnswer} from "../rag/answer.js";
import {type DataUrls, loadData} from "../rag/worker-data.js";
import type {Doc} from "../rag/corpus.js";
import {churn} from "./churn.js";
import {hierarchicalLouvain} from "./communities.js";
import {sentenceText} from "./context.js";
import {globalSearch, type GlobalOptions} from "./global-search.js";
import {addDocument, toGraphology} from "./graph.js";
import {DEFAULT_LAYOUT, type Layout, layoutGraph} from "./layout.js";
import {type LocalOptions, localSearch} from "./local-search.js";
import {questionTerms} from "./match.js";
import {checkIndexConfig, hierarchyView, type IndexConfig, type Indexed, indexGraph} from "./session.js";
import type {EntityGraphData} from "./types.js";

export type GraphRequest =
  | {id: number; type: "index"; urls: {graph: string; rag: DataUrls}; config: IndexConfig}
  | {id: number; type: "report"; community: number}
  | {id: number; type: "local"; query: string; options: LocalOptions; fallback: "dense" | "hybrid" | "bm25" | "none"}
  | {id: number; type: "global"; query: string; options: GlobalOptions}
  | {id: number; type: "add"; doc: Doc};

let urls: {graph: string; rag: DataUrls} | null = null;
let base: Promise<{data: EntityGraphData; graph: UndirectedGraph}> | null = null;
let current: Indexed | null = null;
let layout: Layout | null = null;
let fallback: Promise<RagIndex> | null = null;

async function loadGraph(url: string): Promise<EntityGraphData> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the entity graph (${response.status}).`);
  return (await response.json()).graph as EntityGraphData;
}

const need = (): Indexed => {
  if (!current) throw new Error("The graph is not indexed yet.");
  return current;
};

/** Names and mention counts of the drawn entities, for the page's labels and tooltips. */
function labels(ix: Indexed, l: Layout) {
  const byId = new Map(ix.data.entities.map((e) => [e.id, e]));
  return {names: Object.fromEntries(l.ids.map((id) => [id, byId.get(id)!.name])), mentions: Object.fromEntries(l.ids.map((id) => [id, byId.get(id)!.mentions]))};
}

async function handle(r: GraphRequest): Promise<unknown> {
  if (r.type === "index") {
    checkIndexConfig(r.config);
    urls = r.urls;
    // Communities always start from the corpus alone: documents added before are dropped.
    base ??= loadGraph(r.urls.graph).then((data) => ({data, graph: toGraphology(data, UndirectedGraph)}));
    const {data, graph} = await base;
    current = indexGraph(data, r.config, graph);
    layout = null;
    return hierarchyView(current);
  }
  const ix = need();
  if (r.type === "report") {
    const report = ix.reports[r.community];
    const community = ix.hierarchy.communities[r.community];
    if (!report || !community) throw new InputError(`There is no community ${r.community} at these settings.`);
    return {report, level: community.level, size: community.entities.length, sentences: report.sentences.map((s) => sentenceText(ix.search.corpus, s))};
  }
  if (r.type === "local") {
    const t0 = performance.now();
    const result = localSearch(ix.search, r.query, r.options);
    const ms = performance.now() - t0;
    if (!result.noEntity || r.fallback === "none") return {result, ms};
    // No entity to anchor on: the RAG notebook's retriever the reader chose answers instead.
    fallback ??= loadData(urls!.rag).then((d) => buildIndex(d.docs, d.wv, DEFAULT_INDEX));
    const rag = await fallback;
    const chunks = retrieve(rag, r.query, {method: r.fallback, k: 5});
    return {result, ms, fallback: {method: r.fallback, chunks, answer: extractAnswer(rag, questionTerms(r.query), chunks, r.options.threshold ?? 0.4)}};
  }
  if (r.type === "global") {
    const t0 = performance.now();
    const result = globalSearch(ix.search, r.query, r.options);
    return {result, ms: performance.now() - t0, titles: Object.fromEntries(result.map.map((m) => [m.community, ix.reports[m.community]?.title ?? ""]))};
  }
  if (r.type === "add") {
    const t0 = performance.now();
    // Each paste is a new document: "pasted", "pasted-2", "pasted-3", …
    let doc = r.doc;
    for (let k = 2; ix.data.units.some((u) => u.docId === doc.id) && r.doc.id === "pasted"; k++) doc = {...r.doc, id: `pasted-${k}`, title: `pasted text ${k}`};
    const grown = addDocument(ix.data, doc);
    const t1 = performance.now();
    layout ??= layoutGraph(ix.data, DEFAULT_LAYOUT);
    const before = ix.hierarchy;
    const next = indexGraph(grown.data, ix.config);
    const moved = next.hierarchy.levels.slice(0, before.levels.length).map((l, i) => churn(before.levels[i].membership, l.membership));
    // The yardstick: churn from re-seeding Louvain on the old graph, with no new document at all.
    const reseeded = hierarchicalLouvain(ix.graph, {resolution: ix.config.resolution, seed: ix.config.seed + 1});
    const reseedChurn = reseeded.levels.slice(0, before.levels.length).map((l, i) => churn(before.levels[i].membership, l.membership));
    const previous = Object.fromEntries(layout.ids.map((id, i) => [id, [layout!.x[i], layout!.y[i]] as [number, number]]));
    const t2 = performance.now();
    layout = layoutGraph(grown.data, {...DEFAULT_LAYOUT, previous});
    const t3 = performance.now();
    current = next;
    return {
      doc: {id: doc.id, title: doc.title, units: grown.units.length},
      entities: grown.entities,
      drawnNew: grown.entities.filter((id) => layout!.ids.includes(id)).length,
      noEntities: grown.noEntities,
      churn: moved,
      reseedChurn,
      view: hierarchyView(next),
      layout,
      ...labels(next, layout),
      ms: {extract: t1 - t0, louvain: next.ms.louvain, layout: t3 - t2, total: t3 - t0}
    };
  }
  throw new Error("Unknown request.");
}

serveRequests(handle);
