// The entity graph: mentions merged into nodes by normalised name, and an undirected edge for every pair of
// entities that share a text unit, weighted by the number of units they share (the paper's merge rule,
// Edge et al. 2024 §3.1.3, with co-occurrence standing in for LLM-extracted relationships). Each node and edge
// keeps the sentences that mention it / both. Plus incremental indexing (addDocument) and graphology conversion.
import type {UndirectedGraph} from "graphology";
import {InputError} from "../kit/params.js";
import {type ChunkConfig, DEFAULT_CHUNKING, chunkDocs} from "../rag/chunk.js";
import {type Doc, checkDoc} from "../rag/corpus.js";
import {sentenceSpans} from "../rag/text.js";
import {extractMentions} from "./extract.js";
import type {Entity, EntityGraphData, Mention, Relation, SentenceRef, TextUnit} from "./types.js";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sentence spans of every document the units cover, in document coordinates (units' gaps are whitespace). */
function docSentences(units: readonly TextUnit[]): Map<string, SentenceRef[]> {
  const byDoc = new Map<string, TextUnit[]>();
  for (const u of units) {
    if (!byDoc.has(u.docId)) byDoc.set(u.docId, []);
    byDoc.get(u.docId)!.push(u);
  }
  const out = new Map<string, SentenceRef[]>();
  for (const [docId, us] of byDoc) {
    const end = Math.max(...us.map((u) => u.end));
    const chars = new Array<string>(end).fill(" "); // [0, end): text before the first unit is blank
    for (const u of us) for (let i = 0; i < u.text.length; i++) chars[u.start + i] = u.text[i];
    out.set(docId, sentenceSpans(chars.join("")).map((s) => ({docId, start: s.start, end: s.end})));
  }
  return out;
}

/** Index of the sentence containing offset `at` (binary search over sorted spans); -1 if none. */
function sentenceAt(spans: readonly SentenceRef[], at: number): number {
  let lo = 0, hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= at) lo = mid + 1;
    else if (spans[mid].start > at) hi = mid - 1;
    else return mid;
  }
  return -1;
}

type Form = NonNullable<Entity["forms"]>[number];

