// Extractive community reports, built bottom-up (Edge et al. 2024, arXiv:2404.16130, §3.1.5): a
// community's elements are its most central entities (weighted degree inside the community), each with
// its best sentence; a parent whose elements overflow the budget is written from its sub-communities'
// reports instead. No LLM: every report is copied sentences, so it can be checked against the source.
import {InputError} from "../kit/params.js";
import {type Corpus, corpusOf, countTokens, type Piece, sentenceKey, sentencePiece, sentenceText} from "./context.js";
import type {CommunityReport, EntityGraphData, Hierarchy, SentenceRef} from "./types.js";

export const DEFAULT_REPORT_BUDGET = 300; // tokens per report

export interface ReportOptions {
  budget?: number; // whitespace tokens per report, default 300
}

/** One sentence of a report and the entity it was chosen for. */
interface Item {
  entity: string;
  sentence: SentenceRef;
  tokens: number;
}

export function checkBudget(budget: number, what = "The token budget"): void {
  if (!Number.isInteger(budget) || budget < 1 || budget > 100_000) throw new InputError(`${what} must be a whole number of tokens from 1 to 100,000, got ${budget}.`);
}

/** The community ids that make up level `level` (its membership's values), ascending. InputError for a level the hierarchy lacks. */
export function levelCommunities(h: Hierarchy, level: number): number[] {
  const p = h.levels[level];
  if (!Number.isInteger(level) || !p) throw new InputError(`Level C${level} does not exist; this hierarchy has levels C0–C${h.levels.length - 1}.`);
  return [...new Set(Object.values(p.membership))].sort((a, b) => a - b);
}

/**
 * Members ordered by weighted degree inside the community (sum of the weights of relations whose both ends
 * are members), ties by mentions (more first) then id; with each member's best sentence: the one of its
 * sentences that mentions the most other members (counted through the relations' sentences), ties to the
 * earliest, never a sentence already chosen for a more central member. (entities in community) → elements.
 */
export function communityElements(data: EntityGraphData, members: readonly string[], corpus: Corpus = corpusOf(data)): Item[] {
  const inside = new Set(members);
  const degree = new Map<string, number>(members.map((m) => [m, 0]));
  const shared = new Map<string, Map<string, number>>(); // entity → sentence key → other members it mentions
  for (const r of data.relations) {
    if (!inside.has(r.source) || !inside.has(r.target)) continue;
    degree.set(r.source, degree.get(r.source)! + r.weight);
    degree.set(r.target, degree.get(r.target)! + r.weight);
    for (const e of [r.source, r.target]) {
      let m = shared.get(e);
      if (!m) shared.set(e, (m = new Map()));
      for (const s of r.sentences) m.set(sentenceKey(s), (m.get(sentenceKey(s)) ?? 0) + 1);
    }
  }
  const byId = new Map(data.entities.map((e) => [e.id, e]));
  const ordered = members.filter((m) => byId.has(m)).sort((a, b) => degree.get(b)! - degree.get(a)! || byId.get(b)!.mentions - byId.get(a)!.mentions || (a < b ? -1 : a > b ? 1 : 0));
  const used = new Set<string>();
  const items: Item[] = [];
  for (const id of ordered) {
    const counts = shared.get(id);
    let best: SentenceRef | null = null, bestCount = -1;
    for (const s of byId.get(id)!.sentences) {
      const k = sentenceKey(s);
      if (used.has(k)) continue;
      const c = counts?.get(k) ?? 0;
      if (c > bestCount) { best = s; bestCount = c; }
    }
    if (!best) continue;
    used.add(sentenceKey(best));
    items.push({entity: id, sentence: best, tokens: countTokens(sentenceText(corpus, best))});
  }
  return items;
}

/** Items in order while they fit: an item that would overflow is skipped and later shorter ones may still fit. */
function fill(items: readonly Item[], budget: number): Item[] {
  const out: Item[] = [];
  const seen = new Set<string>();
  let used = 0;
  for (const it of items) {
    const k = sentenceKey(it.sentence);
    if (seen.has(k) || used + it.tokens > budget) continue;
    seen.add(k);
    out.push(it);
    used += it.tokens;
  }
  return out;
}

/** Children's items interleaved: each child's first sentence (largest child first), then each one's second, … */
function roundRobin(lists: readonly Item[][]): Item[] {
  const out: Item[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

/**
 * Reports of every community of the hierarchy, indexed like h.communities (report i is community i).
 * Deepest level first: a community whose elements fit the budget (or a leaf) is written from its
 * elements (most central first, skipping what does not fit); a parent whose elements overflow is
 * written from its children's reports (largest child first, interleaved sentence by sentence, cut to the
 * budget) and marked fromChildren — the paper's substitution of sub-community summaries. Deterministic.
 * InputError for a budget outside 1..100,000 tokens.
 */
export function communityReports(data: EntityGraphData, h: Hierarchy, options: ReportOptions = {}): CommunityReport[] {
  const budget = options.budget ?? DEFAULT_REPORT_BUDGET;
  checkBudget(budget, "The report budget");
  const corpus = corpusOf(data);
  const names = new Map(data.entities.map((e) => [e.id, e.name]));
  const items = new Map<number, Item[]>();
  const reports: CommunityReport[] = new Array(h.communities.length);
  const order = [...h.communities].sort((a, b) => b.level - a.level || a.id - b.id);
  for (const c of order) {
    const elements = communityElements(data, c.entities, corpus);
    const total = elements.reduce((s, it) => s + it.tokens, 0);
    const substitute = c.children.length > 0 && total > budget;
    let chosen: Item[];
    if (substitute) {
      const kids = [...c.children].sort((a, b) => h.communities[b].entities.length - h.communities[a].entities.length || a - b);
      chosen = fill(roundRobin(kids.map((k) => items.get(k) ?? [])), budget);
    } else chosen = fill(elements, budget);
    items.set(c.id, chosen);
    const entities = [...new Set(chosen.map((it) => it.entity))];
    const text = chosen.map((it) => sentenceText(corpus, it.sentence)).join(" ");
    reports[c.id] = {
      community: c.id,
      title: entities.slice(0, 3).map((e) => names.get(e) ?? e).join(", "),
      entities,
      sentences: chosen.map((it) => it.sentence),
      text,
      tokens: countTokens(text),
      fromChildren: substitute
    };
  }
  return reports;
}

/** A report's sentences as context pieces, in the order written. */
export function reportPieces(report: CommunityReport, corpus: Corpus, score = 0): Piece[] {
  return report.sentences.map((s) => sentencePiece(corpus, s, score));
}
