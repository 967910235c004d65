import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {fitNgram, fitWordModel, ngramLogProb, sequenceLogProbs, UNK, wordLogProbs} from "../../labs/metrics/index.js";

const corpus = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"].map((s) => s.split(" "));

describe("fitNgram / ngramLogProb", () => {
  it("ngramLogProb sums to 1 over the seen types plus the unseen slot, for every history (brute force)", () => {
    const model = fitNgram(corpus, 3, 0.6);
    const types = [...new Set(corpus.flat())];
    for (const history of [[], ["the"], ["sat", "on"], ["on", "the"], ["zebra", "the"], ["never", "seen"]]) {
      const seen = types.reduce((s, w) => s + Math.exp(ngramLogProb(model, history, w)), 0);
      const unseen = Math.exp(ngramLogProb(model, history, "zzz-unseen"));
      // the unseen slot is one type of the add-one unigram; all unseen tokens share its probability
      expect(seen + unseen).toBeCloseTo(1, 12);
    }
  });
  it("ngramLogProb with order 1 is the add-one unigram (count+1)/(N+V+1)", () => {
    const model = fitNgram(corpus, 1, 0.5);
    const N = corpus.flat().length; // 17
    const V = new Set(corpus.flat()).size; // 9
    expect(Math.exp(ngramLogProb(model, [], "the"))).toBeCloseTo((4 + 1) / (N + V + 1), 14);
  });
  it("ngramLogProb('mat' | 'on the') interpolates the trigram, bigram and unigram estimates by hand", () => {
    const model = fitNgram(corpus, 3, 0.6);
    const N = 17, V = 9;
    const p1 = (1 + 1) / (N + V + 1); // mat seen once
    const p2 = 0.6 * (1 / 4) + 0.4 * p1; // 'the' is followed by cat, mat, dog, log
    const p3 = 0.6 * (1 / 2) + 0.4 * p2; // 'on the' is followed by mat, log
    expect(Math.exp(ngramLogProb(model, ["on", "the"], "mat"))).toBeCloseTo(p3, 14);
    expect(sequenceLogProbs(model, ["on", "the", "mat"])[2]).toBeCloseTo(Math.log(p3), 14);
  });
  it("fitNgram rejects order 0 and λ outside (0, 1)", () => {
    expect(() => fitNgram(corpus, 0, 0.5)).toThrow(InputError);
    expect(() => fitNgram(corpus, 2, 1)).toThrow(InputError);
  });
});

describe("fitWordModel / wordLogProbs", () => {
  it("wordLogProbs of an out-of-vocabulary word is log p(UNK) plus its spelling by the character unigram", () => {
    const model = fitWordModel(corpus, 2, 0.5, 2);
    expect(model.vocabulary.has("mat")).toBe(false); // seen once
    const [first, second] = wordLogProbs(model, ["the", "zebra"]);
    expect(first).toBeCloseTo(ngramLogProb(model.words, [], "the"), 14);
    const spell = [..."zebra ", ""].slice(0, 6).reduce((s, c) => s + ngramLogProb(model.spelling, [], c), 0);
    expect(second).toBeCloseTo(ngramLogProb(model.words, ["the"], UNK) + spell, 12);
  });
});
