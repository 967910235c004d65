import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {trainAndScore, tokenizeAs, type GptPerplexityConfig} from "../../labs/metrics/gpt-perplexity.js";
import {encode} from "../../labs/sft/tokenizer.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

const tiny: GptPerplexityConfig = {seed: 1, dModel: 8, nHeads: 2, nLayers: 1, context: 16, batch: 2, steps: 3, lr: 3e-3};
const train = "The jury said it did find that the election was conducted. ".repeat(6);
const held = "The jury said the city was conducted — naïve café.";
const bytes = Buffer.byteLength(held, "utf8"); // 53: "—" is 3 bytes, "ï" and "é" 2 each

describe("trainAndScore (tiny GPT, two tokenizations)", () => {
  it("trainAndScore(..., 'bpe' | 'bytes') obeys bits/byte = nats/(ln2·bytes) and ppl = exp(nats/tokens), freeing all tensors", () => {
    const before = tf.memory().numTensors;
    for (const how of ["bpe", "bytes"] as const) {
      const r = trainAndScore(train, held, how, tiny);
      // every held-out token is scored once: js-tiktoken's ids / Node's UTF-8 bytes, counted independently
      const tokens = how === "bpe" ? encode(held).length : bytes;
      expect(r.logProbs.length).toBe(tokens);
      expect(r.report.tokens).toBe(tokens);
      expect(r.report.bytes).toBe(bytes);
      const nats = -r.logProbs.reduce((a, b) => a + b, 0);
      expect(r.report.totalNats).toBeCloseTo(nats, 9);
      expect(r.report.bitsPerByte!).toBeCloseTo(nats / (Math.LN2 * bytes), 12);
      expect(r.report.perplexity).toBeCloseTo(Math.exp(nats / tokens), 9);
      expect(r.tokensSeen).toBe(3 * 2 * 16);
      expect(Number.isFinite(r.lastLoss)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("tokenizeAs('naïve', 'bytes') is its UTF-8 bytes; 'bpe' is GPT-2's ids", () => {
    expect(tokenizeAs("naïve", "bytes")).toEqual([110, 97, 195, 175, 118, 101]);
    expect(tokenizeAs("Hello world", "bpe")).toEqual([15496, 995]); // tiktoken gpt2
  });

  it("trainAndScore(short text) throws InputError", () => {
    expect(() => trainAndScore("ab", held, "bytes", tiny)).toThrow(InputError);
    expect(() => trainAndScore(train, "", "bytes", tiny)).toThrow(InputError);
  });
});
