import {describe, expect, it} from "vitest";
import {extractAnswer} from "../../labs/rag/answer.js";
import {chunkDocs, fixedChunks, recursiveChunks} from "../../labs/rag/chunk.js";
import type {Doc} from "../../labs/rag/corpus.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {firstPrincipalComponent, poolWords, SIF_A, type WordVectors} from "../../labs/rag/embed.js";
import {minMax, reciprocalRankFusion, weightedFusion} from "../../labs/rag/fusion.js";
import {exactMatch, ndcgAt, normalizeAnswer, recallAt, reciprocalRank, tokenF1} from "../../labs/rag/metrics.js";
import {addDocument, buildIndex, deleteDocument, replaceDocument, retrieve} from "../../labs/rag/rag-index.js";
import {InputError} from "../../labs/kit/params.js";
import {mulberry32} from "../../labs/kit/random.js";
import {queryTerms, sentenceSpans, words} from "../../labs/rag/text.js";

const docs = readSotu().slice(0, 6);
const doc: Doc = {id: "t", title: "t", year: 2000, text: "One two three. Four five six seven!  Eight nine ten? Eleven twelve."};

/** Random 16-d vectors for every word of the documents (retrieval mechanics, not quality). */
function toyVectors(ds: readonly Doc[]): WordVectors {
  const counts = new Map<string, number>();
  let total = 0;
  for (const d of ds) for (const w of words(d.text)) { counts.set(w, (counts.get(w) ?? 0) + 1); total++; }
  const list = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const r = mulberry32(7);
  return {words: list.map((x) => x[0]), counts: list.map((x) => x[1]), total, dim: 16, vectors: Float32Array.from({length: list.length * 16}, () => r() - 0.5)};
}

describe("chunking", () => {
  it("fixedChunks(doc, 4, 1) starts a window every 3 tokens and keeps exact character spans", () => {
    const c = fixedChunks(doc, 4, 1);
    expect(c.map((x) => x.text)).toEqual(["One two three. Four", "Four five six seven!", "seven!  Eight nine ten?", "ten? Eleven twelve."]);
    for (const x of c) expect(doc.text.slice(x.start, x.end)).toBe(x.text);
  });

  it("recursiveChunks(doc, 7, 3) packs whole sentences and carries the last sentence that fits the overlap", () => {
    const c = recursiveChunks(doc, 7, 3);
    expect(c.map((x) => x.text)).toEqual(["One two three. Four five six seven!", "Eight nine ten? Eleven twelve."]);
    const o = recursiveChunks(doc, 7, 4);
    expect(o[1].text.startsWith("Four five six seven!")).toBe(true);
  });

  it("chunkDocs(...) covers every token of every document (fixed and recursive)", () => {
    for (const method of ["fixed", "recursive"] as const) {
      const chunks = chunkDocs(docs, {method, size: 50, overlap: 10});
      for (const d of docs) {
        const covered = new Uint8Array(d.text.length);
        for (const c of chunks.filter((x) => x.docId === d.id)) covered.fill(1, c.start, c.end);
        let uncovered = 0;
        for (let i = 0; i < d.text.length; i++) if (covered[i] === 0 && d.text.charCodeAt(i) > 32) uncovered++;
        expect(uncovered).toBe(0);
      }
    }
  });

  it("chunk size below the overlap throws an InputError", () => {
    expect(() => fixedChunks(doc, 5, 5)).toThrow(InputError);
    expect(() => recursiveChunks(doc, 3, 10)).toThrow(/smaller than the chunk size/);
  });

  it("sentenceSpans(...) keeps abbreviations and initials inside a sentence", () => {
    const t = "Mr. Speaker, the U.S. economy grew. General Dwight D. Eisenhower spoke.";
    expect(sentenceSpans(t).map((s) => t.slice(s.start, s.end))).toEqual(["Mr. Speaker, the U.S. economy grew.", "General Dwight D. Eisenhower spoke."]);
  });
});

