// Module worker behind the page's "ask" and "update the index" cells: keeps one RagIndex and answers
// requests {id, type: "build" | "query" | "add" | "replace" | "delete"} with {id, ok, result | message}.
// Index builds and searches stay off the page's main thread.
import {serveRequests} from "../kit/worker-requests.js";
import {extractAnswer} from "./answer.js";
import type {Doc} from "./corpus.js";
import type {EvalData} from "./evaluate.js";
import {addDocument, buildIndex, deleteDocument, type IndexConfig, type RagIndex, replaceDocument, retrieve, type RetrieveOptions} from "./rag-index.js";
import {queryTerms} from "./text.js";
import {type DataUrls, loadData} from "./worker-data.js";

export type QueryRequest =
  | {id: number; type: "build"; urls: DataUrls; config: IndexConfig}
  | {id: number; type: "query"; query: string; options: RetrieveOptions; contextK: number; threshold: number}
  | {id: number; type: "add" | "replace"; doc: Doc}
  | {id: number; type: "delete"; docId: string};

let data: Promise<EvalData> | null = null;
let index: RagIndex | null = null;

function docsSummary(ix: RagIndex) {
  return {docs: [...ix.docs.values()].map((d) => ({id: d.id, title: d.title, chars: d.text.length})), chunks: ix.bm25.live, terms: ix.bm25.postings.size};
}

async function handle(r: QueryRequest): Promise<unknown> {
  if (r.type === "build") {
    data ??= loadData(r.urls);
    const d = await data;
    index = buildIndex(d.docs, d.wv, r.config);
    return docsSummary(index);
  }
  if (!index) throw new Error("The index is not built yet.");
  if (r.type === "query") {
    const t0 = performance.now();
    const results = retrieve(index, r.query, r.options);
    const ms = performance.now() - t0;
    const qTerms = queryTerms(r.query);
    const bm25 = r.options.bm25 ?? {k1: 1.2, b: 0.75};
    const explained = results.map((c) => ({...c, terms: index!.bm25.explain([...new Set(qTerms)], c.slot, bm25)}));
    return {results: explained, ms, answer: extractAnswer(index, qTerms, results.slice(0, r.contextK), r.threshold)};
  }
  if (r.type === "add") return {added: addDocument(index, r.doc).length, ...docsSummary(index)};
  if (r.type === "replace") return {added: replaceDocument(index, r.doc).length, ...docsSummary(index)};
  if (r.type === "delete") return {removed: deleteDocument(index, r.docId), ...docsSummary(index)};
  throw new Error("Unknown request.");
}

serveRequests(handle);