/** Most frequent value of a weighted list; ties: the one seen first. */
function mode<T>(values: ReadonlyArray<readonly [T, number]>): T {
  const counts = new Map<T, number>(); // insertion order = first seen
  for (const [v, n] of values) counts.set(v, (counts.get(v) ?? 0) + n);
  let best = values[0][0], bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

/** (surface, type) pairs counted, in first-seen order. */
function countForms(forms: ReadonlyArray<Omit<Form, "count"> & {count?: number}>): Form[] {
  const out = new Map<string, Form>();
  for (const f of forms) {
    const k = `${f.type}\u0000${f.surface}`;
    const old = out.get(k);
    if (old) old.count += f.count ?? 1;
    else out.set(k, {surface: f.surface, type: f.type, count: f.count ?? 1});
  }
  return [...out.values()];
}

/** name = most frequent surface form, type = most frequent type (ties: first seen). */
const nameOf = (forms: readonly Form[]) => mode(forms.map((f) => [f.surface, f.count] as const));
const typeOf = (forms: readonly Form[]) => mode(forms.map((f) => [f.type, f.count] as const));

/**
 * Merges mentions into entities (by key) and co-occurrences into relations. A mention counts in every unit
 * whose span contains its start (overlapping chunks share it), in its own document. Relation weight = number
 * of units where both entities occur; sentences = sentences (labs/rag/text.ts sentenceSpans) with a mention of
 * the entity / of both. Output order: entities by id, relations by (source, target), lists ascending / in corpus
 * order (documents in the order their first unit appears). Units are returned as given, ids must be their indices.
 * Errors: InputError if a unit's id is not its index or a mention names an unknown unit.
 */
export function buildGraph(units: readonly TextUnit[], mentions: readonly Mention[]): EntityGraphData {
  units.forEach((u, i) => {
    if (u.id !== i) throw new InputError(`Text unit ${i} has id ${u.id}; ids must be 0, 1, 2, … in order.`);
  });
  const docOrder = new Map<string, number>();
  for (const u of units) if (!docOrder.has(u.docId)) docOrder.set(u.docId, docOrder.size);
  const sentences = docSentences(units);
  const unitsOf = new Map<string, TextUnit[]>();
  for (const u of units) {
    if (!unitsOf.has(u.docId)) unitsOf.set(u.docId, []);
    unitsOf.get(u.docId)!.push(u);
  }

  interface Acc {mentions: Mention[]; units: Set<number>; sentences: Map<string, SentenceRef>}
  const acc = new Map<string, Acc>();
  const unitEntities = new Map<number, Set<string>>(); // unit id -> entity keys
  const sentenceEntities = new Map<string, {ref: SentenceRef; keys: Set<string>}>(); // "doc:start" -> keys
  for (const m of mentions) {
    const own = units[m.unit];
    if (!own) throw new InputError(`A mention of “${m.surface}” names text unit ${m.unit}, which does not exist.`);
    if (!acc.has(m.key)) acc.set(m.key, {mentions: [], units: new Set(), sentences: new Map()});
    const a = acc.get(m.key)!;
    a.mentions.push(m);
    for (const u of unitsOf.get(own.docId)!) {
      if (u.start <= m.start && m.start < u.end) {
        a.units.add(u.id);
        if (!unitEntities.has(u.id)) unitEntities.set(u.id, new Set());
        unitEntities.get(u.id)!.add(m.key);
      }
    }
    const spans = sentences.get(own.docId)!;
    const si = sentenceAt(spans, m.start);
    if (si >= 0) {
      const ref = spans[si], id = `${ref.docId}:${ref.start}`;
      a.sentences.set(id, ref);
      if (!sentenceEntities.has(id)) sentenceEntities.set(id, {ref, keys: new Set()});
      sentenceEntities.get(id)!.keys.add(m.key);
    }
  }
  const corpusOrder = (a: SentenceRef, b: SentenceRef) => docOrder.get(a.docId)! - docOrder.get(b.docId)! || a.start - b.start;

  const entities: Entity[] = [...acc.keys()].sort(byString).map((id) => {
    const a = acc.get(id)!;
    const forms = countForms(a.mentions);
    return {
      id,
      name: nameOf(forms),
      type: typeOf(forms),
      mentions: a.mentions.length,
      units: [...a.units].sort((x, y) => x - y),
      sentences: [...a.sentences.values()].sort(corpusOrder),
      forms,
    };
  });

  const pairs = new Map<string, {units: number[]; sentences: SentenceRef[]}>();
  const pairOf = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);
  const ids = [...unitEntities.keys()].sort((a, b) => a - b);
  for (const uid of ids) {
    const keys = [...unitEntities.get(uid)!].sort(byString);
    for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) {
      const p = pairOf(keys[i], keys[j]);
      if (!pairs.has(p)) pairs.set(p, {units: [], sentences: []});
      pairs.get(p)!.units.push(uid);
    }
  }
  for (const {ref, keys} of sentenceEntities.values()) {
    const ks = [...keys].sort(byString);
    for (let i = 0; i < ks.length; i++) for (let j = i + 1; j < ks.length; j++) pairs.get(pairOf(ks[i], ks[j]))?.sentences.push(ref);
  }
  const relations: Relation[] = [...pairs.keys()].sort(byString).map((p) => {
    const [source, target] = p.split("\u0000");
    const r = pairs.get(p)!;
    return {source, target, weight: r.units.length, units: r.units, sentences: r.sentences.sort(corpusOrder)};
  });
  return {units: [...units], entities, relations};
}

/** Text units of documents: labs/rag chunks with id = index. */
export function textUnits(docs: readonly Doc[], chunking: ChunkConfig = DEFAULT_CHUNKING, firstId = 0): TextUnit[] {
  return chunkDocs(docs, chunking).map((c, i) => ({...c, id: firstId + i}));
}

/** The entity graph of a corpus: chunk (labs/rag chunkDocs), extract (extract.ts), merge (buildGraph). */
export function corpusGraph(docs: readonly Doc[], chunking: ChunkConfig = DEFAULT_CHUNKING): EntityGraphData {
  const units = textUnits(docs, chunking);
  return buildGraph(units, extractMentions(units));
}