describe("fusion", () => {
  it("reciprocalRankFusion(...) with k 60: an item ranked 1st and 3rd scores 1/61 + 1/63", () => {
    const f = reciprocalRankFusion([[{id: 7, score: 9}, {id: 1, score: 5}, {id: 2, score: 1}], [{id: 3, score: 1}, {id: 4, score: 0.5}, {id: 7, score: 0.1}]]);
    expect(f[0].id).toBe(7);
    expect(f[0].score).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(f.find((x) => x.id === 4)!.score).toBeCloseTo(1 / 62, 12);
  });

  it("weightedFusion(a, b, 0.5) adds min-max-scaled scores; w = 1 keeps a's order", () => {
    const a = [{id: 1, score: 10}, {id: 2, score: 5}, {id: 3, score: 0}], b = [{id: 3, score: 1}, {id: 2, score: 0.9}, {id: 1, score: 0.1}];
    expect(minMax(a).get(2)).toBeCloseTo(0.5, 12);
    const f = weightedFusion(a, b, 0.5);
    expect(f.find((x) => x.id === 2)!.score).toBeCloseTo(0.5 * 0.5 + 0.5 * (0.8 / 0.9), 12);
    expect(weightedFusion(a, b, 1).map((x) => x.id)).toEqual([1, 2, 3]);
  });
});

describe("metrics", () => {
  const target = [{docId: "a", start: 10, end: 15}, {docId: "b", start: 0, end: 4}];
  const ranked = [{docId: "a", start: 0, end: 9}, {docId: "b", start: 0, end: 20}, {docId: "a", start: 5, end: 30}];

  it("recallAt / reciprocalRank / ndcgAt on a hand-made ranking", () => {
    expect(recallAt(ranked, target, 1)).toBe(0);
    expect(recallAt(ranked, target, 2)).toBe(0.5);
    expect(recallAt(ranked, target, 3)).toBe(1);
    expect(reciprocalRank(ranked, target)).toBe(0.5);
    expect(ndcgAt(ranked, target, 10)).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)), 12);
  });

  it("normalizeAnswer / exactMatch / tokenF1 follow SQuAD's evaluate-v1.1.py", () => {
    expect(normalizeAnswer("The  Berlin Wall!")).toBe("berlin wall");
    expect(exactMatch("the Berlin wall.", "Berlin Wall")).toBe(1);
    expect(tokenF1("the Berlin Wall fell", "Berlin Wall")).toBeCloseTo((2 * (2 / 3) * 1) / (2 / 3 + 1), 12);
    expect(tokenF1("nothing here", "Berlin Wall")).toBe(0);
  });
});

describe("embeddings", () => {
  it("poolWords(..., 'sif') weights a/(a + p(w)) and averages over used words; 'mean' is the plain mean", () => {
    const wv: WordVectors = {words: ["x", "y"], counts: [3, 1], total: 1000, dim: 2, vectors: Float32Array.of(1, 0, 0, 1)};
    const idx = new Map([["x", 0], ["y", 1]]);
    const out = new Float32Array(2);
    expect(poolWords(wv, idx, ["x", "y", "zzz"], "sif", out)).toBe(2);
    expect(out[0]).toBeCloseTo(SIF_A / (SIF_A + 0.003) / 2, 6);
    expect(out[1]).toBeCloseTo(SIF_A / (SIF_A + 0.001) / 2, 6);
    poolWords(wv, idx, ["x", "x", "y"], "mean", out);
    expect(Array.from(out)).toEqual([Math.fround(2 / 3), Math.fround(1 / 3)]);
  });

  it("firstPrincipalComponent(X) matches the closed-form top eigenvector of XᵀX (2 × 2)", () => {
    const X = Float32Array.of(3, 1, 2, 2, 1, 0, -1, 1);
    // XᵀX = [[15, 6], [6, 6]]; top eigenvalue λ = (21 + √(81 + 144))/2 = 18; eigenvector ∝ (6, 3)
    const u = firstPrincipalComponent(X, 4, 2);
    expect(Math.abs(u[0])).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(Math.abs(u[1])).toBeCloseTo(1 / Math.sqrt(5), 6);
  });
});

