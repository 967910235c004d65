import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {IGNORE_INDEX, assistantSpans, labelChat, maskedMeanLoss} from "../../labs/sft/labels.js";
import {type Message, family} from "../../labs/sft/templates.js";
import {decode} from "../../labs/sft/tokenizer.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
type Render = {family: string; conversation: string; case: string; text?: string};
const fixtures = JSON.parse(read("data/sft/fixtures/jinja2-renders.json")) as {renders: Render[]};
const conversations = JSON.parse(read("data/sft/conversations.json")) as {name: string; messages: Message[]}[];
const conv = (name: string) => conversations.find((c) => c.name === name)!.messages;
const fixture = (fam: string, name: string, kase: string) => fixtures.renders.find((r) => r.family === fam && r.conversation === name && r.case === kase)!.text!;

const trained = (l: ReturnType<typeof labelChat>) => decode(l.tokens.filter((_, i) => l.labels[i] !== IGNORE_INDEX).map((t) => t.id));

describe("labels", () => {
  it("assistantSpans(smollm2, two turns) are the differences of Jinja2's prefix renders", () => {
    const {text, spans} = assistantSpans(family("smollm2"), conv("system and two turns"));
    expect(text).toBe(fixture("smollm2", "system and two turns", "full"));
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [fixture("smollm2", "system and two turns", "first 2+generation prompt").length, fixture("smollm2", "system and two turns", "first 3").length],
      [fixture("smollm2", "system and two turns", "first 4+generation prompt").length, text.length]
    ]);
  });

  it("labelChat(smollm2, 'assistant') trains on the answers and their <|im_end|>\\n only", () => {
    const l = labelChat(family("smollm2"), conv("system and two turns"), "assistant");
    expect(trained(l)).toBe("The capital of Chile is Santiago.<|im_end|>\nThe capital of Spain is Madrid.<|im_end|>\n");
    const last = labelChat(family("smollm2"), conv("system and two turns"), "last-assistant");
    expect(trained(last)).toBe("The capital of Spain is Madrid.<|im_end|>\n");
    const completion = labelChat(family("smollm2"), conv("system and two turns"), "completion");
    expect(trained(completion)).toBe("The capital of Spain is Madrid.<|im_end|>\n");
    const full = labelChat(family("smollm2"), conv("system and two turns"), "full");
    expect(trained(full)).toBe(full.text);
    expect([...full.labels]).toEqual(full.tokens.map((t) => t.id));
  });

  it("labelChat(mistral, 'assistant') trains on ' answer</s>' (the template's leading space and eos)", () => {
    const l = labelChat(family("mistral"), conv("single turn"), "assistant");
    expect(trained(l)).toBe(" The capital of Peru is Lima.</s>");
  });

  it("labelChat(qwen3, single turn) includes the empty <think> block the template adds to the last turn", () => {
    const l = labelChat(family("qwen3"), conv("single turn"), "assistant");
    expect(trained(l)).toBe("<think>\n\n</think>\n\nThe capital of Peru is Lima.<|im_end|>\n");
  });

  it("labelChat(qwen3 or mistral+system, two turns, 'assistant') is an InputError: the template is not prefix-preserving", () => {
    expect(() => labelChat(family("qwen3"), conv("system and two turns"), "assistant")).toThrow(/not a prefix/);
    expect(() => labelChat(family("qwen3"), conv("reasoning in both turns"), "assistant")).toThrow(InputError);
    expect(() => labelChat(family("mistral"), conv("system and two turns"), "assistant")).toThrow(/prefix-preserving/);
  });

  it("labelChat(...) with a mask that is empty or all ones is an InputError", () => {
    const contentOnly = {template: "{% for m in messages %}{{ m.content }}{% endfor %}", bosToken: "", eosToken: ""};
    expect(() => labelChat(contentOnly, [{role: "user", content: ""}, {role: "assistant", content: "Hi"}], "assistant")).toThrow(/covers every token/);
    const usersOnly = {template: "{% for m in messages %}{% if m.role == 'user' %}{{ m.content }}{% endif %}{% endfor %}", bosToken: "", eosToken: ""};
    expect(() => labelChat(usersOnly, [{role: "user", content: "Hi"}, {role: "assistant", content: "Hello"}], "assistant")).toThrow(/is empty/);
    expect(() => labelChat(family("smollm2"), conv("ends with the user"), "completion")).toThrow(InputError);
    expect(() => labelChat(family("smollm2"), conv("ends with the user"), "assistant")).toThrow(/is empty/);
  });

  it("maskedMeanLoss([_, 1, 2, 3, 6], [x, -100, 5, -100, 7]) = (2 + 6) / 2 over 2 tokens", () => {
    expect(maskedMeanLoss([9, 1, 2, 3, 6], [1, -100, 5, -100, 7])).toEqual({mean: 4, count: 2});
  });
});
