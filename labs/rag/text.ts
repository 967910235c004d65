// Text plumbing shared by every retriever: BM25 terms (lowercased letter/digit runs, minus a short
// stop list) and sentence spans (character offsets) for chunking, gold passages and extractive answers.
// No stemming; a short abbreviation list (Mr., Dr., U.S.). Stop list: Lucene's EnglishAnalyzer set.
import {InputError} from "../kit/params.js";

/** Lucene's ENGLISH_STOP_WORDS_SET (33 words), used by BM25's analyzer and by the dense query check. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(" ")
);

/** Longest query the API accepts, in characters. */
export const MAX_QUERY_CHARS = 2000;

/** Lowercased runs of letters and digits, in order (stop words kept). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The analyzer: words() minus STOP_WORDS. */
export function terms(text: string): string[] {
  return words(text).filter((w) => !STOP_WORDS.has(w));
}

/**
 * Checks a reader's query and returns its terms. Errors (InputError): empty, longer than
 * MAX_QUERY_CHARS, or only stop words / punctuation.
 */
export function queryTerms(query: string): string[] {
  if (typeof query !== "string" || query.trim() === "") throw new InputError("The query is empty: type a question.");
  if (query.length > MAX_QUERY_CHARS) throw new InputError(`The query has ${query.length.toLocaleString("en-US")} characters; the limit is ${MAX_QUERY_CHARS.toLocaleString("en-US")}. Shorten it to the question itself.`);
  const t = terms(query);
  if (t.length === 0) throw new InputError("The query has only stop words or punctuation (like “the”, “of”, “?”), which every passage contains or none does; add a content word.");
  return t;
}

export interface Span {
  start: number; // character offset, inclusive
  end: number; // character offset, exclusive
}

/**
 * Sentence spans of a text: a sentence ends at . ! or ? (plus closing quotes/brackets) followed by
 * whitespace, or directly by a capital after a lowercase letter (the corpus has "free.In"), unless the
 * period follows an abbreviation or an initial ("Mr.", "U.S.", "Dwight D."). Leading
 * whitespace is not part of a sentence. Spans cover every non-space character.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c !== "." && c !== "!" && c !== "?") continue;
    let j = i + 1;
    while (j < text.length && /["'”’)\]]/.test(text[j])) j++;
    const next = text[j];
    const endsHere = j >= text.length || /\s/.test(next) || (/[A-Z]/.test(next) && /[a-z]/.test(text[i - 1] ?? ""));
    if (!endsHere || (c === "." && isAbbreviation(text, i))) continue;
    if (j > start) spans.push({start, end: j});
    start = skipSpace(text, j);
    i = start - 1;
  }
  if (start < text.length) {
    let end = text.length;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) spans.push({start, end});
  }
  return spans;
}

const ABBREVIATIONS = new Set(["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Jr", "Sr", "Lt", "Col", "Sgt", "No", "vs"]);

/** A period after a known abbreviation or a single capital (initials, "U.S.") does not end a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let k = dot;
  while (k > 0 && /[A-Za-z]/.test(text[k - 1])) k--;
  const word = text.slice(k, dot);
  return ABBREVIATIONS.has(word) || /^[A-Z]$/.test(word);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
