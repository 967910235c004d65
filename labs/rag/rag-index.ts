// The RAG index: chunk metadata, a BM25 inverted index and a dense vector store over the same chunk
// slots, kept consistent under add / replace / delete of documents, and retrieve(index, query, {method, k}).
// Dense search uses labs/vector-search (exactKnn on unit vectors; IVF-Flat built on demand).
import {InputError} from "../kit/params.js";
import {stream} from "../kit/random.js";
import {exactKnn} from "../vector-search/knn.js";
import {buildIVFFlat, type IVFIndex, ivfSearch, trainCoarse} from "../vector-search/ivf.js";
import {Bm25Index, type Bm25Params, checkBm25Params, LUCENE_DEFAULTS} from "./bm25.js";
import {type Chunk, type ChunkConfig, chunkDocs, DEFAULT_CHUNKING} from "./chunk.js";
import {checkDoc, type Doc} from "./corpus.js";
import {checkEmbeddable, firstPrincipalComponent, normalizeRow, poolWords, type Pooling, removeComponent, vocabIndex, type WordVectors} from "./embed.js";
import {RRF_K, type Ranked, reciprocalRankFusion, sortRanked, weightedFusion} from "./fusion.js";
import {queryTerms, terms, words} from "./text.js";

export interface IndexConfig {
  chunking: ChunkConfig;
  pooling: Pooling;
}

export const DEFAULT_INDEX: IndexConfig = {chunking: DEFAULT_CHUNKING, pooling: "sif"};

export interface RagIndex {
  config: IndexConfig;
  chunks: (Chunk | null)[]; // (slots) null once deleted
  terms: (string[] | null)[]; // (slots) analysed terms of each chunk (to remove its postings)
  bm25: Bm25Index;
  wv: WordVectors;
  vocab: Map<string, number>;
  vectors: Float32Array; // (capacity, D) unit chunk vectors by slot (zero row: no known word)
  pc: Float64Array | null; // SIF's removed direction (fixed at build; new chunks use the same one)
  docs: Map<string, Doc>;
  ivf: {nlist: number; index: IVFIndex; slots: Int32Array} | null; // cache, dropped on any change
  flat: {base: Float32Array; slots: number[]} | null; // live rows packed for exact search; cache, dropped on any change
}

/** Builds the index over documents (ids must be unique). */
export function buildIndex(docs: readonly Doc[], wv: WordVectors, config: IndexConfig = DEFAULT_INDEX): RagIndex {
  const index: RagIndex = {config, chunks: [], terms: [], bm25: new Bm25Index(), wv, vocab: vocabIndex(wv), vectors: new Float32Array(0), pc: null, docs: new Map(), ivf: null, flat: null};
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) throw new InputError(`Document id ${d.id} appears twice.`);
    seen.add(d.id);
  }
  const chunks = chunkDocs(docs, config.chunking);
  const pooled = poolAll(index, chunks);
  if (config.pooling === "sif") {
    index.pc = firstPrincipalComponent(pooled, chunks.length, wv.dim);
  }
  for (const d of docs) index.docs.set(d.id, d);
  chunks.forEach((c, i) => insert(index, c, pooled.subarray(i * wv.dim, (i + 1) * wv.dim)));
  return index;
}

function poolAll(index: RagIndex, chunks: readonly Chunk[]): Float32Array {
  const D = index.wv.dim;
  const out = new Float32Array(chunks.length * D);
  chunks.forEach((c, i) => poolWords(index.wv, index.vocab, words(c.text), index.config.pooling, out.subarray(i * D, (i + 1) * D)));
  return out;
}

/** Puts one chunk (and its raw pooled vector) at a new slot of every structure. */
function insert(index: RagIndex, chunk: Chunk, pooled: Float32Array): void {
  const D = index.wv.dim;
  const slot = index.chunks.length;
  if ((slot + 1) * D > index.vectors.length) {
    const grown = new Float32Array(Math.max(64, 2 * (slot + 1)) * D);
    grown.set(index.vectors);
    index.vectors = grown;
  }
  index.vectors.set(pooled, slot * D);
  if (index.pc) removeComponent(index.vectors, slot * D, index.pc);
  normalizeRow(index.vectors, slot * D, D);
  const t = indexTerms(chunk);
  index.bm25.add(t);
  index.chunks.push(chunk);
  index.terms.push(t);
}

