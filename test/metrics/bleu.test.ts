// Expected values are sacreBLEU's own: its README example (as quoted in issue 13) and the cases of
// mjpost/sacrebleu test/test_bleu.py and test/test_sentence_bleu.py.
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {bleuSignature, clippedNgramTable, computeBleu, corpusBleu, sentenceBleu} from "../../labs/metrics/index.js";

const refs = [
  ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
  ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."]
];
const hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
const EPS = 1e-6;

describe("corpusBleu (sacreBLEU README example)", () => {
  it("corpusBleu(hyps, refs) is 48.530827 with counts [14,7,5,3], totals [17,14,11,8], BP 0.942873", () => {
    const s = corpusBleu(hyps, refs);
    expect(s.score).toBeCloseTo(48.530827, 5);
    expect(s.counts).toEqual([14, 7, 5, 3]);
    expect(s.totals).toEqual([17, 14, 11, 8]);
    expect(s.bp).toBeCloseTo(0.942873, 6);
    expect([s.sysLen, s.refLen]).toEqual([17, 18]);
  });
  it("the mean of the three sentenceBleu scores is 47.955184, not the corpus score", () => {
    const mean = hyps.map((h, i) => sentenceBleu(h, refs.map((r) => r[i])).score).reduce((a, b) => a + b) / 3;
    expect(mean).toBeCloseTo(47.955184, 5);
    expect(Math.abs(mean - corpusBleu(hyps, refs).score)).toBeGreaterThan(0.5);
  });
  it("corpusBleu with tokenize none is 49.1919566; with smoothMethod none it stays 48.530827", () => {
    expect(Math.abs(corpusBleu(hyps, refs, {tokenize: "none"}).score - 49.1919566)).toBeLessThan(1e-6);
    expect(Math.abs(corpusBleu(hyps, refs, {smoothMethod: "none"}).score - 48.530827)).toBeLessThan(1e-6);
  });
  it("corpusBleu of three empty hypotheses is 0 (empty hypotheses are kept, not removed)", () => {
    const s = corpusBleu(["", "", ""], refs);
    expect(s.score).toBe(0);
    expect(s.bp).toBe(0);
  });
  it("corpusBleu with maxNgramOrder 1..6 gives 77.65, 60.50, 53.93, 48.53, 46.14, 43.28", () => {
    const expected = ["77.65", "60.50", "53.93", "48.53", "46.14", "43.28"];
    expected.forEach((e, i) => expect(corpusBleu(hyps, refs, {maxNgramOrder: i + 1}).score.toFixed(2)).toBe(e));
  });
});

describe("sentenceBleu smoothing (the third README segment, effective order)", () => {
  const seg = refs.map((r) => r[2]);
  it("sentenceBleu('The man had just bitten him.', …): exp 29.071537, floor 19.441308, add-k 39.559090, none 0", () => {
    expect(sentenceBleu(hyps[2], seg, {smoothMethod: "exp"}).score).toBeCloseTo(29.071537, 5);
    expect(sentenceBleu(hyps[2], seg, {smoothMethod: "floor"}).score).toBeCloseTo(19.441308, 5);
    expect(sentenceBleu(hyps[2], seg, {smoothMethod: "add-k"}).score).toBeCloseTo(39.55909, 5);
    expect(sentenceBleu(hyps[2], seg, {smoothMethod: "none"}).score).toBe(0);
  });
});

describe("sacreBLEU test_sentence_bleu.py (#98: Romanian with ţ/ț variants)", () => {
  const REF = "producţia de zahăr brut se exprimă în zahăr alb;";
  const SYS = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
  const cases: [string, number | undefined, "13a" | "none", number][] = [
    ["exp", undefined, "13a", 8.493], ["none", undefined, "13a", 0], ["floor", undefined, "13a", 4.51688], ["floor", 0.1, "13a", 4.51688],
    ["floor", 0.5, "13a", 10.1], ["add-k", undefined, "13a", 14.882], ["add-k", 1, "13a", 14.882], ["add-k", 2, "13a", 21.389], ["exp", undefined, "none", 7.347]
  ];
  for (const [method, value, tok, expected] of cases) {
    it(`sentenceBleu(SYS, [REF], {smoothMethod: ${method}, smoothValue: ${value}, tokenize: ${tok}}) is ${expected}`, () => {
      const s = sentenceBleu(SYS, [REF], {smoothMethod: method as "exp", smoothValue: value, tokenize: tok});
      expect(Math.abs(s.score - expected)).toBeLessThan(1e-3);
    });
  }
  it("sentenceBleu('this is a cat', ['okay thanks']) is 0 under every smoothing (#141: no match at all)", () => {
    for (const m of ["exp", "none", "floor", "add-k"] as const) expect(sentenceBleu("this is a cat", ["okay thanks"], {smoothMethod: m}).score).toBe(0);
  });
});

