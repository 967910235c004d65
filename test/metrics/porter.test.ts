// The npm `stemmer` (Porter's original rules) against NLTK's PorterStemmer in NLTK_EXTENSIONS mode, which
// rouge-score uses. Reference stems: data/metrics/porter-nltk.tsv, written by
// scripts/metrics-porter.py with Debian's python3-nltk 3.8 over the Brown corpus' word types.
import {readFileSync} from "node:fs";
import {stemmer} from "stemmer";
import {describe, expect, it} from "vitest";
import {porterDisagreements} from "../../labs/metrics/porter-check.js";

const tsv = readFileSync(new URL("../../data/metrics/porter-nltk.tsv", import.meta.url), "utf8");

describe("stemmer vs NLTK PorterStemmer", () => {
  const report = porterDisagreements(tsv, stemmer);
  it("porterDisagreements: the two agree on over 97% of 19,067 frequent Brown types", () => {
    expect(report.words).toBe(19067);
    expect(report.differ.length / report.words).toBeLessThan(0.03);
  });
  it("porterDisagreements lists the known differences: y→i after a vowel, short -ed/-ing stems, NLTK's irregular forms", () => {
    const byWord = new Map(report.differ.map((d) => [d.word, d]));
    // NLTK keeps y after a vowel (they, days); the original rule turns it into i
    expect(byWord.get("they")).toEqual({word: "they", nltk: "they", stemmer: "thei"});
    expect(byWord.get("days")).toEqual({word: "days", nltk: "day", stemmer: "dai"});
    // NLTK restores the e of a two-letter stem (used → use); the original leaves "us"
    expect(byWord.get("used")).toEqual({word: "used", nltk: "use", stemmer: "us"});
    // NLTK's irregular forms
    expect(byWord.get("dying")?.nltk).toBe("die");
    expect(byWord.get("news")).toEqual({word: "news", nltk: "news", stemmer: "new"});
  });
  it("porterDisagreements: the common -ing/-tion/-s cases agree", () => {
    const differ = new Set(report.differ.map((d) => d.word));
    for (const w of ["running", "jumps", "nation", "generously", "happiness", "relational"]) {
      if (report.reference.has(w)) expect(differ.has(w)).toBe(false);
    }
  });
});
