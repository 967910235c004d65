// Query → entity matching for local search: the query's word n-grams looked up among the entities'
// normalised names, longest match first, no overlaps. A stand-in keyed by a small local normaliser
// (lowercase words, possessive 's dropped, a leading "the" dropped); `matchKey` is the one place to
// switch to labs/graphrag/normalize.ts so queries and entities are normalised by the same rule.
import {STOP_WORDS, words} from "../rag/text.js";
import type {EntityGraphData} from "./types.js";

/** Question words never taken for an entity on their own (an extractor may keep "What" from a sentence start). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set("what who whom whose which when where why how".split(" "));

/** Longest entity name looked for, in words. */
export const MAX_NGRAM = 6;

/** Normalised key of a surface form: lowercased words, possessive 's dropped, leading "the" dropped. */
export function matchKey(surface: string): string {
  const w = words(surface.replace(/['’]s\b/g, ""));
  if (w[0] === "the" && w.length > 1) w.shift();
  return w.join(" ");
}

/** Lookup table from normalised name (the entity id and its display name) to entity id; built once per graph. */
export function entityLookup(data: EntityGraphData): Map<string, string> {
  const table = new Map<string, string>();
  for (const e of data.entities) {
    for (const k of [matchKey(e.id), matchKey(e.name)]) if (k && !table.has(k)) table.set(k, e.id);
  }
  return table;
}

/**
 * Entities named in the query: scanning left to right, the longest n-gram (≤ MAX_NGRAM words) whose key
 * is an entity's wins and the scan resumes after it; n-grams made only of stop words and question words
 * (what, who, …) never match. Entity ids in query order, unique; [] when none.
 */
export function queryEntities(lookup: ReadonlyMap<string, string>, query: string): string[] {
  const w = words(query.replace(/['’]s\b/g, ""));
  const out: string[] = [];
  for (let i = 0; i < w.length; ) {
    let found = 0;
    for (let n = Math.min(MAX_NGRAM, w.length - i); n >= 1 && !found; n--) {
      const gram = w.slice(i, i + n);
      if (gram.every((x) => STOP_WORDS.has(x) || QUESTION_WORDS.has(x))) continue;
      const id = lookup.get(matchKey(gram.join(" ")));
      if (id !== undefined) {
        if (!out.includes(id)) out.push(id);
        found = n;
      }
    }
    i += found || 1;
  }
  return out;
}
