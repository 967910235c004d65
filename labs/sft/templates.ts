// Chat templates: render a conversation with a model family's real Jinja template (@huggingface/jinja),
// the way `tokenizer.apply_chat_template(messages, tokenize=False)` does in transformers.
// Does not tokenize (see tokenizer.ts) and supports no tools. Templates: data/sft/templates/ (SOURCES.md).
import {Template} from "@huggingface/jinja";
import {InputError} from "../kit/params.js";
import {MISTRAL_TEMPLATE, QWEN3_TEMPLATE, SMOLLM2_TEMPLATE} from "./template-text.js";

export type Role = "system" | "user" | "assistant";
export interface Message {
  role: Role;
  content: string;
}

export interface ChatFamily {
  id: "smollm2" | "mistral" | "qwen3";
  name: string;
  template: string;
  bosToken: string;
  eosToken: string;
  /** One line for the page: where the template comes from. */
  source: string;
}

export const FAMILIES: readonly ChatFamily[] = [
  {id: "smollm2", name: "SmolLM2 (ChatML)", template: SMOLLM2_TEMPLATE, bosToken: "<|im_start|>", eosToken: "<|im_end|>", source: "HuggingFaceTB/SmolLM2-135M-Instruct, tokenizer_config.json (Apache-2.0)"},
  {id: "mistral", name: "Mistral ([INST])", template: MISTRAL_TEMPLATE, bosToken: "<s>", eosToken: "</s>", source: "huggingface/trl, trl/chat_templates/mistral.jinja (Apache-2.0)"},
  {id: "qwen3", name: "Qwen3 (ChatML + <think>)", template: QWEN3_TEMPLATE, bosToken: "<|endoftext|>", eosToken: "<|im_end|>", source: "huggingface/trl, trl/chat_templates/qwen3.jinja (Apache-2.0)"}
];

export type FamilyId = ChatFamily["id"];

export function family(id: string): ChatFamily {
  const found = FAMILIES.find((f) => f.id === id);
  if (!found) throw new InputError(`Unknown template family "${id}"; choose one of ${FAMILIES.map((f) => f.id).join(", ")}.`);
  return found;
}

const ROLES = new Set(["system", "user", "assistant"]);

/** Checks a conversation: non-empty, known roles, string contents. Throws InputError otherwise. */
export function checkConversation(messages: readonly {role: string; content: unknown}[]): asserts messages is Message[] {
  if (!Array.isArray(messages) || messages.length === 0) throw new InputError("The conversation is empty; add at least one turn.");
  messages.forEach((m, i) => {
    if (!ROLES.has(m.role)) throw new InputError(`Turn ${i + 1} has the role "${String(m.role)}"; use system, user or assistant.`);
    if (typeof m.content !== "string") throw new InputError(`Turn ${i + 1} has no text.`);
  });
}

const compiled = new Map<string, Template>();
function compile(source: string): Template {
  let t = compiled.get(source);
  if (!t) {
    try {
      t = new Template(source);
    } catch (error) {
      throw new InputError(`The template does not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
    compiled.set(source, t);
  }
  return t;
}

export interface RenderOptions {
  addGenerationPrompt?: boolean;
  /** Qwen3's switch; undefined leaves the variable undefined, as transformers does by default. */
  enableThinking?: boolean;
}

/**
 * Renders `messages` with a family's template (or any template source with `{bosToken, eosToken}`).
 * Returns the text exactly as Jinja2 would (the tests compare with Python Jinja2 fixtures).
 * Errors: InputError for an empty conversation, an unknown role, or a template that raises or fails.
 */
export function renderChat(fam: Pick<ChatFamily, "template" | "bosToken" | "eosToken">, messages: readonly Message[], options: RenderOptions = {}): string {
  checkConversation(messages);
  const context: Record<string, unknown> = {
    messages: messages.map((m) => ({role: m.role, content: m.content})),
    bos_token: fam.bosToken,
    eos_token: fam.eosToken,
    add_generation_prompt: options.addGenerationPrompt ?? false
  };
  if (options.enableThinking !== undefined) context.enable_thinking = options.enableThinking;
  try {
    return compile(fam.template).render(context);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`The template refused this conversation: ${error instanceof Error ? error.message : String(error)}`);
  }
}
