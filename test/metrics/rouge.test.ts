// Expected values are rouge-score's: its README example (as quoted in issue 13) and the cases of
// google-research/google-research rouge/rouge_scorer_test.py and rouge/tokenize_test.py (whose
// "AgainstRouge155" values come from runs of the original ROUGE-1.5.5 Perl script).
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {lcsAlignment, lcsTable, rougeScore, rougeTokens, summaryLevelLcs} from "../../labs/metrics/index.js";
import fx from "./fixtures/rouge-testdata.json";

const close = (got: {precision: number; recall: number; fmeasure: number}, p: number, r: number, f: number, digits = 5) => {
  expect(got.precision).toBeCloseTo(p, digits);
  expect(got.recall).toBeCloseTo(r, digits);
  expect(got.fmeasure).toBeCloseTo(f, digits);
};

describe("rougeScore: rouge-score README example", () => {
  const target = "The quick brown fox jumps over the lazy dog";
  const prediction = "The quick brown dog jumps on the log.";
  it("rougeScore(target, prediction, {type: 'rouge1'}) is P 0.75 R 0.6667 F 0.70588", () => close(rougeScore(target, prediction, {type: "rouge1"}), 0.75, 0.66667, 0.70588));
  it("rougeScore(…, {type: 'rouge2'}) is P 0.28571 R 0.25 F 0.26667", () => close(rougeScore(target, prediction, {type: "rouge2"}), 0.28571, 0.25, 0.26667));
  it("rougeScore(…, {type: 'rougeL'}) is P 0.625 R 0.55556 F 0.58824", () => close(rougeScore(target, prediction, {type: "rougeL"}), 0.625, 0.55556, 0.58824));
  it("rougeScore(…, {type: 'rougeL', stemmer: true}) is unchanged on this pair", () => close(rougeScore(target, prediction, {type: "rougeL", stemmer: true}), 0.625, 0.55556, 0.58824));
});

describe("rougeScore: rouge_scorer_test.py tiny cases", () => {
  it("rouge1('testing one two', 'testing') is P 1 R 1/3 F 1/2", () => close(rougeScore("testing one two", "testing", {type: "rouge1"}), 1, 1 / 3, 1 / 2, 12));
  it("rouge2('testing one two', 'testing one') is P 1 R 1/2 F 2/3", () => close(rougeScore("testing one two", "testing one", {type: "rouge2"}), 1, 1 / 2, 2 / 3, 12));
  it("rougeL('testing one two', 'testing one') and ('…', 'testing two') are P 1 R 2/3 F 4/5", () => {
    close(rougeScore("testing one two", "testing one", {type: "rougeL"}), 1, 2 / 3, 4 / 5, 12);
    close(rougeScore("testing one two", "testing two", {type: "rougeL"}), 1, 2 / 3, 4 / 5, 12);
  });
  it("every type scores 0 against an empty prediction", () => {
    for (const type of ["rouge1", "rouge2", "rougeL", "rougeLsum"] as const) close(rougeScore("testing one two", "", {type}), 0, 0, 0, 12);
  });
  it("rouge9 is valid; rougen, rouge0 and rouge10 are InputErrors", () => {
    expect(rougeScore("testing one two", "testing", {type: "rouge9"}).precision).toBe(0);
    for (const t of ["rougen", "rouge0", "rouge10"]) expect(() => rougeScore("a", "a", {type: t as "rouge1"})).toThrow(InputError);
  });
  it("rougeLsum('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\\nw1 w3 w8 w9 w5') is R 0.8 P 0.4 F 0.5333", () => {
    close(rougeScore("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", {type: "rougeLsum"}), 0.4, 0.8, 0.5333, 3);
    close(rougeScore("w1 w2 w3 w4 w5", "", {type: "rougeLsum"}), 0, 0, 0, 12);
    close(rougeScore("", "w1", {type: "rougeLsum"}), 0, 0, 0, 12);
    close(rougeScore("w1 w2 w3 w4 w5", "/", {type: "rougeLsum"}), 0, 0, 0, 12);
  });
  it("summaryLevelLcs([[1..5]], [[1,2,6,7,8],[1,3,8,9,5]]) is R 0.8 P 0.4; an all-dropped candidate gives 0", () => {
    const s = summaryLevelLcs([["1", "2", "3", "4", "5"]], [["1", "2", "6", "7", "8"], ["1", "3", "8", "9", "5"]]);
    expect([s.recall, s.precision]).toEqual([0.8, 0.4]);
    expect(summaryLevelLcs([["reference"]], [[]]).recall).toBe(0);
  });
  it("lcsTable/lcsAlignment of [1,2,3,4,5] and [2,5,3,4]: length 3, reference indices [1,2,3]; none with [8,9]", () => {
    const ref = [1, 2, 3, 4, 5];
    const t = lcsTable(ref, [2, 5, 3, 4]);
    expect(t[ref.length * 5 + 4]).toBe(3);
    expect(lcsAlignment(ref, [2, 5, 3, 4]).map(([i]) => i)).toEqual([1, 2, 3]);
    expect(lcsAlignment(ref, [8, 9])).toEqual([]);
  });
});