/**
 * Mentions of an existing graph, rebuilt from its entities' sentences is impossible (counts are lost), so
 * addDocument merges at the level of entities and relations instead: the new document's units get ids after
 * the old ones, only they are extracted, and their entities / relations are added to copies of the old ones.
 * Because units never span two documents, the result equals corpusGraph of all documents (tested).
 *
 * Returns the grown graph, the new unit ids and the ids of entities that were not in the graph before.
 * A document with no entity is accepted: the graph grows by its units only, `entities` is empty and
 * `noEntities` is true, so the page can say “no entity found in this document”.
 * Errors (InputError): checkDoc's (empty, too long, bad id), a document id already in the graph, bad chunking.
 */
export function addDocument(
  data: EntityGraphData,
  doc: Doc,
  chunking: ChunkConfig = DEFAULT_CHUNKING,
): {data: EntityGraphData; units: number[]; entities: string[]; noEntities: boolean} {
  checkDoc(doc);
  if (data.units.some((u) => u.docId === doc.id)) throw new InputError(`A document with id “${doc.id}” is already in the graph; give the new one another id.`);
  const units = textUnits([doc], chunking, data.units.length);
  const local = buildGraph(
    units.map((u, i) => ({...u, id: i})),
    extractMentions(units.map((u, i) => ({...u, id: i}))),
  );
  const shift = (ids: number[]) => ids.map((i) => i + data.units.length);
  const entities = new Map(data.entities.map((e) => [e.id, e]));
  const added: string[] = [];
  for (const e of local.entities) {
    const old = entities.get(e.id);
    if (!old) {
      added.push(e.id);
      entities.set(e.id, {...e, units: shift(e.units), sentences: [...e.sentences]});
    } else {
      // exact with `forms` (old forms first, as in a full rebuild); without them, the old name / type stay unless
      // the new document's mentions outnumber the old ones
      const forms = old.forms ? countForms([...old.forms, ...(e.forms ?? [])]) : undefined;
      entities.set(e.id, {
        ...old,
        name: forms ? nameOf(forms) : e.mentions > old.mentions ? e.name : old.name,
        type: forms ? typeOf(forms) : e.mentions > old.mentions ? e.type : old.type,
        ...(forms ? {forms} : {}),
        mentions: old.mentions + e.mentions,
        units: [...old.units, ...shift(e.units)],
        sentences: [...old.sentences, ...e.sentences],
      });
    }
  }
  const relations = new Map(data.relations.map((r) => [`${r.source}\u0000${r.target}`, r]));
  for (const r of local.relations) {
    const k = `${r.source}\u0000${r.target}`, old = relations.get(k);
    const units = shift(r.units);
    relations.set(k, old ? {...old, weight: old.weight + r.weight, units: [...old.units, ...units], sentences: [...old.sentences, ...r.sentences]} : {...r, units});
  }
  return {
    data: {
      units: [...data.units, ...units],
      entities: [...entities.values()].sort((a, b) => byString(a.id, b.id)),
      relations: [...relations.values()].sort((a, b) => byString(a.source, b.source) || byString(a.target, b.target)),
    },
    units: units.map((u) => u.id),
    entities: added.sort(byString),
    noEntities: local.entities.length === 0,
  };
}

/**
 * The graph in graphology: one node per entity (attributes {name, type, mentions}), one undirected edge per
 * relation with weight ≥ minWeight (attribute {weight}). Entities left without an edge (no co-occurrence, or
 * only lighter ones) are kept as isolated nodes unless keepIsolated is false (community detection needs them
 * gone). `Graph` is passed in so the browser worker and Node share this module.
 * Errors: InputError if minWeight is not a whole number ≥ 1.
 */
export function toGraphology(data: EntityGraphData, Graph: typeof UndirectedGraph, minWeight = 1, keepIsolated = true): UndirectedGraph {
  if (!Number.isInteger(minWeight) || minWeight < 1) throw new InputError(`The minimum edge weight must be a whole number ≥ 1, got ${minWeight}.`);
  const kept = data.relations.filter((r) => r.weight >= minWeight);
  const linked = new Set(kept.flatMap((r) => [r.source, r.target]));
  const g = new Graph();
  for (const e of data.entities) if (keepIsolated || linked.has(e.id)) g.addNode(e.id, {name: e.name, type: e.type, mentions: e.mentions});
  for (const r of kept) g.addEdge(r.source, r.target, {weight: r.weight});
  return g;
}
