import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {checkText, sentenceBleu, textWarnings, utf8Length} from "../../labs/metrics/index.js";

describe("checkText / textWarnings / utf8Length", () => {
  it("checkText accepts any well-formed string, astral characters included, and rejects lone surrogates and non-strings", () => {
    expect(checkText("naïve 😀 文字", "x")).toBe("naïve 😀 文字");
    expect(() => checkText("\uDE00 a", "The text")).toThrow(/The text is not valid Unicode text: a lone surrogate \(U\+DE00\) at character 1/);
    expect(() => checkText(null, "The text")).toThrow(InputError);
    expect(() => checkText(42, "The text")).toThrow(/must be text, got number/);
  });
  it("textWarnings flags U+FFFD (bytes that were not UTF-8) and control characters, and nothing in clean text", () => {
    expect(textWarnings("caf\uFFFD au lait \uFFFD", "The candidate")[0]).toMatch(/2 replacement characters/);
    expect(textWarnings("a\u0007b", "The candidate")[0]).toMatch(/1 control character/);
    expect(textWarnings("clean text\twith a tab\n", "x")).toEqual([]);
  });
  it("mis-decoded text still gets a result, never NaN: sentenceBleu('caf\\uFFFD', ['café']) is 0", () => {
    const s = sentenceBleu("caf\uFFFD", ["café"]);
    expect(s.score).toBe(0);
  });
  it("utf8Length counts bytes: 1 for ASCII, 2 for é, 3 for 文, 4 for 😀", () => {
    expect([utf8Length("a"), utf8Length("é"), utf8Length("文"), utf8Length("😀")]).toEqual([1, 2, 3, 4]);
  });
});