describe("sacreBLEU test_bleu.py cases (raw_corpus_bleu = floor smoothing, tokenize none, effective order)", () => {
  const RAW = {smoothMethod: "floor", tokenize: "none", effectiveOrder: true} as const;
  it("corpusBleu(['this is a fest'], [['this is a test']], floor 0.01) is 0.2236068 on the 0–1 scale", () => {
    expect(Math.abs(corpusBleu(["this is a fest"], [["this is a test"]], {...RAW, smoothValue: 0.01}).score / 100 - 0.223606797749979)).toBeLessThan(1e-8);
    expect(corpusBleu(["this is a test"], [["this is a test"]], {...RAW, smoothValue: 0.01}).score / 100).toBeCloseTo(1, 12);
  });
  it("statistics of 'am I am a character sequence' vs 'I am a symbol string sequence a a' are [4,2,1,0] / [6,5,4,3]", () => {
    const s = corpusBleu(["am I am a character sequence"], [["I am a symbol string sequence a a"]], {...RAW, smoothValue: 0.01});
    expect(s.counts).toEqual([4, 2, 1, 0]);
    expect(s.totals).toEqual([6, 5, 4, 3]);
  });
  it("the same pair scores 0.1555722182 with floor 0.1 and 0 with floor 0", () => {
    const h = ["am I am a character sequence"], r = [["I am a symbol string sequence a a"]];
    expect(Math.abs(corpusBleu(h, r, RAW).score / 100 - 0.1555722182)).toBeLessThan(1e-8);
    expect(corpusBleu(h, r, {...RAW, smoothValue: 0}).score).toBe(0);
  });
  it("computeBleu([9,7,5,3], [10,8,6,4], 11, 11) is 0.8375922397", () => {
    expect(Math.abs(computeBleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11).score / 100 - 0.8375922397)).toBeLessThan(1e-8);
  });
  it("effective order: 'test' vs 'a test' 0.3678794, 'a test' 1, 'a little test' vs 'a test' 0.0321830 (floor 0.01)", () => {
    const raw = (h: string, r: string) => corpusBleu([h], [[r]], {...RAW, smoothValue: 0.01}).score / 100;
    expect(Math.abs(raw("test", "a test") - 0.3678794411714425)).toBeLessThan(1e-8);
    expect(Math.abs(raw("a test", "a test") - 1)).toBeLessThan(1e-8);
    expect(Math.abs(raw("a little test", "a test") - 0.03218297948685433)).toBeLessThan(1e-8);
  });
  it("computeBleu with floor smoothing returns exactly 0 on sacreBLEU's degenerate statistics", () => {
    const cases: [number[], number[], number, number, number][] = [
      [[0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0], [[0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0], [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0],
      [[6, 5, 4, 0], [6, 5, 4, 3], 6, 6, 0], [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.1], [[0, 0, 0, 0], [0, 0, 0, 0], 1, 5, 0.01]
    ];
    for (const [c, t, sys, ref, v] of cases) {
      const s = computeBleu(c, t, sys, ref, {smoothMethod: "floor", smoothValue: v});
      expect(s.score).toBe(0);
      expect(Number.isNaN(s.bp)).toBe(false);
    }
  });
});

describe("corpusBleu: closest reference length and clipping", () => {
  it("corpusBleu takes the closest reference length, the shorter one on a tie", () => {
    // hypothesis of 3 tokens; references of 2 and 4 tokens are equally close → 2 is used, so BP = 1
    expect(corpusBleu(["a b c"], [["a b"], ["a b c d"]]).refLen).toBe(2);
    expect(corpusBleu(["a b c"], [["a b c d e"], ["a b c d"]]).refLen).toBe(4);
  });
  it("clippedNgramTable clips 'the the the the' against a reference with two 'the' to 2 of 4 unigrams", () => {
    const {rows} = clippedNgramTable("the the the the", ["the cat the mat"]);
    const the = rows.find((r) => r.ngram === "the")!;
    expect([the.count, the.maxRef, the.clipped]).toEqual([4, 2, 2]);
    expect(sentenceBleu("the the the the", ["the cat the mat"]).counts[0]).toBe(2);
  });
  it("the clip is the max count over references, not the sum", () => {
    const {rows} = clippedNgramTable("the the the", ["the cat", "the the mat"]);
    expect(rows.find((r) => r.ngram === "the")!.clipped).toBe(2);
  });
});

describe("corpusBleu: 10,000 segments", () => {
  it("corpusBleu of 3,334 copies of the README corpus (10,002 segments) is still 48.530827, in under 5 s", () => {
    const k = 3334;
    const H = Array.from({length: k}, () => hyps).flat();
    const R = refs.map((stream) => Array.from({length: k}, () => stream).flat());
    const t0 = performance.now();
    const s = corpusBleu(H, R);
    const ms = performance.now() - t0;
    expect(s.score).toBeCloseTo(48.530827, 5);
    expect(s.counts).toEqual([14 * k, 7 * k, 5 * k, 3 * k]);
    expect(ms).toBeLessThan(5000);
  });
});

describe("BLEU bad input", () => {
  const err = (f: () => unknown, re: RegExp) => {
    expect(f).toThrow(InputError);
    expect(f).toThrow(re);
  };
  it("corpusBleu([], …) and corpusBleu(…, []) say what is missing", () => {
    err(() => corpusBleu([], refs), /no hypotheses/);
    err(() => corpusBleu(hyps, []), /no references/);
  });
  it("corpusBleu with a stream shorter than the hypotheses names the stream and both counts", () => {
    err(() => corpusBleu(hyps, [refs[0], refs[1].slice(0, 2)]), /Reference stream 2 has 2 segments but there are 3 hypotheses/);
  });
  it("corpusBleu with a segment empty in every stream is an error (sacreBLEU: 'Empty or None reference'); empty in one stream is not", () => {
    err(() => corpusBleu(hyps, [["a", "", "c"], ["a", "", "c"]]), /Segment 2 has no reference/);
    expect(corpusBleu(hyps, [refs[0], ["", refs[1][1], refs[1][2]]]).score).toBeGreaterThan(0);
    err(() => sentenceBleu("a cat", [""]), /Segment 1 has no reference/);
    err(() => sentenceBleu("a cat", []), /no reference/);
  });
  it("sentenceBleu('', [ref]) is a result, 0 with BP 0 (as sacreBLEU), never NaN", () => {
    const s = sentenceBleu("", ["The cat sat."]);
    expect(s.score).toBe(0);
    expect(s.precisions.every((p) => Number.isFinite(p))).toBe(true);
  });
  it("text with a lone surrogate is rejected as not encodable in UTF-8", () => {
    err(() => sentenceBleu("caf\uD800 au lait", ["cafe au lait"]), /Hypothesis 1 is not valid Unicode.*U\+D800/);
    err(() => sentenceBleu("cafe", ["x \uDC00"]), /Reference 1 of segment 1 is not valid Unicode/);
  });
  it("bad options are InputErrors", () => {
    err(() => corpusBleu(hyps, refs, {tokenize: "intl" as "13a"}), /Tokenizer must be one of 13a, none/);
    err(() => corpusBleu(hyps, refs, {smoothMethod: "add-one" as "exp"}), /Smoothing must be one of/);
    err(() => corpusBleu(hyps, refs, {smoothValue: NaN}), /smoothing value/);
    err(() => corpusBleu(hyps, refs, {maxNgramOrder: 0}), /maximum n-gram order/);
  });
});

describe("bleuSignature", () => {
  it("bleuSignature(2) is sacreBLEU's default signature without the version", () => {
    expect(bleuSignature(2)).toBe("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp");
    expect(bleuSignature(1, {smoothMethod: "floor", tokenize: "none", effectiveOrder: true})).toBe("nrefs:1|case:mixed|eff:yes|tok:none|smooth:floor[0.10]");
  });
});
