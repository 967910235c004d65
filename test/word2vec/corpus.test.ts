import {describe, expect, it} from "vitest";
import {coarsePos, majorityPos, parseTagged, POS_CLASSES, tokenizeText} from "../../labs/word2vec/corpus.js";
import {checkedVocabSize, encodeSentences, trainWords, vocabSize} from "../../labs/word2vec/vocab.js";

describe("corpus", () => {
  it("parseTagged(text) splits at the last slash, lowercases, drops punctuation, one sentence per line", () => {
    const text = "\n\n\tThe/at Fulton/np-tl 1/2/cd ,/, said/vbd ``/`` A/B/nn ./.\n\n\tIt/pps ran/vbd\n";
    const c = parseTagged(text);
    expect(c.sentences).toEqual([["the", "fulton", "1/2", "said", "a/b"], ["it", "ran"]]);
    expect(c.tags).toEqual([["at", "np-tl", "cd", "vbd", "nn"], ["pps", "vbd"]]);
  });

  it("tokenizeText(text) normalises to NFC: a precomposed é and e + combining acute give one word", () => {
    const composed = "caf\u00e9";
    const decomposed = "cafe\u0301";
    expect(composed).not.toBe(decomposed); // different code points, same reading
    const sentences = tokenizeText(`${composed} ${decomposed}\nCAF\u00c9 CAFE\u0301`);
    expect(sentences).toEqual([[composed, composed], [composed, composed]]);
    expect(new Set(sentences.flat()).size).toBe(1);
  });

  it("tokenizeText(text) uses the same rules and rejects empty or too large text", () => {
    expect(tokenizeText("Hello, World !\n\n  42 cats.")).toEqual([["hello,", "world"], ["42", "cats."]]);
    expect(() => tokenizeText("  ... !!! \n")).toThrow(/empty/);
    expect(() => tokenizeText("a".repeat(11), 10)).toThrow(/at most 10/);
  });

  it("coarsePos(tag) follows the issue's mapping (prefix after cutting at + and -)", () => {
    const cases: Array<[string, string]> = [
      ["nn", "NOUN"], ["nns", "NOUN"], ["np-tl", "NOUN"], ["nr", "NOUN"], ["np$", "NOUN"],
      ["vbd", "VERB"], ["bedz", "VERB"], ["hvd", "VERB"], ["dod", "VERB"], ["md", "VERB"], ["vb+ppo", "VERB"],
      ["jj", "ADJ"], ["jjr-hl", "ADJ"], ["rb", "ADV"], ["rbr", "ADV"], ["rn", "ADV"], ["ql", "ADV"], ["wrb", "ADV"],
      ["at", "OTHER"], ["in", "OTHER"], ["ppss+bem", "OTHER"], ["fw-nn", "OTHER"], ["cd", "OTHER"], ["wdt", "OTHER"]
    ];
    for (const [tag, pos] of cases) expect([tag, coarsePos(tag)]).toEqual([tag, pos]);
  });

  it("majorityPos(corpus) takes the majority class and breaks ties NOUN > VERB > ADJ > ADV > OTHER", () => {
    const m = majorityPos({
      sentences: [["run", "run", "fast", "fast", "the", "the", "the"]],
      tags: [["vb", "nn", "rb", "jj", "at", "at", "nn"]]
    });
    expect(POS_CLASSES[m.get("run")!]).toBe("NOUN"); // 1 NOUN, 1 VERB: tie -> NOUN
    expect(POS_CLASSES[m.get("fast")!]).toBe("ADJ"); // 1 ADJ, 1 ADV: tie -> ADJ
    expect(POS_CLASSES[m.get("the")!]).toBe("OTHER"); // 2 OTHER, 1 NOUN
  });

  it("encodeSentences(sentences) sorts types by count then word; vocabSize(min-count) is a prefix", () => {
    const c = encodeSentences([["b", "a", "c"], ["a", "b", "a"], ["d"]]);
    expect(c.words).toEqual(["a", "b", "c", "d"]);
    expect(Array.from(c.counts)).toEqual([3, 2, 1, 1]);
    expect(Array.from(c.ids)).toEqual([1, 0, 2, 0, 1, 0, 3]);
    expect(Array.from(c.offsets)).toEqual([0, 3, 6, 7]);
    expect(vocabSize(c, 2)).toBe(2);
    expect(trainWords(c, 2)).toBe(5);
    expect(() => checkedVocabSize(c, 4)).toThrow(/No word occurs at least 4 times.*most frequent word occurs 3 times/);
    expect(() => checkedVocabSize(c, 3)).toThrow(/Only one word/);
  });
});
