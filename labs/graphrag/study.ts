// Build-time measurements behind the /graphrag page's text: an example text unit with its extracted
// mentions, how communities from k-means on word vectors compare with the graph's communities (the
// misconception that GraphRAG's communities come from embeddings), and what chunk size does to the graph.
import {stream} from "../kit/random.js";
import {poolWords, vocabIndex, type WordVectors} from "../rag/embed.js";
import {words} from "../rag/text.js";
import {trainKMeans, assignNearest} from "../vector-search/train-kmeans.js";
import {inducedSubgraph} from "./communities.js";
import {extractMentions, unitOf} from "./extract.js";
import {buildGraph} from "./graph.js";
import {modularity, nmi} from "./modularity.js";
import type {Indexed} from "./session.js";
import type {EntityGraphData, Mention, TextUnit} from "./types.js";

/** The text unit naming the most distinct entities (ties: the lowest id), with its mentions re-extracted. */
export function exampleUnit(graph: EntityGraphData): {unit: TextUnit; mentions: Mention[]} {
  const distinct = new Array<number>(graph.units.length).fill(0);
  for (const e of graph.entities) for (const u of e.units) distinct[u]++;
  let best = 0;
  for (let u = 1; u < distinct.length; u++) if (distinct[u] > distinct[best]) best = u;
  const unit = graph.units[best];
  return {unit, mentions: extractMentions([unit])};
}

export interface EmbeddingStudy {
  entities: number; // entities with a word vector for at least one word of their name
  k: number; // clusters asked of k-means (= C0 communities among those entities)
  modularityLouvain: number; // C0 partition, restricted to those entities, on their induced subgraph
  modularityKmeans: number; // k-means partition on the same subgraph
  nmi: number; // agreement of the two partitions
}

/**
 * Entity vectors = mean of the word vectors of the words in its name (labs/rag pooling); k-means (seeded,
 * k = number of C0 communities among them) clusters them; both partitions are scored on the graph.
 */
export function embeddingStudy(ix: Indexed, wv: WordVectors, seed = 1): EmbeddingStudy {
  const vocab = vocabIndex(wv);
  const D = wv.dim;
  const ids: string[] = [];
  const rows: Float32Array[] = [];
  for (const e of ix.data.entities) {
    const v = new Float32Array(D);
    if (poolWords(wv, vocab, words(e.name), "mean", v) > 0 && ix.graph.hasNode(e.id) && ix.graph.degree(e.id) > 0) {
      ids.push(e.id);
      rows.push(v);
    }
  }
  const X = new Float32Array(ids.length * D);
  rows.forEach((r, i) => X.set(r, i * D));
  const c0 = ix.hierarchy.levels[0].membership;
  const louvain = Object.fromEntries(ids.map((id) => [id, c0[id]]));
  const k = new Set(Object.values(louvain)).size;
  const {centroids} = trainKMeans(X, ids.length, D, k, stream(seed, "graphrag-kmeans"), {niter: 25, init: "kmeans++"});
  const assigned = assignNearest(X, ids.length, D, centroids, k);
  const kmeans = Object.fromEntries(ids.map((id, i) => [id, assigned[i]]));
  const sub = inducedSubgraph(ix.graph, ids);
  return {
    entities: ids.length,
    k,
    modularityLouvain: modularity(sub, louvain),
    modularityKmeans: modularity(sub, kmeans),
    nmi: nmi(ids.map((id) => louvain[id]), ids.map((id) => kmeans[id]))
  };
}

export interface ChunkRow {
  size: number; // whitespace tokens per text unit, at most
  overlap: number;
  units: number;
  entities: number;
  relations: number;
  mentions: number; // Σ entity mentions (a mention inside an overlap counts once per unit)
  relationsPerEntity: number;
}

/**
 * The entity graph over other text units from the same mentions: extraction reads whole documents, so its
 * mentions do not depend on the chunking. Each mention (its document known from `from`, the units it was
 * found with) is assigned to one of `to` by extract.ts's rule, and the graph is merged again.
 */
export function regraph(mentions: readonly Mention[], from: readonly TextUnit[], to: readonly TextUnit[]): EntityGraphData {
  const byDoc = new Map<string, TextUnit[]>();
  for (const u of to) byDoc.set(u.docId, [...(byDoc.get(u.docId) ?? []), u]);
  return buildGraph(to, mentions.map((m) => ({...m, unit: unitOf(byDoc.get(from[m.unit].docId)!, m.start, m.end).id})));
}

/** Size of the entity graph built from one chunking of the corpus. */
export function chunkRow(graph: EntityGraphData, size: number, overlap: number): ChunkRow {
  const mentions = graph.entities.reduce((s, e) => s + e.mentions, 0);
  return {size, overlap, units: graph.units.length, entities: graph.entities.length, relations: graph.relations.length, mentions, relationsPerEntity: (2 * graph.relations.length) / Math.max(1, graph.entities.length)};
}
