import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {ELEMENTS_TSV} from "../../labs/sft/elements-text.js";
import {buildVocabulary, conversations, decodeCompact, elements, encodeExample, encodeText} from "../../labs/sft/dataset.js";
import {makeBatch} from "../../labs/sft/train.js";
import {CONTEXT} from "../../labs/sft/dataset.js";
import {family} from "../../labs/sft/templates.js";
import {InputError} from "../../labs/kit/params.js";

describe("SFT dataset", () => {
  const convs = conversations();
  const vocab = buildVocabulary(convs);

  it("elements-text.ts holds data/sft/elements.tsv byte for byte; 36 elements, H = 1 … Kr = 36", () => {
    expect(ELEMENTS_TSV).toBe(readFileSync(new URL("../../data/sft/elements.tsv", import.meta.url), "utf8"));
    const e = elements();
    expect(e.length).toBe(36);
    expect(e[0]).toEqual({number: 1, symbol: "H", name: "Hydrogen"});
    expect(e[25]).toEqual({number: 26, symbol: "Fe", name: "Iron"});
    expect(e.map((x) => x.number)).toEqual(Array.from({length: 36}, (_, i) => i + 1));
  });

  it("conversations() gives 108 single-turn chats; encodeExample marks the answer and <|im_end|>\\n as assistant", () => {
    expect(convs.length).toBe(108);
    const ex = encodeExample(family("smollm2"), convs[75], vocab);
    const answer = decodeCompact(ex.ids.filter((_, i) => ex.assistant[i]), vocab);
    expect(answer).toBe("The symbol of Iron is Fe.<|im_end|>\n");
    const question = decodeCompact(ex.ids.filter((_, i) => ex.user[i]), vocab);
    expect(question).toBe("<|im_start|>user\nWhat is the symbol of Iron?<|im_end|>\n");
    expect(decodeCompact(ex.ids, vocab)).toBe("<|im_start|>system\nAnswer in one sentence.<|im_end|>\n" + question + "<|im_start|>assistant\n" + answer);
  });

  it("the compact vocabulary covers every family's prompts and fits the context", () => {
    for (const c of convs) expect(encodeExample(family("smollm2"), c, vocab).ids.length).toBeLessThanOrEqual(CONTEXT);
    expect(() => encodeText("<s>[INST] Answer in one sentence.\n\nWhat is the symbol of Iron?[/INST]", vocab)).not.toThrow();
    expect(() => encodeText("<|im_start|>assistant\n<think>\n\n</think>\n\n", vocab)).not.toThrow();
    expect(() => encodeText("zebra", vocab)).toThrow(InputError);
  });

  it("makeBatch(masked) targets only the next tokens that are assistant tokens; full targets all; padding is −100", () => {
    const ex = {ids: Int32Array.from([5, 6, 7, 8]), assistant: Uint8Array.from([0, 0, 1, 1]), user: new Uint8Array(4)};
    const masked = makeBatch([ex], 0, "masked");
    const full = makeBatch([ex], 0, "full");
    expect([...masked.targets.slice(0, 5)]).toEqual([-100, 7, 8, -100, -100]);
    expect([...full.targets.slice(0, 5)]).toEqual([6, 7, 8, -100, -100]);
    expect([...full.ids.slice(0, 6)]).toEqual([5, 6, 7, 8, 0, 0]);
  });
});
