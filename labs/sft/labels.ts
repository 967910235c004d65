// Per-token labels for supervised fine-tuning: label = token id where the loss counts, −100 (PyTorch's
// ignore_index) where it does not, under four policies. The assistant mask is found by prefix rendering,
// because @huggingface/jinja drops `{% generation %}` tags. Leaves out tools and multimodal content.
// Source: TRL SFTTrainer (completion_only_loss, assistant_only_loss); transformers apply_chat_template.
import {InputError} from "../kit/params.js";
import {type ChatFamily, type Message, checkConversation, renderChat} from "./templates.js";
import {type Token, tokenize} from "./tokenizer.js";

import {IGNORE_INDEX, type Policy} from "./policies.js";
export {IGNORE_INDEX, POLICIES, type Policy, maskedMeanLoss} from "./policies.js";

/** A half-open character range [start, end) of the rendered text, and the turn it came from. */
export interface CharSpan {
  start: number;
  end: number;
  turn: number;
}

type Fam = Pick<ChatFamily, "template" | "bosToken" | "eosToken">;

/**
 * Character spans of every assistant turn in the rendered chat, by prefix rendering: for an assistant
 * turn k, render turns [0, k) with the generation prompt (A) and turns [0, k] without (B); the turn's span
 * is B minus A, which must sit at the same place in the whole rendering.
 * Errors (InputError): a conversation starting with the assistant, or a template that is not
 * prefix-preserving (it rewrites earlier turns, e.g. Qwen3 drops old <think> blocks), so the spans
 * would not line up with the text that is trained on.
 */
export function assistantSpans(fam: Fam, messages: readonly Message[]): {text: string; spans: CharSpan[]} {
  checkConversation(messages);
  const text = renderChat(fam, messages);
  const spans: CharSpan[] = [];
  messages.forEach((m, k) => {
    if (m.role !== "assistant") return;
    if (k === 0) throw new InputError("The conversation starts with an assistant turn; there is no prompt to condition it on.");
    const before = renderChat(fam, messages.slice(0, k), {addGenerationPrompt: true});
    const upTo = renderChat(fam, messages.slice(0, k + 1));
    if (!upTo.startsWith(before)) throw new InputError(`Turn ${k + 1}: the rendered turn does not start with the generation prompt, so the template is not prefix-preserving here.`);
    if (!text.startsWith(upTo)) throw new InputError(`Turn ${k + 1}: the chat rendered up to this turn is not a prefix of the whole chat — the template rewrites earlier turns once more turns follow, so a mask from prefix rendering would be wrong.`);
    if (upTo.length > before.length) spans.push({start: before.length, end: upTo.length, turn: k});
  });
  return {text, spans};
}

/** The completion of prompt–completion data: everything after the rendered prompt (turns before the last, with the generation prompt). */
export function completionSpan(fam: Fam, messages: readonly Message[]): {text: string; spans: CharSpan[]} {
  checkConversation(messages);
  const last = messages.length - 1;
  if (messages[last].role !== "assistant") throw new InputError("Completion-only loss needs a conversation that ends with an assistant turn (the completion).");
  if (last === 0) throw new InputError("Completion-only loss needs a prompt before the completion.");
  const text = renderChat(fam, messages);
  const prompt = renderChat(fam, messages.slice(0, last), {addGenerationPrompt: true});
  if (!text.startsWith(prompt)) throw new InputError("The rendered prompt is not a prefix of the rendered conversation, so the completion cannot be cut off it.");
  return {text, spans: [{start: prompt.length, end: text.length, turn: last}]};
}

/** 1 for tokens whose characters overlap a span (as transformers' char_to_token marking does), else 0. Shape [tokens.length]. */
export function tokenMask(tokens: readonly Token[], spans: readonly CharSpan[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  tokens.forEach((t, i) => {
    if (spans.some((s) => t.start < s.end && t.end > s.start)) mask[i] = 1;
  });
  return mask;
}

export interface Labelled {
  text: string;
  tokens: Token[];
  /** 1 where the token is trained on. Shape [n]. */
  mask: Uint8Array;
  /** ids where mask = 1, else −100. Shape [n]. */
  labels: Int32Array;
  spans: CharSpan[];
}

/**
 * Renders, tokenizes and labels a conversation under a policy. For the masked policies, a mask that comes
 * out empty (nothing to learn) or all ones (nothing masked: the template's prompt is invisible) is an
 * InputError, never silently trained on.
 */
export function labelChat(fam: Fam, messages: readonly Message[], policy: Policy): Labelled {
  let text: string;
  let spans: CharSpan[];
  if (policy === "full") {
    text = renderChat(fam, messages);
    spans = [{start: 0, end: text.length, turn: -1}];
  } else if (policy === "completion") {
    ({text, spans} = completionSpan(fam, messages));
  } else {
    ({text, spans} = assistantSpans(fam, messages));
    if (policy === "last-assistant") spans = spans.slice(-1);
  }
  const tokens = tokenize(text);
  const mask = tokenMask(tokens, spans);
  const on = mask.reduce((a, b) => a + b, 0);
  if (policy !== "full") {
    if (on === 0) throw new InputError(`The "${policy}" mask is empty: no token of this chat would be trained on. Add an assistant turn with text.`);
    if (on === tokens.length) throw new InputError(`The "${policy}" mask covers every token: the template renders no prompt around the assistant text, so masking would change nothing.`);
  }
  const labels = new Int32Array(tokens.length);
  tokens.forEach((t, i) => (labels[i] = mask[i] ? t.id : IGNORE_INDEX));
  return {text, tokens, mask, labels, spans};
}
