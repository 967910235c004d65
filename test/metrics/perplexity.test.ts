import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {perplexity, perplexityReport, utf8Length} from "../../labs/metrics/index.js";

describe("perplexityReport", () => {
  it("perplexity([−1, −2, −3]) is e² (mean NLL 2 nats)", () => {
    expect(perplexity([-1, -2, -3])).toBeCloseTo(Math.exp(2), 12);
    const r = perplexityReport([-1, -2, -3]);
    expect(r.natsPerToken).toBeCloseTo(2, 15);
    expect(r.bitsPerToken).toBeCloseTo(2 / Math.LN2, 12);
    expect(2 ** r.bitsPerToken).toBeCloseTo(Math.exp(2), 10); // PPL = e^H_nats = 2^H_bits
  });
  it("perplexityReport of a uniform model over V tokens is V, whatever the length", () => {
    for (const V of [2, 50, 50257]) expect(perplexityReport(new Array(7).fill(-Math.log(V))).perplexity).toBeCloseTo(V, 6);
  });
  it("perplexityReport bits per byte divides total bits by UTF-8 bytes", () => {
    // 3 tokens, total 6 nats, spelling "héllo" (6 bytes in UTF-8)
    expect(utf8Length("héllo")).toBe(6);
    expect(perplexityReport([-1, -2, -3], utf8Length("héllo")).bitsPerByte).toBeCloseTo(6 / Math.LN2 / 6, 12);
  });
  it("the same text cut into more tokens: per-token perplexity changes, bits per byte does not", () => {
    // one token with p = 1/1024 vs ten tokens of p = 1/2 each: same total probability of the text
    const a = perplexityReport([Math.log(1 / 1024)], 10);
    const b = perplexityReport(new Array(10).fill(Math.log(0.5)), 10);
    expect(a.perplexity).toBeCloseTo(1024, 8);
    expect(b.perplexity).toBeCloseTo(2, 12);
    expect(a.bitsPerByte).toBeCloseTo(b.bitsPerByte!, 12);
  });
  it("perplexityReport rejects no tokens, positive or NaN log-probs, −∞ and a bad byte count with InputErrors", () => {
    expect(() => perplexityReport([])).toThrow(/at least one token/);
    expect(() => perplexityReport([-1, 0.5])).toThrow(/Log-probability 2 is 0.5 > 0/);
    expect(() => perplexityReport([NaN])).toThrow(InputError);
    expect(() => perplexityReport([-Infinity])).toThrow(/infinite/);
    expect(() => perplexityReport([-1], 0)).toThrow(/byte count/);
  });
});
