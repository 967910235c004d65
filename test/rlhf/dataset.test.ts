import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {mulberry32} from "../../labs/kit/random.js";
import {buildSpace, composeDataset, trueUtility, validateDataset, type Source} from "../../labs/rlhf/dataset.js";
import {simulateLabels} from "../../labs/rlhf/labelers.js";
import {dataset} from "./helpers.js";

const source = JSON.parse(readFileSync(new URL("../../data/rlhf/source.json", import.meta.url), "utf8")) as Source;

describe("data/rlhf/dataset.json", () => {
  it("has ≥ 40 prompts with 6–10 candidates each, and passes validateDataset", () => {
    validateDataset(dataset);
    expect(dataset.prompts.length).toBeGreaterThanOrEqual(40);
    for (const p of dataset.prompts) {
      expect(p.candidates.length).toBeGreaterThanOrEqual(6);
      expect(p.candidates.length).toBeLessThanOrEqual(10);
    }
  });
  it("composeDataset(source, mulberry32(42)) reproduces the committed file", () => {
    expect(JSON.parse(JSON.stringify(composeDataset(source, mulberry32(42))))).toEqual(dataset);
  });
  it("each candidate's attributes match its text (answer, detail, filler, word count)", () => {
    for (const [k, p] of dataset.prompts.entries()) {
      const src = source.prompts[k];
      for (const c of p.candidates) {
        const core = c.attrs.correct ? src.correct : src.wrong;
        expect(c.text.toLowerCase()).toContain(core.slice(1).toLowerCase());
        expect(c.text.includes(src.detail)).toBe(c.attrs.detail === 1);
        expect(source.fillers.filter((f) => c.text.includes(f)).length).toBe(c.attrs.filler);
        expect(c.text.split(/\s+/).length).toBe(c.attrs.words);
      }
    }
  });
  it("trueUtility ranks a correct, detailed, polite, unpadded answer first", () => {
    const best = trueUtility({correct: 1, detail: 1, tone: 1, filler: 0, words: 30, factCheck: 1});
    for (const a of [{correct: 0, detail: 1, tone: 1, filler: 0}, {correct: 1, detail: 1, tone: 1, filler: 1}, {correct: 1, detail: 0, tone: 1, filler: 0}] as const)
      expect(trueUtility({...a, words: 30, factCheck: 1})).toBeLessThan(best);
  });
});

describe("simulateLabels(space, config, random)", () => {
  const space = buildSpace(dataset, {split: "train"});
  it("with noise 0 and no disagreement always prefers the higher true utility", () => {
    const pairs = simulateLabels(space, {nPairs: 300, nLabelers: 3, noise: 0, disagreement: 0}, mulberry32(1));
    expect(pairs.length).toBe(300);
    for (const p of pairs) expect(space.utility[p.chosen]).toBeGreaterThan(space.utility[p.rejected]);
  });
  it("with noise τ=1 agrees with the true utility at the Bradley–Terry rate (±0.03, 4000 pairs)", () => {
    const pairs = simulateLabels(space, {nPairs: 4000, nLabelers: 1, noise: 1, disagreement: 0}, mulberry32(2));
    let expected = 0;
    let agree = 0;
    for (const p of pairs) {
      const d = Math.abs(space.utility[p.chosen] - space.utility[p.rejected]);
      expected += d === 0 ? 0.5 : 1 / (1 + Math.exp(-d));
      agree += space.utility[p.chosen] > space.utility[p.rejected] ? 1 : space.utility[p.chosen] === space.utility[p.rejected] ? 0.5 : 0;
    }
    expect(Math.abs(agree / pairs.length - expected / pairs.length)).toBeLessThan(0.03);
  });
  it("rejects nPairs < 1 and negative noise with a message", () => {
    expect(() => simulateLabels(space, {nPairs: 0, nLabelers: 1, noise: 1, disagreement: 0}, mulberry32(1))).toThrow(/pairs/);
    expect(() => simulateLabels(space, {nPairs: 5, nLabelers: 1, noise: -1, disagreement: 0}, mulberry32(1))).toThrow(/noise/);
  });
});