describe("index maintenance and retrieve(index, query, {method, k})", () => {
  const wv = toyVectors(docs);
  const fresh = () => buildIndex(docs, wv, {chunking: {method: "recursive", size: 80, overlap: 10}, pooling: "sif"});

  it("retrieve(...) returns k chunks with {docId, start, end, text, score}, text = the document's span", () => {
    const index = fresh();
    for (const method of ["bm25", "dense", "hybrid"] as const) {
      const r = retrieve(index, "Saddam invaded Kuwait", {method, k: 5});
      expect(r).toHaveLength(5);
      for (const c of r) expect(docs.find((d) => d.id === c.docId)!.text.slice(c.start, c.end)).toBe(c.text);
      for (let i = 1; i < r.length; i++) expect(r[i].score).toBeLessThanOrEqual(r[i - 1].score);
    }
    expect(retrieve(index, "Saddam invaded Kuwait", {method: "bm25", k: 1})[0].docId).toBe("1991");
  });

  it("deleteDocument(...): the document is never retrieved or cited again, by any method", () => {
    const index = fresh();
    const removed = deleteDocument(index, "1991");
    expect(removed).toBeGreaterThan(0);
    for (const method of ["bm25", "dense", "hybrid"] as const) {
      for (const q of ["Saddam invaded Kuwait", "Desert Storm coalition", "August 2d"]) {
        const r = retrieve(index, q, {method, k: 200});
        expect(r.every((c) => c.docId !== "1991")).toBe(true);
        const a = extractAnswer(index, queryTerms(q), r.slice(0, 5), 0);
        expect(a.citation?.docId).not.toBe("1991");
      }
    }
    expect(retrieve(index, "Saddam", {method: "dense", k: 5, ann: "ivf", nprobe: 100}).every((c) => c.docId !== "1991")).toBe(true);
  });

  it("delete then add gives the same BM25 scores as an index built without, then with, the document", () => {
    const index = fresh();
    deleteDocument(index, "1991");
    const without = buildIndex(docs.filter((d) => d.id !== "1991"), wv, index.config);
    const a = retrieve(index, "budget deficit reduction", {method: "bm25", k: 10}), b = retrieve(without, "budget deficit reduction", {method: "bm25", k: 10});
    expect(a.map((c) => [c.docId, c.start])).toEqual(b.map((c) => [c.docId, c.start]));
    a.forEach((c, i) => expect(c.score).toBeCloseTo(b[i].score, 9));
    addDocument(index, docs[1]);
    const again = retrieve(index, "budget deficit reduction", {method: "bm25", k: 10}), full = retrieve(fresh(), "budget deficit reduction", {method: "bm25", k: 10});
    expect(again.map((c) => [c.docId, c.start])).toEqual(full.map((c) => [c.docId, c.start]));
  });

  it("replaceDocument(...) serves the new text only; addDocument rejects a taken id", () => {
    const index = fresh();
    replaceDocument(index, {id: "1990", title: "1990 (edited)", year: 1990, text: "The zanzibar copra harvest doubled. Saddam was not mentioned here."});
    const r = retrieve(index, "zanzibar copra", {method: "bm25", k: 3});
    expect(r[0].docId).toBe("1990");
    expect(r[0].text).toContain("zanzibar");
    expect(retrieve(index, "Erich Honecker Berlin Wall", {method: "bm25", k: 50}).every((c) => c.docId !== "1990")).toBe(true);
    expect(() => addDocument(index, {id: "1992", title: "x", year: 1992, text: "x"})).toThrow(/already indexed/);
  });

  it("pasted text is handled as text: markup and odd characters are indexed as words, never interpreted", () => {
    const index = fresh();
    addDocument(index, {id: "pasted", title: "pasted", year: 0, text: "<img src=x onerror=alert(1)> quokka 🙂 \u0000 quokka"});
    const r = retrieve(index, "quokka", {method: "bm25", k: 1});
    expect(r[0].text).toContain("<img src=x onerror=alert(1)>");
  });

  it("bad input throws InputError: empty, 10,000-character and stop-word-only queries, k 0, empty documents", () => {
    const index = fresh();
    expect(() => retrieve(index, "", {method: "bm25", k: 5})).toThrow(InputError);
    expect(() => retrieve(index, "x".repeat(10_000), {method: "bm25", k: 5})).toThrow(/limit is 2,000/);
    expect(() => retrieve(index, "the of and to?", {method: "hybrid", k: 5})).toThrow(/stop words/);
    expect(() => retrieve(index, "budget", {method: "bm25", k: 0})).toThrow(InputError);
    expect(() => retrieve(index, "qwertyuiop", {method: "dense", k: 5})).toThrow(/vocabulary/);
    expect(() => addDocument(index, {id: "e", title: "e", year: 0, text: "   "})).toThrow(/empty/);
    expect(() => deleteDocument(index, "nope")).toThrow(InputError);
  });
});
