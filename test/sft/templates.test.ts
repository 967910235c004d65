import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {FAMILIES, type Message, family, renderChat} from "../../labs/sft/templates.js";
import {MISTRAL_TEMPLATE, QWEN3_TEMPLATE, SMOLLM2_TEMPLATE} from "../../labs/sft/template-text.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
type Render = {family: string; conversation: string; case: string; turns: number; add_generation_prompt: boolean; enable_thinking?: boolean; text?: string; error?: string};
const fixtures = JSON.parse(read("data/sft/fixtures/jinja2-renders.json")) as {renders: Render[]};
const conversations = JSON.parse(read("data/sft/conversations.json")) as {name: string; messages: Message[]}[];

// @huggingface/jinja 0.5.11 ignores the argument of str.strip/lstrip/rstrip and trims all whitespace
// (the same bug as huggingface/swift-jinja#64). Qwen3's `content.lstrip('\n')` therefore also eats the
// leading spaces of the last assistant answer. The only fixture case that shows it is pinned here, so a
// fixed library version makes this test fail and the exception can go.
const knownDivergence = (r: Render) => r.family === "qwen3" && r.conversation === "spaces, unicode and markup" && r.turns === 2;

describe("chat templates", () => {
  it("template-text.ts holds the .jinja files byte for byte", () => {
    expect(SMOLLM2_TEMPLATE).toBe(read("data/sft/templates/smollm2.jinja"));
    expect(MISTRAL_TEMPLATE).toBe(read("data/sft/templates/mistral.jinja"));
    expect(QWEN3_TEMPLATE).toBe(read("data/sft/templates/qwen3.jinja"));
  });

  it(`renderChat(...) equals Python Jinja2's rendering in all ${fixtures.renders.length} fixture cases`, () => {
    expect(fixtures.renders.length).toBeGreaterThan(90);
    for (const r of fixtures.renders) {
      const messages = conversations.find((c) => c.name === r.conversation)!.messages.slice(0, r.turns);
      const run = () => renderChat(family(r.family), messages, {addGenerationPrompt: r.add_generation_prompt, enableThinking: r.enable_thinking});
      const label = `${r.family} / ${r.conversation} / ${r.case}`;
      if (r.error !== undefined) expect(run, label).toThrow(r.error);
      else if (knownDivergence(r)) expect(run(), label).toBe(r.text!.replace("</think>\n\n  Ça va", "</think>\n\nÇa va"));
      else expect(run(), label).toBe(r.text);
    }
  });

  it("renderChat(qwen3, answer with leading spaces) trims them, where Jinja2's lstrip('\\n') keeps them (known @huggingface/jinja bug)", () => {
    const text = renderChat(family("qwen3"), [{role: "user", content: "x"}, {role: "assistant", content: "  y"}]);
    expect(text.endsWith("</think>\n\ny<|im_end|>\n")).toBe(true);
  });

  it("renderChat(qwen3, two turns with <think>) drops the first turn's reasoning (the fixture shows it too)", () => {
    const conv = conversations.find((c) => c.name === "reasoning in both turns")!.messages;
    const text = renderChat(family("qwen3"), conv);
    expect(text).not.toContain("91 = 7 * 13.");
    expect(text).toContain("No divisor up to 9 works.");
  });

  it("renderChat(...) rejects an empty conversation, an unknown role and a raising template with InputError", () => {
    const smol = FAMILIES[0];
    expect(() => renderChat(smol, [])).toThrow(InputError);
    expect(() => renderChat(smol, [{role: "tool", content: "x"} as unknown as Message])).toThrow(/role "tool"/);
    expect(() => renderChat(family("mistral"), [{role: "user", content: "a"}, {role: "user", content: "b"}])).toThrow(InputError);
    expect(() => renderChat({template: "{% for %}", bosToken: "", eosToken: ""}, [{role: "user", content: "a"}])).toThrow(InputError);
    expect(() => family("llama")).toThrow(InputError);
  });
});
