import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {initKernel, readSentence, stepKernel, DEFAULT_CONFIG} from "../../labs/word2vec/kernel.js";
import {aliasDraw, aliasTable, keepProbability, noiseDistribution, rngFrom, windowPairs} from "../../labs/word2vec/sampling.js";
import {encodeSentences} from "../../labs/word2vec/vocab.js";

// Statistical tests: fixed seeds; tolerance 4.5 standard deviations per cell (or the stated bound).

describe("sampling", () => {
  it("keepProbability(c, T, s) = min(1, sqrt(s/f) + s/f) with f = c/T", () => {
    expect(keepProbability(4, 100, 0.01)).toBeCloseTo(Math.sqrt(0.25) + 0.25, 12); // s/f = 0.25 -> 0.75
    expect(keepProbability(1, 100, 0.01)).toBe(1); // s/f = 1
    expect(keepProbability(5, 100, 0)).toBe(1); // sample 0 disables
    // Never dropped up to f = (3 + sqrt 5)/2 s ~ 2.618 s (FACTS §1), dropped just above.
    const golden = (3 + Math.sqrt(5)) / 2;
    expect(keepProbability(golden * 1e-3 * 1e6 * 0.999999, 1e6, 1e-3)).toBe(1);
    expect(keepProbability(golden * 1e-3 * 1e6 * 1.01, 1e6, 1e-3)).toBeLessThan(1);
  });

  it("readSentence(state) keeps each word with its keep probability", () => {
    // 4 words with counts 6000, 2000, 500, 100 in one long sentence order, sample 1e-2.
    const counts = [6000, 2000, 500, 100];
    const tokens: string[] = [];
    counts.forEach((c, w) => {
      for (let i = 0; i < c; i++) tokens.push(`w${w}`);
    });
    const rnd = mulberry32(7);
    const sentences: string[][] = [];
    for (let i = 0; i < tokens.length; i += 20) sentences.push(tokens.slice(i, i + 20));
    const corpus = encodeSentences(sentences);
    const s = initKernel({...DEFAULT_CONFIG, sample: 1e-2, minCount: 1, epochs: 1}, corpus, rnd);
    const kept = new Float64Array(4);
    const reps = 5;
    for (let r = 0; r < reps; r++)
      for (let i = 0; i < sentences.length; i++) {
        const len = readSentence(s, i);
        for (let j = 0; j < len; j++) kept[s.sen[j]]++;
      }
    const T = 8600;
    for (let w = 0; w < 4; w++) {
      const p = keepProbability(counts[w], T, 1e-2);
      const n = counts[w] * reps;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(kept[w] - n * p)).toBeLessThanOrEqual(4.5 * sd + 1e-9);
    }
    expect(kept[3]).toBe(100 * reps); // f = 100/8600 < 2.618 s: never dropped
  });

  it("windowPairs(n, window, rng) uses distance k with probability (window - k + 1) / window", () => {
    const window = 5;
    const rng = rngFrom(mulberry32(3));
    const n = 2000;
    const seen = new Float64Array(window + 1);
    let centers = 0;
    for (let rep = 0; rep < 10; rep++) {
      for (const [c, x] of windowPairs(n, window, rng)) if (c >= window && c < n - window && x > c) seen[x - c]++;
      centers += n - 2 * window;
    }
    for (let k = 1; k <= window; k++) {
      const p = (window - k + 1) / window; // 1, .8, .6, .4, .2
      const sd = Math.sqrt(centers * p * (1 - p));
      expect(Math.abs(seen[k] - centers * p)).toBeLessThanOrEqual(4.5 * sd + 1e-9);
    }
  });

  it("stepKernel (skip-gram) makes as many pairs as the reduced window predicts", () => {
    const window = 4;
    const sentences = Array.from({length: 300}, (_, i) => Array.from({length: 5 + (i % 17)}, (_, j) => `w${(i * 7 + j) % 11}`));
    const corpus = encodeSentences(sentences);
    const s = initKernel({...DEFAULT_CONFIG, model: "sg", window, sample: 0, minCount: 1, epochs: 20}, corpus, mulberry32(11));
    while (s.epoch < 20) stepKernel(s, 1e9);
    // E[pairs] = sum over positions and offsets k (inside the sentence) of P(R >= k) = (window - k + 1)/window.
    let expected = 0;
    let variance = 0;
    for (const sen of sentences)
      for (let pos = 0; pos < sen.length; pos++) {
        // count(R) for R = 1..window; R uniform.
        const c = Array.from({length: window}, (_, r) => Math.min(pos, r + 1) + Math.min(sen.length - 1 - pos, r + 1));
        const mean = c.reduce((a, b) => a + b, 0) / window;
        expected += mean;
        variance += c.reduce((a, b) => a + (b - mean) ** 2, 0) / window;
      }
    expect(Math.abs(s.pairs - 20 * expected)).toBeLessThanOrEqual(4.5 * Math.sqrt(20 * variance));
  });

  it("noiseDistribution(counts) is count^0.75 / Z", () => {
    const p = noiseDistribution(Int32Array.from([1, 16, 81]), 3);
    expect(Array.from(p)).toEqual([1 / 36, 8 / 36, 27 / 36].map((x) => expect.closeTo(x, 12)));
  });

  it("aliasDraw(aliasTable(p)) draws from p (chi-square, fixed seed)", () => {
    const counts = Int32Array.from({length: 50}, (_, i) => Math.round(10000 / (i + 1))); // Zipf-like
    const p = noiseDistribution(counts, 50);
    const table = aliasTable(p);
    const rng = rngFrom(mulberry32(5));
    const n = 400_000;
    const seen = new Float64Array(50);
    for (let i = 0; i < n; i++) seen[aliasDraw(table, rng)]++;
    let chi2 = 0;
    for (let i = 0; i < 50; i++) chi2 += (seen[i] - n * p[i]) ** 2 / (n * p[i]);
    // 49 degrees of freedom: mean 49, sd ~9.9; 49 + 5 sd ~ 99 (a bug gives thousands).
    expect(chi2).toBeLessThan(99);
    // And it is not the plain unigram: the rarest word is drawn about (c_max/c_min)^0.25 times more than unigram.
    const unigram = counts[49] / counts.reduce((a, b) => a + b, 0);
    expect(seen[49] / n).toBeGreaterThan(1.5 * unigram);
  });
});
