// Local search (the microsoft/graphrag library's entity-anchored search; not evaluated in Edge et al.
// 2024): entities named in the query → their 1–2 hop neighbourhood → a context mixing community
// reports, relation sentences and text units in the library's proportions (community_prop 0.15,
// text_unit_prop 0.5, the rest for relations; graphrag config/defaults.py), then an extractive answer.
import {extractAnswer, type Answer} from "../rag/answer.js";
import {InputError} from "../kit/params.js";
import {bm25Idf, LUCENE_DEFAULTS} from "../rag/bm25.js";
import {terms} from "../rag/text.js";
import {countTokens, inside, type Piece, sentenceKey, sentencePiece, unitPiece} from "./context.js";
import {queryEntities, questionTerms} from "./match.js";
import {checkBudget, levelCommunities} from "./reports.js";
import type {GraphSearchIndex} from "./search-index.js";
import type {Relation} from "./types.js";

export interface LocalOptions {
  hops?: number; // 1 or 2 (default 2)
  budget?: number; // context tokens (default 1000)
  textUnitProp?: number; // share of the budget for text units (default 0.5)
  communityProp?: number; // share for community reports (default 0.15); relations get the rest
  level?: number; // hierarchy level whose reports are used (default the deepest)
  threshold?: number; // answer coverage below which the answer abstains (default 0.4, as labs/rag's evaluation)
}

export const LOCAL_DEFAULTS = {hops: 2, budget: 1000, textUnitProp: 0.5, communityProp: 0.15, threshold: 0.4};

/** An edge of the traversal: `hop` = 1 for an edge leaving an anchor, 2 for one leaving a 1-hop neighbour. */
export interface PathEdge {
  source: string;
  target: string;
  weight: number;
  hop: number;
}

export type Part = "report" | "relation" | "unit";

export interface ContextPiece extends Piece {
  part: Part;
  tokens: number;
}

export interface LocalResult {
  anchors: string[]; // entity ids named in the query, in query order
  noEntity: boolean; // true: no anchor, empty context (the page falls back to vector search)
  message: string; // "" unless noEntity
  reached: number; // entities within `hops` of an anchor (anchors included)
  path: PathEdge[]; // edges that brought in the chosen context, with the edges leading to them from an anchor
  units: number[]; // text unit ids in context, best first
  reports: number[]; // community ids whose reports (or a prefix) are in context
  relations: Array<{source: string; target: string}>; // relations whose sentences are in context
  context: ContextPiece[]; // reports, then relation sentences, then text units
  tokens: number; // Σ whitespace tokens of the context pieces (≤ budget)
  parts: Record<Part, {budget: number; tokens: number}>;
  answer: Answer;
}

export function checkLocalOptions(o: Required<Omit<LocalOptions, "level">>): void {
  if (o.hops !== 1 && o.hops !== 2) throw new InputError(`Hops must be 1 or 2, got ${o.hops}.`);
  checkBudget(o.budget, "The context budget");
  if (!(o.textUnitProp >= 0 && o.textUnitProp <= 1)) throw new InputError(`The text-unit share must be in [0, 1], got ${o.textUnitProp}.`);
  if (!(o.communityProp >= 0 && o.communityProp <= 1)) throw new InputError(`The community-report share must be in [0, 1], got ${o.communityProp}.`);
  if (o.textUnitProp + o.communityProp > 1 + 1e-9) throw new InputError(`The text-unit and community-report shares add up to ${o.textUnitProp + o.communityProp}; they must leave room for relations (sum ≤ 1).`);
  if (!(o.threshold >= 0 && o.threshold <= 1)) throw new InputError(`The abstention threshold must be in [0, 1], got ${o.threshold}.`);
}

/** Share of the query's idf mass (idf over the text units) whose terms the text contains, in [0, 1] (labs/rag/answer.ts's coverage). */
function coverage(idf: ReadonlyMap<string, number>, total: number, text: string): number {
  if (total === 0) return 0;
  const present = new Set(terms(text));
  let got = 0;
  for (const [t, v] of idf) if (present.has(t)) got += v;
  return got / total;
}

const edgeKey = (r: {source: string; target: string}) => `${r.source}\u0000${r.target}`;