describe("rougeScore against ROUGE-1.5.5 (rouge-score's test data)", () => {
  const lines = (s: string) => s.split(/(?<=\n)/); // Python readlines keeps the newline
  const T = lines(fx.targetTxt);
  const P = lines(fx.predictionTxt);
  it("rouge1 of test pairs 0 and 1: R/P/F 0.40741/0.68750/0.51163 and 0.40476/0.65385/0.50000", () => {
    close(rougeScore(T[0], P[0], {type: "rouge1"}), 0.6875, 0.40741, 0.51163);
    close(rougeScore(T[1], P[1], {type: "rouge1"}), 0.65385, 0.40476, 0.5);
  });
  it("rouge1 with stemming: pair 1 becomes 0.42857/0.69231/0.52941", () => {
    close(rougeScore(T[0], P[0], {type: "rouge1", stemmer: true}), 0.6875, 0.40741, 0.51163);
    close(rougeScore(T[1], P[1], {type: "rouge1", stemmer: true}), 0.69231, 0.42857, 0.52941);
  });
  it("rouge2 with and without stemming: 0.30769/0.53333/0.39024 and 0.29268/0.48000/0.36364", () => {
    for (const stemmer of [false, true]) {
      close(rougeScore(T[0], P[0], {type: "rouge2", stemmer}), 0.53333, 0.30769, 0.39024);
      close(rougeScore(T[1], P[1], {type: "rouge2", stemmer}), 0.48, 0.29268, 0.36364);
    }
  });
  it("rougeL: 0.40741/0.68750/0.51163 and 0.40476/0.65385/0.50000", () => {
    close(rougeScore(T[0], P[0], {type: "rougeL"}), 0.6875, 0.40741, 0.51163);
    close(rougeScore(T[1], P[1], {type: "rougeL"}), 0.65385, 0.40476, 0.5);
  });
  it("rougeLsum with stemming on the multi-sentence files: R 0.36538 P 0.66667 F 0.47205", () => {
    close(rougeScore(fx.targetMulti0, fx.predictionMulti0, {type: "rougeLsum", stemmer: true}), 0.66667, 0.36538, 0.47205);
  });
});

describe("rougeTokens", () => {
  it("rougeTokens('one Two three') and ('one\\n Two \\nthree') are ['one','two','three'] (tokenize_test.py)", () => {
    expect(rougeTokens("one Two three")).toEqual(["one", "two", "three"]);
    expect(rougeTokens("one\n Two \nthree")).toEqual(["one", "two", "three"]);
  });
  it("rougeTokens of a Chinese or Russian sentence is empty: only [a-z0-9] survive, so ROUGE is 0", () => {
    expect(rougeTokens("猫坐在垫子上。")).toEqual([]);
    expect(rougeTokens("Кошка сидит на коврике.")).toEqual([]);
    expect(rougeScore("Кошка сидит на коврике.", "Кошка сидит на коврике.", {type: "rouge1"}).fmeasure).toBe(0);
    expect(rougeTokens("café naïve")).toEqual(["caf", "na", "ve"]);
  });
  it("rougeTokens stems only tokens longer than 3 characters", () => {
    expect(rougeTokens("dogs cats running", true)).toEqual(["dog", "cat", "run"]);
    expect(rougeTokens("was its", true)).toEqual(["was", "its"]);
  });
  it("rougeScore rejects a lone surrogate", () => {
    expect(() => rougeScore("a\uD800", "a", {type: "rouge1"})).toThrow(/not valid Unicode/);
  });
});
