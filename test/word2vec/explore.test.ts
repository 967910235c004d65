// The explorer's selections and the subsampling/noise rows, against direct computation.
import {describe, expect, it} from "vitest";
import {keepRows, keptShare, mapSelection, noiseRows, queryWords} from "../../labs/word2vec/explore.js";
import {encodeSentences, trainWords} from "../../labs/word2vec/vocab.js";

const corpus = encodeSentences([["a", "a", "a", "b", "b", "c"], ["a", "b", "d"]]);
const V = 4;
const T = trainWords(corpus, V);

describe("explore", () => {
  it("mapSelection(n, vocab, query, neighbours) shows the n most frequent plus outside hits, ranked query first", () => {
    const s = mapSelection(3, 10, 7, [1, 8, 2]);
    expect(s.rows).toEqual([0, 1, 2, 7, 8]);
    expect([...s.rank]).toEqual([[7, 0], [1, 1], [8, 2], [2, 3]]);
    expect(mapSelection(3, 10, -1, []).rank.size).toBe(0);
    expect(mapSelection(50, 4, 1, [0]).rows).toEqual([0, 1, 2, 3]);
  });

  it("queryWords(text) lowercases, splits on whitespace and normalises to NFC like the tokeniser", () => {
    expect(queryWords("  Better  GOOD\tbad ")).toEqual(["better", "good", "bad"]);
    expect(queryWords("CAFE\u0301")).toEqual(["caf\u00e9"]);
    expect(queryWords("   ")).toEqual([]);
  });

  it("keptShare(...) is the count-weighted mean keep probability (1 when s is large, direct sum otherwise)", () => {
    expect(keptShare(corpus, V, T, 1)).toBe(1);
    // Counts a:4 b:3 c:1 d:1 (T = 9); keep = min(1, sqrt(s/f) + s/f) with f = c/T.
    const s = 0.05;
    const keep = (c: number) => Math.min(1, Math.sqrt(s / (c / T)) + s / (c / T));
    expect(keptShare(corpus, V, T, s)).toBeCloseTo((4 * keep(4) + 3 * keep(3) + keep(1) + keep(1)) / 9, 12);
    expect(keepRows(corpus, V, T, s).map((r) => r.word)).toEqual(["a", "b", "c", "d"]);
  });

  it("noiseRows(...) gives c/T and c^0.75/Z, the rarest word last", () => {
    const rows = noiseRows(corpus, V, T);
    const Z = 4 ** 0.75 + 3 ** 0.75 + 2;
    expect(rows.map((r) => r.word)).toEqual(["a", "b", "c", "d"]);
    expect(rows[0].unigram).toBeCloseTo(4 / 9, 12);
    expect(rows[0].noise).toBeCloseTo(4 ** 0.75 / Z, 9);
    expect(rows[0].noise).toBeLessThan(rows[0].unigram);
  });
});
