// Module worker for the /sft page's text pipeline: parse the reader's chat, render it with a template,
// tokenize it (building js-tiktoken's GPT-2 encoder, ~0.5 s, once) and label it, off the main thread.
// Not training (worker.ts). Answers {id, request} with {id, answer} or {id, failure}.
import {parseChat} from "./chat-text.js";
import {type Labelled, labelChat} from "./labels.js";
import {POLICIES, type Policy} from "./policies.js";
import {family, renderChat, type Message} from "./templates.js";
import {CONTEXT, type Vocabulary, buildVocabulary, conversations} from "./dataset.js";
import {tokenize} from "./tokenizer.js";

export type TextRequest = {kind: "chat"; chat: string; family: string; policy: Policy} | {kind: "trap"} | {kind: "probe"};

/** Tokens this policy trains on, or why the policy refuses the chat. */
export type PolicyCount = {on: number; total: number} | {error: string};

/** What the tiny model of section 6 can score: its compact vocabulary against the chat in its training template. */
export interface VocabularyCheck {
  /** token types the tiny model has embeddings for */
  size: number;
  /** tokens of the chat rendered with SmolLM2's template, and the distinct ones outside the vocabulary */
  total: number;
  outside: string[];
}

export type ChatAnswer =
  | {parseError: string}
  | {labelled: {value: Labelled} | {error: string}; counts: Record<Policy, PolicyCount>; context: number; vocabulary: VocabularyCheck | null};

export type TrapAnswer = {text: string; error: string | null};
export type ProbeAnswer = Record<Policy, Labelled>;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const PROBE = conversations()[75]; // "What is the symbol of Iron?": the training worker's probe (train.ts)
let vocab: Vocabulary | null = null;

function vocabularyCheck(messages: Message[]): VocabularyCheck | null {
  vocab ??= buildVocabulary(conversations());
  let tokens;
  try {
    tokens = tokenize(renderChat(family("smollm2"), messages));
  } catch {
    return null;
  }
  const outside = [...new Set(tokens.filter((t) => !vocab!.index.has(t.id)).map((t) => t.text))];
  return {size: vocab.ids.length, total: tokens.length, outside};
}

function chat(text: string, familyId: string, policy: Policy): ChatAnswer {
  let messages: Message[];
  try {
    messages = parseChat(text);
  } catch (e) {
    return {parseError: message(e)};
  }
  const fam = family(familyId);
  const counts = {} as Record<Policy, PolicyCount>;
  let labelled: {value: Labelled} | {error: string} = {error: ""};
  for (const p of POLICIES) {
    try {
      const l = labelChat(fam, messages, p.id);
      counts[p.id] = {on: l.mask.reduce((a, b) => a + b, 0), total: l.tokens.length};
      if (p.id === policy) labelled = {value: l};
    } catch (e) {
      counts[p.id] = {error: message(e)};
      if (p.id === policy) labelled = {error: message(e)};
    }
  }
  return {labelled, counts, context: CONTEXT, vocabulary: vocabularyCheck(messages)};
}

const TRAP: Message[] = [{role: "user", content: "Is 91 prime?"}, {role: "assistant", content: "<think>\n91 = 7 × 13.\n</think>\n\nNo."}, {role: "user", content: "Is 97 prime?"}, {role: "assistant", content: "<think>\nNo divisor up to 9.\n</think>\n\nYes."}];

function answer(r: TextRequest): ChatAnswer | TrapAnswer | ProbeAnswer {
  if (r.kind === "chat") return chat(r.chat, r.family, r.policy);
  if (r.kind === "trap") {
    let error: string | null = null;
    try {
      labelChat(family("qwen3"), TRAP, "assistant");
    } catch (e) {
      error = message(e);
    }
    return {text: renderChat(family("qwen3"), TRAP), error};
  }
  return Object.fromEntries(POLICIES.map((p) => [p.id, labelChat(family("smollm2"), PROBE, p.id)])) as ProbeAnswer;
}

self.onmessage = (event: MessageEvent<{id: number; request: TextRequest}>) => {
  const {id, request} = event.data;
  try {
    self.postMessage({id, answer: answer(request)});
  } catch (e) {
    self.postMessage({id, failure: message(e)});
  }
};