/**
 * Local search for a query. Anchors = queryEntities (labs/graphrag/match.ts). Breadth-first from the anchors
 * up to `hops`: each reached entity keeps its hop and the heaviest edge that reached it first. Candidates:
 * the anchors' text units and the units and sentences of every relation leaving an entity nearer than `hops`
 * (hop of an edge = hop of its nearer end + 1). Budgets: reports ⌊budget·communityProp⌋ (communities of
 * `level` holding the most anchors, then the most reached entities; each report cut to the sentences that
 * fit), units ⌊budget·textUnitProp⌋ (BM25 of the query over all units, ties to the nearer hop, then id;
 * whole units), relations the rest (relation sentences by query coverage, then hop, then weight; sentences
 * already inside a chosen unit skipped). Answer: labs/rag extractAnswer over units, relations, reports.
 * InputError: empty / stop-word-only query, bad options. A query naming no entity returns noEntity.
 */
export function localSearch(index: GraphSearchIndex, query: string, options: LocalOptions = {}): LocalResult {
  const o = {...LOCAL_DEFAULTS, ...options};
  checkLocalOptions(o);
  const level = options.level ?? index.hierarchy.levels.length - 1;
  const levelIds = index.hierarchy.levels.length ? levelCommunities(index.hierarchy, level) : [];
  const qTerms = questionTerms(query);
  const N = index.unitIndex.live;
  const idf = new Map([...new Set(qTerms)].map((t) => [t, bm25Idf(N, index.unitIndex.df(t))]));
  let idfTotal = 0;
  for (const v of idf.values()) idfTotal += v;

  const partBudget = {report: Math.floor(o.budget * o.communityProp), unit: Math.floor(o.budget * o.textUnitProp), relation: 0};
  partBudget.relation = o.budget - partBudget.report - partBudget.unit;
  const anchors = queryEntities(index.lookup, query);
  const empty = (): LocalResult => ({
    anchors, noEntity: true, reached: 0,
    message: "No entity of the graph is named in the question, so local search has nowhere to start.",
    path: [], units: [], reports: [], relations: [], context: [], tokens: 0,
    parts: {report: {budget: partBudget.report, tokens: 0}, relation: {budget: partBudget.relation, tokens: 0}, unit: {budget: partBudget.unit, tokens: 0}},
    answer: {abstained: true, text: "", citation: null, coverage: 0}
  });
  if (anchors.length === 0) return empty();

  // breadth-first traversal: hop and parent edge of every reached entity
  const hop = new Map<string, number>(anchors.map((a) => [a, 0]));
  const parent = new Map<string, Relation>();
  let frontier = anchors;
  for (let h = 1; h <= o.hops; h++) {
    const next: string[] = [];
    for (const e of frontier) {
      for (const r of index.adjacency.get(e) ?? []) {
        const n = r.source === e ? r.target : r.source;
        if (!hop.has(n)) { hop.set(n, h); parent.set(n, r); next.push(n); }
        else if (hop.get(n) === h && r.weight > parent.get(n)!.weight) parent.set(n, r);
      }
    }
    frontier = next;
  }
  // candidate relations: leaving an entity nearer than `hops`, other end reached
  const edgeHop = new Map<string, {r: Relation; hop: number}>();
  for (const [e, h] of hop) {
    if (h >= o.hops) continue;
    for (const r of index.adjacency.get(e) ?? []) {
      const other = r.source === e ? r.target : r.source;
      if (!hop.has(other)) continue;
      const eh = Math.min(h, hop.get(other)!) + 1;
      const k = edgeKey(r);
      if (!edgeHop.has(k) || edgeHop.get(k)!.hop > eh) edgeHop.set(k, {r, hop: eh});
    }
  }
  // candidate units with the hop and the edge that brought them (null: an anchor's own unit)
  const unitFrom = new Map<number, {hop: number; edge: Relation | null}>();
  for (const a of anchors) for (const u of index.data.entities.find((e) => e.id === a)?.units ?? []) if (!unitFrom.has(u)) unitFrom.set(u, {hop: 0, edge: null});
  const edges = [...edgeHop.values()].sort((x, y) => x.hop - y.hop || y.r.weight - x.r.weight);
  for (const {r, hop: h} of edges) for (const u of r.units) if (!unitFrom.has(u)) unitFrom.set(u, {hop: h, edge: r});

  const reportPieces: ContextPiece[] = [];
  const used = {report: 0, relation: 0, unit: 0};
  const inContext = new Set<string>();
  const usedEdges: Relation[] = [];

  // community reports of the level, by anchors then reached entities inside
  const reportsUsed: number[] = [];
  const memberOf = index.hierarchy.levels[level]?.membership ?? {};
  const tally = new Map<number, {anchors: number; reached: number}>(levelIds.map((c) => [c, {anchors: 0, reached: 0}]));
  for (const [e, h] of hop) {
    const t = tally.get(memberOf[e]);
    if (!t) continue;
    t.reached++;
    if (h === 0) t.anchors++;
  }
  const rankedCommunities = [...tally].filter(([, t]) => t.reached > 0).sort((a, b) => b[1].anchors - a[1].anchors || b[1].reached - a[1].reached || a[0] - b[0]);
  for (const [c] of rankedCommunities) {
    const rep = index.reports[c];
    if (!rep) continue;
    let took = false;
    for (const s of rep.sentences) { // the report's prefix that fits
      const p = sentencePiece(index.corpus, s);
      const t = countTokens(p.text);
      if (used.report + t > partBudget.report) break;
      if (inContext.has(sentenceKey(s))) continue;
      inContext.add(sentenceKey(s));
      reportPieces.push({...p, part: "report", tokens: t});
      used.report += t;
      took = true;
    }
    if (took) reportsUsed.push(c);
    if (partBudget.report - used.report <= 0) break;
  }

  // text units by BM25, whole units
  const bm = index.unitIndex.score(qTerms, LUCENE_DEFAULTS);
  const rankedUnits = [...unitFrom].map(([u, f]) => ({u, ...f, score: bm.get(u) ?? 0})).sort((a, b) => b.score - a.score || a.hop - b.hop || a.u - b.u);
  const unitsUsed: number[] = [];
  const unitPieces: ContextPiece[] = [];
  for (const c of rankedUnits) {
    const unit = index.data.units[c.u];
    const t = countTokens(unit.text);
    if (used.unit + t > partBudget.unit) continue;
    unitPieces.push({...unitPiece(unit, c.score), part: "unit", tokens: t});
    unitsUsed.push(c.u);
    used.unit += t;
    if (c.edge) usedEdges.push(c.edge);
  }

  // relation sentences by query coverage, not already inside a chosen unit
  const candidates: Array<{r: Relation; hop: number; s: Relation["sentences"][number]; cov: number}> = [];
  for (const {r, hop: h} of edges) for (const s of r.sentences) candidates.push({r, hop: h, s, cov: -1});
  const relationPieces: ContextPiece[] = [];
  const relationsUsed = new Map<string, {source: string; target: string}>();
  const texts = candidates.map((c) => sentencePiece(index.corpus, c.s));
  candidates.forEach((c, i) => (c.cov = coverage(idf, idfTotal, `${texts[i].title} ${texts[i].text}`)));
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[b].cov - candidates[a].cov || candidates[a].hop - candidates[b].hop || candidates[b].r.weight - candidates[a].r.weight || a - b);
  for (const i of order) {
    const {r, s} = candidates[i];
    const k = sentenceKey(s);
    if (inContext.has(k) || inside(unitPieces, s)) continue;
    const t = countTokens(texts[i].text);
    if (used.relation + t > partBudget.relation) continue;
    inContext.add(k);
    relationPieces.push({...texts[i], score: candidates[i].cov, part: "relation", tokens: t});
    used.relation += t;
    relationsUsed.set(edgeKey(r), {source: r.source, target: r.target});
    usedEdges.push(r);
  }

  // the path: edges used, plus their parent chains back to an anchor
  const path = new Map<string, PathEdge>();
  const addEdge = (r: Relation) => {
    const k = edgeKey(r);
    if (path.has(k)) return;
    path.set(k, {source: r.source, target: r.target, weight: r.weight, hop: Math.min(hop.get(r.source)!, hop.get(r.target)!) + 1});
    const near = hop.get(r.source)! <= hop.get(r.target)! ? r.source : r.target; // the end that leads back to an anchor
    const p = parent.get(near);
    if (p && hop.get(near)! > 0) addEdge(p);
  };
  usedEdges.forEach(addEdge);

  const all = [...reportPieces, ...relationPieces, ...unitPieces];
  const answer = extractAnswer({bm25: index.unitIndex}, qTerms, [...unitPieces, ...relationPieces, ...reportPieces], o.threshold);
  return {
    anchors, noEntity: false, message: "", reached: hop.size,
    path: [...path.values()].sort((a, b) => a.hop - b.hop || b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1)),
    units: unitsUsed, reports: reportsUsed, relations: [...relationsUsed.values()], context: all,
    tokens: used.report + used.relation + used.unit,
    parts: {report: {budget: partBudget.report, tokens: used.report}, relation: {budget: partBudget.relation, tokens: used.relation}, unit: {budget: partBudget.unit, tokens: used.unit}},
    answer
  };
}