/** What BM25 indexes for a chunk: its document's title (year and speaker, metadata a question may name) and its text. */
export function indexTerms(chunk: Chunk): string[] {
  return terms(`${chunk.title} ${chunk.text}`);
}

/** Adds a document; InputError if its id is taken or its text is unusable. Returns the new chunks. */
export function addDocument(index: RagIndex, doc: Doc): Chunk[] {
  checkDoc(doc);
  if (index.docs.has(doc.id)) throw new InputError(`A document with id ${doc.id} is already indexed; replace it instead.`);
  const chunks = chunkDocs([doc], index.config.chunking);
  const pooled = poolAll(index, chunks);
  index.docs.set(doc.id, doc);
  chunks.forEach((c, i) => insert(index, c, pooled.subarray(i * index.wv.dim, (i + 1) * index.wv.dim)));
  index.ivf = index.flat = null;
  return chunks;
}

/** Deletes a document: its chunks leave the keyword index, the vector store and the metadata. Returns chunks removed. */
export function deleteDocument(index: RagIndex, docId: string): number {
  if (!index.docs.has(docId)) throw new InputError(`No document with id ${docId} is indexed.`);
  let removed = 0;
  index.chunks.forEach((c, slot) => {
    if (c && c.docId === docId) {
      index.bm25.remove(slot, index.terms[slot]!);
      index.vectors.fill(0, slot * index.wv.dim, (slot + 1) * index.wv.dim);
      index.chunks[slot] = null;
      index.terms[slot] = null;
      removed++;
    }
  });
  index.docs.delete(docId);
  index.ivf = index.flat = null;
  return removed;
}

/** Replaces a document's text (delete, then add under the same id). */
export function replaceDocument(index: RagIndex, doc: Doc): Chunk[] {
  checkDoc(doc);
  deleteDocument(index, doc.id);
  return addDocument(index, doc);
}

/** Live chunk slots, in slot order. */
export function liveSlots(index: RagIndex): number[] {
  const out: number[] = [];
  index.chunks.forEach((c, i) => c && out.push(i));
  return out;
}

export type Method = "bm25" | "dense" | "hybrid";
export type Fusion = "rrf" | "weighted";

export interface RetrieveOptions {
  method: Method;
  k: number;
  bm25?: Bm25Params; // default k1 1.2, b 0.75
  ann?: "exact" | "ivf"; // dense search: exact (default) or IVF-Flat
  nlist?: number; // IVF cells (default ≈ √chunks)
  nprobe?: number; // IVF cells visited (default 8)
  fusion?: Fusion; // hybrid: "rrf" (default) or "weighted"
  rrfK?: number; // default 60
  weight?: number; // weighted fusion: share of BM25, default 0.5
  depth?: number; // hybrid: candidates taken from each list (default max(k, 100))
}

export interface Retrieved {
  slot: number;
  docId: string;
  title: string;
  start: number;
  end: number;
  text: string;
  score: number;
  ranks: {bm25?: number; dense?: number}; // 1-based rank in each list (hybrid only)
}

/** BM25 ranking of live chunks (only chunks with a matching term), best first. */
export function bm25Ranking(index: RagIndex, qTerms: readonly string[], params: Bm25Params = LUCENE_DEFAULTS, limit = Infinity): Ranked[] {
  return sortRanked(index.bm25.score(qTerms, params)).slice(0, limit);
}

/** Unit query vector (D) pooled as the chunks were. InputError if no query word is known. */
export function queryVector(index: RagIndex, query: string): Float32Array {
  const D = index.wv.dim;
  const q = new Float32Array(D);
  checkEmbeddable(poolWords(index.wv, index.vocab, words(query), index.config.pooling, q));
  if (index.pc) removeComponent(q, 0, index.pc);
  if (!normalizeRow(q, 0, D)) throw new InputError("The query's vector is zero after pooling; try more words.");
  return q;
}

