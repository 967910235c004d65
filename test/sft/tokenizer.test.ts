import {describe, expect, it} from "vitest";
import {CONTROL_TOKENS, SPECIAL_IDS, decode, encode, tokenize} from "../../labs/sft/tokenizer.js";

describe("tokenizer", () => {
  it("encode('<|im_start|>user\\nHi<|im_end|>') gives each control string as one id", () => {
    const ids = encode("<|im_start|>user\nHi<|im_end|>");
    expect(ids[0]).toBe(SPECIAL_IDS["<|im_start|>"]);
    expect(ids[ids.length - 1]).toBe(SPECIAL_IDS["<|im_end|>"]);
    for (const t of [...CONTROL_TOKENS, "<|endoftext|>"]) expect(encode(`a${t}b`)).toEqual([encode("a")[0], SPECIAL_IDS[t], encode("b")[0]]);
  });
  it("encode('hello world') equals GPT-2's published ids [31373, 995]", () => {
    // tiktoken's gpt2 encoding test (openai/tiktoken tests/test_encoding.py): "hello world" -> [31373, 995].
    expect(encode("hello world")).toEqual([31373, 995]);
  });
  it("decode(encode(text)) round-trips text with specials and non-ASCII", () => {
    const text = "<|im_start|>assistant\nÇa va ✓ 😀 [INST] x [/INST]</s>";
    expect(decode(encode(text))).toBe(text);
  });
  it("tokenize(text) spans cover the text in order, and each token's span is its text", () => {
    const text = "<s>[INST] Café 😀 ✓[/INST] Lima.</s>";
    const tokens = tokenize(text);
    expect(tokens[0].start).toBe(0);
    expect(tokens[tokens.length - 1].end).toBe(text.length);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i].start).toBeGreaterThanOrEqual(tokens[i - 1].start);
    for (const t of tokens) if (!t.text.includes("\ufffd")) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});
