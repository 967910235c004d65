// Query → entity matching for local search: the query's n-grams of whitespace tokens, normalised by the
// extractor's rule (labs/graphrag/normalize.ts: possessives, titles, dots, aliases such as "U.S." →
// "united states"), looked up among the entities' ids, longest match first, no overlaps.
import {InputError} from "../kit/params.js";
import {queryTerms, STOP_WORDS, words} from "../rag/text.js";
import {normalize} from "./normalize.js";
import type {EntityGraphData} from "./types.js";

/** Question words never taken for an entity on their own (an extractor may keep "What" from a sentence start). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set("what who whom whose which when where why how".split(" "));

/**
 * Words that frame a question about this corpus rather than name its subject ("What did the addresses say
 * about …"): left out of the terms that score reports and answers, or every report mentioning "said" matches.
 */
export const QUESTION_FRAME: ReadonlySet<string> = new Set([...QUESTION_WORDS, "about", "did", "do", "does", "say", "said", "says", "address", "addresses", "tell", "told", "mention", "mentioned"]);

/** The query's terms (labs/rag's analyzer) minus QUESTION_FRAME; InputError when nothing else is left. */
export function questionTerms(query: string): string[] {
  const t = queryTerms(query).filter((w) => !QUESTION_FRAME.has(w));
  if (t.length === 0) throw new InputError("The question has only question words (what, did, say, about, …): name what it is about.");
  return t;
}

/** Longest entity name looked for, in words. */
export const MAX_NGRAM = 6;

/** Key of a written name, as the extractor keys its entities ("" for no entity, e.g. a title alone). */
export function matchKey(surface: string): string {
  return normalize(surface);
}

/** Lookup table from key (the entity id, and its display name's key) to entity id; built once per graph. */
export function entityLookup(data: EntityGraphData): Map<string, string> {
  const table = new Map<string, string>();
  for (const e of data.entities) {
    for (const k of [e.id, matchKey(e.name)]) if (k && !table.has(k)) table.set(k, e.id);
  }
  return table;
}

/**
 * Entities named in the query: scanning left to right, the longest n-gram (≤ MAX_NGRAM words) whose key
 * is an entity's wins and the scan resumes after it; n-grams made only of stop words and question words
 * (what, who, …) never match. Entity ids in query order, unique; [] when none.
 */
export function queryEntities(lookup: ReadonlyMap<string, string>, query: string): string[] {
  const w = query.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < w.length; ) {
    let found = 0;
    for (let n = Math.min(MAX_NGRAM, w.length - i); n >= 1 && !found; n--) {
      const gram = w.slice(i, i + n).join(" ");
      if (words(gram).every((x) => STOP_WORDS.has(x) || QUESTION_WORDS.has(x))) continue;
      const key = matchKey(gram);
      const id = key ? lookup.get(key) : undefined;
      if (id !== undefined) {
        if (!out.includes(id)) out.push(id);
        found = n;
      }
    }
    i += found || 1;
  }
  return out;
}
