// Node only (data loaders, benches): the corpus, the questions and the word vectors trained on the
// corpus (50 epochs, seed 42, ~20–30 s), memoised in the OS temp directory so the page's loaders train once.
import {createHash} from "node:crypto";
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {base64ToFloats, floatsToBase64} from "../kit/base64.js";
import type {Doc} from "./corpus.js";
import {readSotu} from "./corpus-files.js";
import {RAG_W2V, trainWordVectors, type WordVectors} from "./embed.js";
import type {Question} from "./questions.js";

export const VECTOR_SEED = 42;

export function readQuestions(): Question[] {
  return JSON.parse(readFileSync("data/rag/questions.json", "utf8"));
}

/** Word vectors as JSON-safe data (vectors in base64), the format the page's workers fetch. */
export interface PackedVectors extends Omit<WordVectors, "vectors"> {
  vectors: string;
}

export const packVectors = (wv: WordVectors): PackedVectors => ({...wv, vectors: floatsToBase64(wv.vectors)});
export const unpackVectors = (p: PackedVectors): WordVectors => ({...p, vectors: base64ToFloats(p.vectors)});

/** The corpus's word vectors (trained once per machine and config; then read from the cache). */
export function corpusVectors(docs: readonly Doc[] = readSotu()): WordVectors {
  // keyed by the config, the corpus and the word2vec lab's code, so a changed kernel retrains
  const hash = createHash("sha256");
  for (const f of ["kernel.ts", "sampling.ts", "vocab.ts"]) hash.update(readFileSync(new URL(`../word2vec/${f}`, import.meta.url)));
  hash.update(JSON.stringify([VECTOR_SEED, RAG_W2V, docs.map((d) => [d.id, d.text.length])]));
  const key = `llm-lab-rag-w2v-${hash.digest("hex").slice(0, 16)}.json`;
  const file = join(tmpdir(), key);
  if (existsSync(file)) return unpackVectors(JSON.parse(readFileSync(file, "utf8")));
  const wv = trainWordVectors(docs, VECTOR_SEED);
  writeFileSync(file, JSON.stringify(packVectors(wv)));
  return wv;
}
