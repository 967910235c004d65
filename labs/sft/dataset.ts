// The instruction dataset the page trains on: three question–answer conversations per chemical element
// (data/sft/elements.tsv, the first 36 elements), rendered with a chat template, tokenized with GPT-2 BPE and
// mapped to a compact vocabulary (only the ids that occur), so a tiny model can train on it in a browser.
// Not a benchmark: it is small and regular on purpose, so the effect of masking shows in minutes.
import {InputError} from "../kit/params.js";
import {type CharSpan, labelChat, tokenMask} from "./labels.js";
import {ELEMENTS_TSV} from "./elements-text.js";
import {FAMILIES, type ChatFamily, type Message, renderChat} from "./templates.js";
import {SPECIAL_IDS, decode, encode} from "./tokenizer.js";

export interface Element {
  number: number;
  symbol: string;
  name: string;
}

export function elements(): Element[] {
  return ELEMENTS_TSV.trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [number, symbol, name] = line.split("\t");
      return {number: Number(number), symbol, name};
    });
}

export const SYSTEM_PROMPT = "Answer in one sentence.";

/** The tiny model's context (tokens): every training chat fits (at most 41 tokens with SmolLM2's template). */
export const CONTEXT = 48;

/** Three conversations per element: its symbol, its atomic number, and the element with a given number. */
export function conversations(): Message[][] {
  const out: Message[][] = [];
  for (const e of elements()) {
    const qa: [string, string][] = [
      [`What is the symbol of ${e.name}?`, `The symbol of ${e.name} is ${e.symbol}.`],
      [`What is the atomic number of ${e.name}?`, `${e.name} has atomic number ${e.number}.`],
      [`Which element has atomic number ${e.number}?`, `Element ${e.number} is ${e.name}.`]
    ];
    for (const [q, a] of qa)
      out.push([
        {role: "system", content: SYSTEM_PROMPT},
        {role: "user", content: q},
        {role: "assistant", content: a}
      ]);
  }
  return out;
}

/**
 * A compact vocabulary: GPT-2 ids that occur in the dataset rendered with every family's template
 * (so a mismatched template can be fed to the model), plus <|endoftext|> for padding. Sorted.
 */
export interface Vocabulary {
  /** compact index → GPT-2 id */
  ids: Int32Array;
  /** GPT-2 id → compact index */
  index: Map<number, number>;
  pad: number; // compact index of <|endoftext|>
}

export function buildVocabulary(convs: Message[][], families: readonly ChatFamily[] = FAMILIES): Vocabulary {
  const seen = new Set<number>([SPECIAL_IDS["<|endoftext|>"]]);
  for (const fam of families)
    for (const c of convs) {
      const texts = [renderChat(fam, c), renderChat(fam, c.slice(0, -1), {addGenerationPrompt: true})];
      if (fam.id === "qwen3") texts.push(renderChat(fam, c.slice(0, -1), {addGenerationPrompt: true, enableThinking: false}));
      for (const text of texts) for (const id of encode(text)) seen.add(id);
    }
  const ids = Int32Array.from([...seen].sort((a, b) => a - b));
  const index = new Map<number, number>();
  ids.forEach((id, i) => index.set(id, i));
  return {ids, index, pad: index.get(SPECIAL_IDS["<|endoftext|>"])!};
}

export interface Example {
  /** compact ids [n] */
  ids: Int32Array;
  /** 1 = assistant token (trained on under masking) [n] */
  assistant: Uint8Array;
  /** 1 = a token of a user turn (prompt–question text and its markers) [n] */
  user: Uint8Array;
}

/** Tokenizes a conversation with a family's template into compact ids with its assistant mask. Throws if a token is outside the vocabulary. */
export function encodeExample(fam: ChatFamily, c: Message[], vocab: Vocabulary): Example {
  const l = labelChat(fam, c, "assistant");
  const ids = Int32Array.from(l.tokens, (t) => {
    const i = vocab.index.get(t.id);
    if (i === undefined) throw new Error(`Token ${JSON.stringify(t.text)} (id ${t.id}) is not in the compact vocabulary.`);
    return i;
  });
  // User turns by the same prefix rendering: render up to the turn, then with it, and mark the difference.
  const spans: CharSpan[] = [];
  c.forEach((m, k) => {
    if (m.role !== "user") return;
    const before = k === 0 ? "" : renderChat(fam, c.slice(0, k));
    const upTo = renderChat(fam, c.slice(0, k + 1));
    if (upTo.startsWith(before) && l.text.startsWith(upTo)) spans.push({start: before.length, end: upTo.length, turn: k});
  });
  return {ids, assistant: l.mask, user: tokenMask(l.tokens, spans)};
}

/** Compact ids of any text; throws InputError naming the first token outside the vocabulary. */
export function encodeText(text: string, vocab: Vocabulary): Int32Array {
  return Int32Array.from(encode(text), (id) => {
    const i = vocab.index.get(id);
    if (i === undefined) throw new InputError(`The token ${JSON.stringify(decode([id]))} never occurs in the training data, so the tiny model has no embedding for it.`);
    return i;
  });
}

/** Text of compact ids. */
export function decodeCompact(ids: ArrayLike<number>, vocab: Vocabulary): string {
  return decode(Array.from(ids, (i) => vocab.ids[i]));
}
