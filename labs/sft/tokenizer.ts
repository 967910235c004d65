// Real BPE tokens for rendered chats: GPT-2's byte-level BPE (js-tiktoken's lite entry with the gpt2 rank
// file) plus the chat control strings registered as special tokens, so each comes out as ONE id, as in a
// model's tokenizer.json "added_tokens". Not the families' own vocabularies (those are 32k–152k entries).
// Source: js-tiktoken 1.0.21 (port of openai/tiktoken); GPT-2 ranks from OpenAI's gpt2 encoder.
import {Tiktoken} from "js-tiktoken/lite";
import gpt2 from "js-tiktoken/ranks/gpt2";

/** GPT-2 has 50,257 tokens (ids 0–50256, 50256 = <|endoftext|>); control tokens get the next ids. */
export const CONTROL_TOKENS = ["<|im_start|>", "<|im_end|>", "<s>", "</s>", "[INST]", "[/INST]", "<think>", "</think>"] as const;
export const SPECIAL_IDS: Record<string, number> = {"<|endoftext|>": 50256};
CONTROL_TOKENS.forEach((t, i) => (SPECIAL_IDS[t] = 50257 + i));
export const VOCAB_SIZE = 50257 + CONTROL_TOKENS.length;

export interface Token {
  id: number;
  /** The token's text (a lone piece of a multi-byte character shows as U+FFFD). */
  text: string;
  special: boolean;
  /** [start, end) in UTF-16 code units of the encoded string; a token inside a character spans that character. */
  start: number;
  end: number;
}

let encoder: Tiktoken | null = null;
function enc(): Tiktoken {
  encoder ??= new Tiktoken(gpt2, SPECIAL_IDS);
  return encoder;
}

/** Byte length of one token: its UTF-8 bytes in the rank table, or its special string's bytes. */
function tokenBytes(id: number): Uint8Array {
  // js-tiktoken keeps the rank table's bytes in `textMap` (internal in 1.0.21); checked, not assumed.
  const table = (enc() as unknown as {textMap?: Map<number, Uint8Array>}).textMap;
  if (!(table instanceof Map)) throw new Error("js-tiktoken no longer exposes its byte table; pin 1.0.21.");
  const bytes = table.get(id);
  if (bytes) return bytes;
  const special = Object.entries(SPECIAL_IDS).find(([, v]) => v === id);
  if (!special) throw new Error(`Token id ${id} is not in the vocabulary.`);
  return new TextEncoder().encode(special[0]);
}

/** Token ids of `text`; every control string in CONTROL_TOKENS (and <|endoftext|>) becomes one id. */
export function encode(text: string): number[] {
  return enc().encode(text, "all");
}

export function decode(ids: readonly number[]): string {
  return enc().decode([...ids]);
}

/**
 * Tokens of `text` with their character spans, so a character mask can be mapped to tokens.
 * Shapes: returns one Token per id, spans cover [0, text.length) in order without gaps.
 */
export function tokenize(text: string): Token[] {
  const ids = encode(text);
  // byteToChar[b] = index of the UTF-16 unit where the character holding byte b starts.
  const byteToChar: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) byteToChar.push(i);
    i += units;
  }
  byteToChar.push(text.length);
  const tokens: Token[] = [];
  let byte = 0;
  for (const id of ids) {
    const n = tokenBytes(id).length;
    const start = byteToChar[byte];
    const lastChar = byteToChar[byte + n - 1];
    const cp = text.codePointAt(lastChar)!;
    const end = lastChar + (cp > 0xffff ? 2 : 1);
    tokens.push({id, text: decode([id]), special: id >= 50256, start, end});
    byte += n;
  }
  return tokens;
}
