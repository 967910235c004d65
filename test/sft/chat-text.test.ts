import {describe, expect, it} from "vitest";
import {InputError} from "../../labs/kit/params.js";
import {formatChat, parseChat} from "../../labs/sft/chat-text.js";

describe("chat text", () => {
  it("parseChat('system: a\\nuser: b\\nmore\\nassistant: c') gives three turns with the continuation line kept", () => {
    expect(parseChat("system: a\nuser: b\nmore\nassistant: c")).toEqual([
      {role: "system", content: "a"},
      {role: "user", content: "b\nmore"},
      {role: "assistant", content: "c"}
    ]);
  });
  it("parseChat(formatChat(m)) round-trips", () => {
    const m = [{role: "user" as const, content: "x: y"}, {role: "assistant" as const, content: "<b>z</b>"}];
    expect(parseChat(formatChat(m))).toEqual(m);
  });
  it("parseChat rejects an empty text, a first line with an unknown role and text before any role", () => {
    expect(() => parseChat("  \n")).toThrow(InputError);
    expect(() => parseChat("tool: run it")).toThrow(/role "tool"/);
    expect(() => parseChat("hello\nuser: x")).toThrow(InputError);
    expect(() => parseChat("user: a\ntool: b")).toThrow(/Line 2 .*"tool"/);
  });
  it("parseChat keeps 'Note: x' inside a turn (a capitalised word is not a role)", () => {
    expect(parseChat("user: a\nNote: b")).toEqual([{role: "user", content: "a\nNote: b"}]);
  });
});