/** Dense ranking by cosine similarity, best first: exact over live chunks, or IVF-Flat. */
/** The live rows packed (n, D) with their slots (cached until the next change). */
function packed(index: RagIndex): {base: Float32Array; slots: number[]} {
  if (!index.flat) {
    const D = index.wv.dim;
    const slots = liveSlots(index);
    const base = new Float32Array(slots.length * D);
    slots.forEach((s, i) => base.set(index.vectors.subarray(s * D, (s + 1) * D), i * D));
    index.flat = {base, slots};
  }
  return index.flat;
}

export function denseRanking(index: RagIndex, q: Float32Array, k: number, options: Pick<RetrieveOptions, "ann" | "nlist" | "nprobe"> = {}): Ranked[] {
  const D = index.wv.dim;
  const {base, slots} = packed(index);
  if (slots.length === 0) return [];
  k = Math.min(k, slots.length);
  if ((options.ann ?? "exact") === "exact") {
    const r = exactKnn(base, slots.length, D, q, 1, k, "ip");
    return Array.from(r.ids, (id, j) => ({id: slots[id], score: r.scores[j]})).filter((x) => x.id !== undefined);
  }
  const nlist = Math.max(1, Math.min(slots.length, options.nlist ?? Math.round(Math.sqrt(slots.length))));
  if (!index.ivf || index.ivf.nlist !== nlist) {
    const coarse = trainCoarse(base, slots.length, D, nlist, stream(1, "ivf")).centroids;
    index.ivf = {nlist, index: buildIVFFlat(coarse, nlist, base, slots.length, D), slots: Int32Array.from(slots)};
  }
  const r = ivfSearch(index.ivf.index, q, 1, k, Math.min(nlist, options.nprobe ?? 8));
  const out: Ranked[] = [];
  for (let j = 0; j < k; j++) if (r.ids[j] >= 0) out.push({id: index.ivf.slots[r.ids[j]], score: 1 - r.scores[j] / 2}); // unit vectors: cos = 1 − L2²/2
  return out;
}

/**
 * The API for the page, tests and benches: the k best live chunks for a query, with document id,
 * character span, text and score (BM25 score, cosine, or fused score). Throws InputError for a bad
 * query (empty, too long, stop words only; for dense, no known word) or bad options.
 */
export function retrieve(index: RagIndex, query: string, options: RetrieveOptions): Retrieved[] {
  const {method, k} = options;
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new InputError(`k must be a whole number from 1 to 1,000, got ${k}.`);
  if (method !== "bm25" && method !== "dense" && method !== "hybrid") throw new InputError(`method must be bm25, dense or hybrid, got "${method}".`);
  const params = options.bm25 ?? LUCENE_DEFAULTS;
  checkBm25Params(params);
  const qTerms = queryTerms(query);
  let ranked: Ranked[];
  const ranks = new Map<number, {bm25?: number; dense?: number}>();
  if (method === "bm25") ranked = bm25Ranking(index, qTerms, params, k);
  else if (method === "dense") ranked = denseRanking(index, queryVector(index, query), k, options);
  else {
    const depth = Math.max(k, options.depth ?? 100);
    const a = bm25Ranking(index, qTerms, params, depth);
    let b: Ranked[] = [];
    try {
      b = denseRanking(index, queryVector(index, query), depth, options);
    } catch (e) {
      if (!(e instanceof InputError)) throw e; // no known word: the keyword list alone
    }
    a.forEach((r, i) => ranks.set(r.id, {bm25: i + 1}));
    b.forEach((r, i) => ranks.set(r.id, {...ranks.get(r.id), dense: i + 1}));
    const w = options.weight ?? 0.5;
    if (!(w >= 0 && w <= 1)) throw new InputError(`The BM25 weight must be in [0, 1], got ${w}.`);
    const rrfK = options.rrfK ?? RRF_K;
    if (!(rrfK >= 0 && rrfK <= 1000)) throw new InputError(`The RRF constant k must be in [0, 1000], got ${rrfK}.`);
    ranked = ((options.fusion ?? "rrf") === "rrf" ? reciprocalRankFusion([a, b], rrfK) : weightedFusion(a, b, w)).slice(0, k);
  }
  return ranked.map(({id, score}) => {
    const c = index.chunks[id]!;
    return {slot: id, docId: c.docId, title: c.title, start: c.start, end: c.end, text: c.text, score, ranks: ranks.get(id) ?? {}};
  });
}
