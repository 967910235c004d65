// Context plumbing shared by the GraphRAG reports and searches: whitespace token counts (the budget's
// unit, as labs/rag/chunk.ts counts tokens), sentence text from a SentenceRef, BM25 statistics over the
// text units (labs/rag's analyzer and index, reused), and "pieces" of context shaped like labs/rag's
// Retrieved so labs/rag/answer.ts can extract an answer from them. No ranking policy lives here.
import {Bm25Index} from "../rag/bm25.js";
import {tokenSpans} from "../rag/chunk.js";
import {indexTerms, type Retrieved} from "../rag/rag-index.js";
import type {SpanRef} from "../rag/metrics.js";
import type {EntityGraphData, SentenceRef, TextUnit} from "./types.js";

/** Whitespace tokens of a text (labs/rag/chunk.ts's unit). */
export function countTokens(text: string): number {
  return tokenSpans(text).length;
}

/**
 * Each document's text rebuilt from the text units (units carry their character span; gaps between units
 * hold only whitespace, which becomes spaces). docId → text. Token counts of the rebuilt text equal the source's.
 */
export function docTexts(units: readonly TextUnit[]): Map<string, string> {
  const parts = new Map<string, TextUnit[]>();
  for (const u of units) {
    const list = parts.get(u.docId);
    if (list) list.push(u);
    else parts.set(u.docId, [u]);
  }
  const out = new Map<string, string>();
  for (const [docId, list] of parts) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    let text = "";
    for (const u of sorted) {
      if (u.end <= text.length) continue; // inside what is written already (overlap)
      if (u.start > text.length) text += " ".repeat(u.start - text.length);
      text += u.text.slice(text.length - u.start);
    }
    out.set(docId, text);
  }
  return out;
}

/** Document titles from the units: docId → title. */
export function docTitles(units: readonly TextUnit[]): Map<string, string> {
  return new Map(units.map((u) => [u.docId, u.title]));
}

/** A piece of context: a span of a document with its text, shaped like labs/rag's Retrieved (slot = −1 unless a unit). */
export type Piece = Retrieved;

/** The corpus's text looked up by SentenceRef, as pieces; built once per graph. */
export interface Corpus {
  texts: Map<string, string>;
  titles: Map<string, string>;
}

export function corpusOf(data: EntityGraphData): Corpus {
  return {texts: docTexts(data.units), titles: docTitles(data.units)};
}

/** The sentence's text; Error if its document has no unit (a graph whose sentences do not match its units). */
export function sentenceText(corpus: Corpus, s: SentenceRef): string {
  const t = corpus.texts.get(s.docId);
  if (t === undefined) throw new Error(`No text unit of document ${s.docId} holds sentence ${s.start}–${s.end}.`);
  return t.slice(s.start, s.end);
}

export function sentencePiece(corpus: Corpus, s: SentenceRef, score = 0): Piece {
  return {slot: -1, docId: s.docId, title: corpus.titles.get(s.docId) ?? s.docId, start: s.start, end: s.end, text: sentenceText(corpus, s), score, ranks: {}};
}

export function unitPiece(u: TextUnit, score = 0): Piece {
  return {slot: u.id, docId: u.docId, title: u.title, start: u.start, end: u.end, text: u.text, score, ranks: {}};
}

/** BM25 statistics over the text units (slot = unit id), with labs/rag's analyzer (title + text). */
export function unitBm25(units: readonly TextUnit[]): Bm25Index {
  const index = new Bm25Index();
  units.forEach((u, i) => {
    if (u.id !== i) throw new Error(`Text unit ${i} has id ${u.id}; ids must equal positions.`);
    index.add(indexTerms(u));
  });
  return index;
}

/** True when the span lies inside one of the context's spans (gold-passage recall's test). */
export function inside(context: readonly SpanRef[], s: SpanRef): boolean {
  return context.some((c) => c.docId === s.docId && c.start <= s.start && s.end <= c.end);
}

export const sentenceKey = (s: SentenceRef): string => `${s.docId}:${s.start}:${s.end}`;
