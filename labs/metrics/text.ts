// Text helpers shared by the metrics: Python's idea of whitespace (sacreBLEU splits with str.split()),
// and the checks that turn unusable input into a clear InputError. Not a tokenizer itself.
// Source: Python 3.11 str.isspace (the 29 code points below, checked with /usr/bin/python3).
import {InputError} from "../kit/params.js";

/** The code points Python's str.split() splits on (str.isspace); JavaScript's \s differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PY_SPACE = "\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, "g");
const PY_TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);

/** Python's `text.split()`: runs of whitespace separate tokens, no empty tokens. */
export function pySplit(text: string): string[] {
  return text.split(PY_SPACE_RUN).filter((token) => token !== "");
}

/** Python's `text.rstrip()`. */
export function pyRstrip(text: string): string {
  return text.replace(PY_TRAILING_SPACE, "");
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Throws an InputError when `text` is not a string or holds a lone UTF-16 surrogate (such text has no
 * UTF-8 encoding, so no reference tool could have read it). `what` names the text in the message.
 */
export function checkText(text: unknown, what: string): string {
  if (typeof text !== "string") throw new InputError(`${what} must be text, got ${text === null ? "null" : typeof text}.`);
  const bad = LONE_SURROGATE.exec(text);
  if (bad) throw new InputError(`${what} is not valid Unicode text: a lone surrogate (U+${bad[0].charCodeAt(0).toString(16).toUpperCase()}) at character ${bad.index + 1}; it cannot be encoded as UTF-8.`);
  return text;
}

/**
 * Warnings (not errors) about text that looks mis-decoded: U+FFFD replacement characters, which a
 * decoder writes where bytes were not valid UTF-8, and C0 control characters other than tab/newline.
 */
export function textWarnings(text: string, what: string): string[] {
  const warnings: string[] = [];
  const replacement = (text.match(/\uFFFD/g) ?? []).length;
  if (replacement) warnings.push(`${what} contains ${replacement} replacement character${replacement > 1 ? "s" : ""} (�): it was probably decoded from bytes that were not UTF-8, so its words will not match.`);
  const control = (text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g) ?? []).length;
  if (control) warnings.push(`${what} contains ${control} control character${control > 1 ? "s" : ""}; they are treated as written.`);
  return warnings;
}

/** Bytes of `text` in UTF-8 (what "bits per byte" divides by). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
