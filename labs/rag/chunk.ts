// Chunking: cut each document into passages that keep their document id, title, year and character
// span. Fixed-size windows of whitespace tokens with overlap, and recursive packing (paragraph →
// sentence → word, as LangChain's RecursiveCharacterTextSplitter does with characters) by token count.
import {InputError} from "../kit/params.js";
import type {Doc} from "./corpus.js";
import {type Span, sentenceSpans} from "./text.js";

export interface Chunk {
  docId: string;
  title: string;
  year: number;
  start: number; // character span in the document, [start, end)
  end: number;
  text: string; // doc.text.slice(start, end)
}

export type ChunkMethod = "fixed" | "recursive";

export interface ChunkConfig {
  method: ChunkMethod;
  size: number; // tokens (whitespace-separated) per chunk, at most
  overlap: number; // tokens shared with the previous chunk
}

export const DEFAULT_CHUNKING: ChunkConfig = {method: "recursive", size: 100, overlap: 20};

/** Throws InputError unless 1 <= size <= 2000 and 0 <= overlap < size (whole numbers). */
export function checkChunkConfig(c: ChunkConfig): void {
  if (c.method !== "fixed" && c.method !== "recursive") throw new InputError(`Chunking must be "fixed" or "recursive", got "${c.method}".`);
  if (!Number.isInteger(c.size) || c.size < 1 || c.size > 2000) throw new InputError(`Chunk size must be a whole number of tokens from 1 to 2,000, got ${c.size}.`);
  if (!Number.isInteger(c.overlap) || c.overlap < 0) throw new InputError(`Overlap must be a whole number of tokens ≥ 0, got ${c.overlap}.`);
  if (c.overlap >= c.size) throw new InputError(`The overlap (${c.overlap} tokens) must be smaller than the chunk size (${c.size}); otherwise the window never moves forward.`);
}

/** Whitespace tokens of `text[from, to)` as character spans. */
export function tokenSpans(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) out.push({start: m.index, end: Math.min(to, m.index + m[0].length)});
  return out;
}

const make = (doc: Doc, start: number, end: number): Chunk => ({docId: doc.id, title: doc.title, year: doc.year, start, end, text: doc.text.slice(start, end)});

/** Fixed-size chunks: windows of `size` tokens, each starting `size - overlap` tokens after the last. */
export function fixedChunks(doc: Doc, size: number, overlap: number): Chunk[] {
  checkChunkConfig({method: "fixed", size, overlap});
  const tokens = tokenSpans(doc.text);
  const out: Chunk[] = [];
  for (let i = 0; i < tokens.length; i += size - overlap) {
    const last = Math.min(tokens.length, i + size) - 1;
    out.push(make(doc, tokens[i].start, tokens[last].end));
    if (last === tokens.length - 1) break;
  }
  return out;
}

/** Units no longer than `size` tokens: paragraphs, else their sentences, else runs of words. */
function units(text: string, size: number): Array<Span & {tokens: number}> {
  const out: Array<Span & {tokens: number}> = [];
  const paragraphs: Span[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g; // blocks separated by blank lines
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].trim()) paragraphs.push({start: m.index, end: m.index + m[0].length});
  for (const p of paragraphs) {
    const pt = tokenSpans(text, p.start, p.end);
    if (pt.length <= size) {
      out.push({start: pt[0].start, end: pt[pt.length - 1].end, tokens: pt.length});
      continue;
    }
    for (const s of sentenceSpans(text.slice(p.start, p.end))) {
      const st = tokenSpans(text, p.start + s.start, p.start + s.end);
      for (let i = 0; i < st.length; i += size) {
        const last = Math.min(st.length, i + size) - 1;
        out.push({start: st[i].start, end: st[last].end, tokens: last - i + 1});
      }
    }
  }
  return out;
}

/**
 * Recursive chunks: whole units (paragraph, else sentence, else words) packed greedily up to `size`
 * tokens; the next chunk starts with the previous chunk's last units that fit in `overlap` tokens.
 */
export function recursiveChunks(doc: Doc, size: number, overlap: number): Chunk[] {
  checkChunkConfig({method: "recursive", size, overlap});
  const u = units(doc.text, size);
  const out: Chunk[] = [];
  let i = 0;
  while (i < u.length) {
    let j = i, tokens = 0;
    while (j < u.length && tokens + u[j].tokens <= size) tokens += u[j++].tokens;
    out.push(make(doc, u[i].start, u[j - 1].end));
    if (j >= u.length) break;
    // back off over whole units that fit in the overlap, but always move forward
    let k = j, carried = 0;
    while (k - 1 > i && carried + u[k - 1].tokens <= overlap) carried += u[--k].tokens;
    i = k;
  }
  return out;
}

/** Chunks of many documents with one config. */
export function chunkDocs(docs: readonly Doc[], config: ChunkConfig): Chunk[] {
  checkChunkConfig(config);
  return docs.flatMap((d) => (config.method === "fixed" ? fixedChunks(d, config.size, config.overlap) : recursiveChunks(d, config.size, config.overlap)));
}
