// Tokenisers for the Brown corpus (tagged `word/tag` text) and for the reader's own text, plus the
// coarse part-of-speech classes used by the POS-purity evaluation. Lowercases, keeps tokens with a
// letter or digit; no stemming, no phrase detection. Source: the Brown corpus manual's tag set.
import {InputError} from "../kit/params.js";

/** A tokenised corpus: one array of lowercase words per sentence. */
export type Sentences = string[][];

/** Brown tags per sentence, aligned with the words of `sentences`. */
export interface TaggedCorpus {
  sentences: Sentences;
  tags: string[][];
}

const WORDISH = /[\p{L}\p{N}]/u;

/** True when a token has at least one letter or digit (punctuation-only tokens are dropped). */
export function isWordToken(word: string): boolean {
  return WORDISH.test(word);
}

/**
 * Parses Brown-style tagged text: one sentence per non-empty line, tokens `word/tag` split at the
 * last `/`; words are lowercased and kept only if they contain a letter or digit.
 */
export function parseTagged(text: string): TaggedCorpus {
  const sentences: Sentences = [];
  const tags: string[][] = [];
  for (const line of text.split("\n")) {
    const words: string[] = [];
    const lineTags: string[] = [];
    for (const token of line.split(/\s+/)) {
      if (token === "") continue;
      const slash = token.lastIndexOf("/");
      if (slash <= 0) continue; // not a word/tag token
      const word = token.slice(0, slash).toLowerCase();
      if (!isWordToken(word)) continue;
      words.push(word);
      lineTags.push(token.slice(slash + 1).toLowerCase());
    }
    if (words.length > 0) {
      sentences.push(words);
      tags.push(lineTags);
    }
  }
  return {sentences, tags};
}

/** Largest text the page accepts from the reader (characters). */
export const MAX_TEXT_CHARS = 5_000_000;

/**
 * Tokenises plain text the same way as the Brown words: one sentence per non-empty line,
 * whitespace-separated tokens, lowercased, kept if they contain a letter or digit. The text is first
 * normalised to Unicode NFC (composed form), so "café" typed with a precomposed é (U+00E9) and with
 * e + a combining acute accent (U+0065 U+0301) become one word, as they read. Source: Unicode UAX #15.
 * Throws an InputError for empty or too large text.
 */
export function tokenizeText(text: string, maxChars = MAX_TEXT_CHARS): Sentences {
  if (text.length > maxChars) {
    throw new InputError(`The text has ${text.length.toLocaleString("en-US")} characters; this page accepts at most ${maxChars.toLocaleString("en-US")} (about 5 MB). Use a shorter excerpt.`);
  }
  const sentences: Sentences = [];
  for (const line of text.normalize("NFC").split(/\r?\n/)) {
    const words = line
      .split(/\s+/)
      .map((t) => t.toLowerCase())
      .filter((t) => t !== "" && isWordToken(t));
    if (words.length > 0) sentences.push(words);
  }
  if (sentences.length === 0) throw new InputError("The text is empty: it has no word with a letter or digit.");
  return sentences;
}

export const POS_CLASSES = ["NOUN", "VERB", "ADJ", "ADV", "OTHER"] as const;
export type Pos = (typeof POS_CLASSES)[number];

/**
 * Coarse POS of a Brown tag: `fw-*` -> OTHER; else take the part before the first `+`, then before
 * the first `-`, and match its prefix: nn, np, nr -> NOUN; vb, be, hv, do, md -> VERB; jj -> ADJ;
 * rb, rn, ql, wrb -> ADV; everything else OTHER. (Prefixes, so nns, vbd, bedz, jjr, rbr count too.)
 */
export function coarsePos(tag: string): Pos {
  const t = tag.toLowerCase();
  if (t.startsWith("fw-")) return "OTHER";
  const base = t.split("+")[0].split("-")[0];
  if (/^(nn|np|nr)/.test(base)) return "NOUN";
  if (/^(vb|be|hv|do|md)/.test(base)) return "VERB";
  if (/^jj/.test(base)) return "ADJ";
  if (/^(rb|rn|ql|wrb)/.test(base)) return "ADV";
  return "OTHER";
}

/**
 * Majority coarse POS per word over the tagged corpus; ties broken NOUN > VERB > ADJ > ADV > OTHER.
 * Returns the class index into POS_CLASSES for each word.
 */
export function majorityPos(corpus: TaggedCorpus): Map<string, number> {
  const counts = new Map<string, Int32Array>();
  corpus.sentences.forEach((words, s) => {
    const tags = corpus.tags[s];
    for (let i = 0; i < words.length; i++) {
      let c = counts.get(words[i]);
      if (!c) counts.set(words[i], (c = new Int32Array(POS_CLASSES.length)));
      c[POS_CLASSES.indexOf(coarsePos(tags[i]))]++;
    }
  });
  const result = new Map<string, number>();
  for (const [word, c] of counts) {
    let best = 0;
    for (let k = 1; k < c.length; k++) if (c[k] > c[best]) best = k; // strict >: earlier class wins ties
    result.set(word, best);
  }
  return result;
}
