// Where the loss page's distributions start: the logits in the link (?p=…&q=…) resized to K, or
// seeded logits when the link has none. A malformed link value is reported once (kit urlProblems)
// and replaced by the seeded logits.
import {mulberry32} from "../../labs/kit/random.js";
import type {Parsed} from "../../labs/kit/params.js";
import {parseLogits, seededLogits} from "../../labs/loss/text.js";
import {reportProblem} from "../kit/url-state.js";

const checked = new Set<string>();

/** Logit list of any length (K is applied by resizing). */
function parseAnyLength(text: string, name: string): Parsed<number[]> {
  const n = String(text).split(",").length;
  if (n > 20) return {ok: false, error: `${name} has ${n} logits; K is at most 20.`};
  return parseLogits(text, n, name);
}

export function startLogits(key: "p" | "q", K: number, seed: number): number[] {
  const seeded = seededLogits(mulberry32(seed + (key === "q" ? 7919 : 0)), K);
  const text = new URLSearchParams(globalThis.location?.search ?? "").get(key);
  if (text === null) return seeded;
  const parsed = parseAnyLength(text, key);
  if (!parsed.ok) {
    if (!checked.has(key)) reportProblem(`Link parameter “${key}”: ${parsed.error} Using seeded logits instead.`);
    checked.add(key);
    return seeded;
  }
  const out = seeded.slice();
  for (let i = 0; i < K && i < parsed.value.length; i++) out[i] = parsed.value[i];
  if (out.every((z) => z === -Infinity)) return seeded;
  return out;
}

/** A stand-in for a control that cannot be built: shows nothing itself, carries the error as its value. */
export function blocked(error: string): HTMLElement & {value: Parsed<number[]>; text: string} {
  const el = document.createElement("div") as unknown as HTMLElement & {value: Parsed<number[]>; text: string};
  Object.defineProperty(el, "value", {get: () => ({ok: false, error})});
  Object.defineProperty(el, "text", {get: () => ""});
  return el;
}
