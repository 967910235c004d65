import MiniSearch from "minisearch";
import {describe, expect, it} from "vitest";
import {Bm25Index, bm25Idf, bm25Term, LUCENE_DEFAULTS} from "../../labs/rag/bm25.js";
import {readSotu} from "../../labs/rag/corpus-files.js";
import {chunkDocs} from "../../labs/rag/chunk.js";
import {terms} from "../../labs/rag/text.js";

const toy = ["the cat sat on the mat", "the dog sat on the log", "cats and dogs"].map((d) => d.split(" "));

describe("BM25 (Lucene idf, with the (k1 + 1) factor)", () => {
  it("score(['cat','mat'], k1 1.2, b 0.75) on the toy corpus = 1.813298 for the first document, 0 for the others", () => {
    const index = new Bm25Index();
    toy.forEach((d) => index.add(d));
    const s = index.score(["cat", "mat"], LUCENE_DEFAULTS);
    expect(s.get(0)).toBeCloseTo(1.813298, 6);
    expect(s.get(1) ?? 0).toBe(0);
    expect(s.get(2) ?? 0).toBe(0);
  });

  it("bm25Idf(N, n) = ln(1 + (N − n + 0.5)/(n + 0.5)) by hand: N 3, n 1 → ln(1 + 2.5/1.5) = ln(8/3)", () => {
    expect(bm25Idf(3, 1)).toBeCloseTo(Math.log(8 / 3), 12);
    expect(bm25Idf(10, 10)).toBeGreaterThan(0); // never negative, unlike the classic RSJ idf
  });

  it("bm25Term(tf, ...) saturates at idf·(k1 + 1) as tf grows, and b = 0 ignores the length", () => {
    expect(bm25Term(1e9, 2, 10, 10, {k1: 1.2, b: 0.75})).toBeCloseTo(2 * 2.2, 6);
    expect(bm25Term(3, 1, 100, 10, {k1: 1.2, b: 0})).toBeCloseTo(bm25Term(3, 1, 1, 10, {k1: 1.2, b: 0}), 12);
  });

  it("remove(slot) gives the same scores as an index built without that document", () => {
    const a = new Bm25Index();
    toy.forEach((d) => a.add(d));
    a.remove(1, toy[1]);
    const b = new Bm25Index();
    b.add(toy[0]);
    b.add(toy[2]);
    const sa = a.score(["cat", "sat", "dogs"], LUCENE_DEFAULTS), sb = b.score(["cat", "sat", "dogs"], LUCENE_DEFAULTS);
    expect(sa.get(0)).toBeCloseTo(sb.get(0)!, 12);
    expect(sa.get(2)).toBeCloseTo(sb.get(1)!, 12);
    expect(sa.has(1)).toBe(false);
  });

  it("explain(...) contributions add up to the score", () => {
    const index = new Bm25Index();
    toy.forEach((d) => index.add(d));
    const parts = index.explain(["cat", "mat", "dog"], 0, LUCENE_DEFAULTS);
    expect(parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(index.score(["cat", "mat", "dog"], LUCENE_DEFAULTS).get(0)!, 12);
  });
});

describe("BM25 against MiniSearch 7.2 on the State of the Union chunks", () => {
  const chunks = chunkDocs(readSotu().slice(0, 8), {method: "recursive", size: 100, overlap: 20});
  const chunkTerms = chunks.map((c) => terms(c.text));
  const queries = ["health insurance for children", "Saddam invaded Kuwait", "balanced budget deficit", "education standards teachers"];

  it("bm25Idf/bm25Term with MiniSearch's definitions (δ = 0, length = distinct terms) × matched terms = MiniSearch's scores", () => {
    const ms = new MiniSearch<{id: number; text: string}>({fields: ["text"], tokenize: (t) => terms(t), processTerm: (t) => t, searchOptions: {bm25: {k: 1.2, b: 0.75, d: 0}}});
    ms.addAll(chunks.map((c, id) => ({id, text: c.text})));
    const distinct = chunkTerms.map((t) => new Set(t).size);
    const avg = distinct.reduce((s, x) => s + x, 0) / distinct.length;
    for (const q of queries) {
      const qt = [...new Set(terms(q))];
      const got = ms.search(q, {bm25: {k: 1.2, b: 0.75, d: 0}});
      expect(got.length).toBeGreaterThan(5);
      for (const r of got.slice(0, 20)) {
        const t = chunkTerms[r.id];
        let mine = 0, matched = 0;
        for (const term of qt) {
          const tf = t.filter((x) => x === term).length;
          if (!tf) continue;
          matched++;
          mine += bm25Term(tf, bm25Idf(chunks.length, chunkTerms.filter((c) => c.includes(term)).length), distinct[r.id], avg, {k1: 1.2, b: 0.75});
        }
        expect(r.score).toBeCloseTo(mine * matched, 6);
      }
    }
  });

  it("Bm25Index.score(...) ranks like MiniSearch when every chunk's terms are distinct (then both lengths agree)", () => {
    const uniq = chunkTerms.map((t) => [...new Set(t)]);
    const index = new Bm25Index();
    uniq.forEach((t) => index.add(t));
    const ms = new MiniSearch<{id: number; text: string}>({fields: ["text"], tokenize: (t) => [...new Set(terms(t))], processTerm: (t) => t});
    ms.addAll(chunks.map((c, id) => ({id, text: c.text})));
    for (const q of queries) {
      const qt = [...new Set(terms(q))];
      const mine = index.score(qt, LUCENE_DEFAULTS);
      for (const r of ms.search(q, {bm25: {k: 1.2, b: 0.75, d: 0}}).slice(0, 20)) {
        const matched = qt.filter((t) => uniq[r.id].includes(t)).length;
        expect(r.score).toBeCloseTo(mine.get(r.id)! * matched, 6);
      }
    }
  });
});
