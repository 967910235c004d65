// What the page's workers fetch (URLs of the build-time data files) and how they decode it.
import {base64ToFloats} from "../kit/base64.js";
import type {Doc} from "./corpus.js";
import type {EvalData} from "./evaluate.js";
import type {Question} from "./questions.js";

export interface DataUrls {
  corpus: string; // rag-corpus.json: Doc[]
  vectors: string; // rag-vectors.json: word vectors, base64 floats
  questions: string; // rag-questions.json: Question[]
}

async function json<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`Could not load ${url} (HTTP ${r.status}).`);
  return r.json() as Promise<T>;
}

/** Fetches and decodes the corpus, the word vectors and the questions. */
export async function loadData(urls: DataUrls): Promise<EvalData> {
  const [docs, packed, questions] = await Promise.all([json<Doc[]>(urls.corpus), json<{words: string[]; counts: number[]; total: number; dim: number; vectors: string}>(urls.vectors), json<Question[]>(urls.questions)]);
  return {docs, questions, wv: {...packed, vectors: base64ToFloats(packed.vectors)}};
}
