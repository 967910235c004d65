// One declaration per control: its URL key, label, type, bounds, step and default. From it come the
// parser of a link value, the formatter that writes it back, and the message for a bad value, so
// none of them is written twice. Pure (no DOM): docs/components/kit/controls.ts builds the input.
// Modelled on TensorFlow Playground's state table (one row per URL-backed setting).
import {booleanParam, choiceParam, intParam, numberListParam, numberParam, quote, type Parsed} from "./params.js";

interface Base<T> {
  /** URL query key; also the name in messages when `name` is absent. */
  key: string;
  label: string;
  /** Name used in messages (defaults to the label). */
  name?: string;
  value: T;
  /** false: the control is not written to or read from the URL (e.g. a pasted document). */
  url?: boolean;
}
export interface RangeSpec extends Base<number> {type: "range"; min: number; max: number; step?: number}
/** A typed number with bounds; bad text shows a message beside the box and keeps the last good value. */
export interface NumberSpec extends Base<number> {type: "number"; min: number; max: number; integer?: boolean; exclusiveMin?: boolean}
export interface ChoiceSpec<C extends string = string> extends Base<C> {type: "select" | "radio"; choices: readonly C[]; format?: (choice: C) => string}
export interface ToggleSpec extends Base<boolean> {type: "toggle"}
/** Comma-separated numbers; the value is the parsed list. `negativeInfinity`: "-inf" is also a value (e.g. a logit of probability 0). */
export interface ListSpec extends Base<number[]> {type: "list"; min: number; max: number; integer?: boolean; minLength?: number; maxLength?: number; placeholder?: string; negativeInfinity?: boolean}
export interface TextSpec extends Base<string> {type: "text" | "textarea"; maxLength: number; placeholder?: string; rows?: number; submit?: string}
export type ControlSpec = RangeSpec | NumberSpec | ChoiceSpec | ToggleSpec | ListSpec | TextSpec;
export type ValueOf<S extends ControlSpec> = S["value"];

/** A link value the page can use: `note` says how it was changed to fit the control (snapped to its step). */
export type Read<T> = {ok: true; value: T; note?: string} | {ok: false; error: string};

const nameOf = (spec: ControlSpec) => spec.name ?? spec.label;

/** Decimal places needed to print `step` exactly (0.05 → 2). */
function decimals(step: number): number {
  const text = String(step);
  const e = text.match(/e-(\d+)$/);
  if (e) return Number(e[1]);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

/** Snaps x to min + k·step, as a slider does, printed without float noise (0.1 + 0.2 → 0.3). */
export function snapToStep(x: number, min: number, step: number): number {
  const k = Math.round((x - min) / step);
  return Number((min + k * step).toFixed(Math.max(decimals(step), decimals(min))));
}

/** Parses a link value (or typed text) for this control. */
export function readControl(spec: ControlSpec, text: string): Read<ControlSpec["value"]> {
  const name = nameOf(spec);
  switch (spec.type) {
    case "range": {
      const step = spec.step ?? 1;
      const integer = Number.isInteger(step) && Number.isInteger(spec.min);
      const parsed = (integer ? intParam : numberParam)({name, min: spec.min, max: spec.max})(text);
      if (!parsed.ok) return parsed;
      const snapped = Math.min(spec.max, snapToStep(parsed.value, spec.min, step));
      if (snapped !== parsed.value) return {ok: true, value: snapped, note: `${name} moves in steps of ${step} from ${spec.min}: ${parsed.value} is shown as ${snapped}.`};
      return parsed;
    }
    case "number":
      return (spec.integer ? intParam : numberParam)({name, min: spec.min, max: spec.max, exclusiveMin: spec.exclusiveMin})(text);
    case "select":
    case "radio":
      return choiceParam({name, choices: spec.choices})(text);
    case "toggle":
      return booleanParam({name})(text);
    case "list": {
      const parsed = numberListParam({name, min: spec.min, max: spec.max, minLength: spec.minLength, maxLength: spec.maxLength, negativeInfinity: spec.negativeInfinity})(text);
      if (!parsed.ok || !spec.integer) return parsed;
      const bad = parsed.value.find((v) => !Number.isInteger(v));
      return bad === undefined ? parsed : {ok: false, error: `Each value of ${name} must be a whole number, got ${bad}.`};
    }
    case "text":
    case "textarea": {
      const value = String(text);
      if (value.length > spec.maxLength) return {ok: false, error: `${name} is ${value.length.toLocaleString("en-US")} characters long; the limit is ${spec.maxLength.toLocaleString("en-US")}. It starts ${quote(value, 40)}.`};
      return {ok: true, value};
    }
  }
}

/** The text a value takes in the URL (the inverse of readControl for every value the control can show). */
export function formatControl(spec: ControlSpec, value: ControlSpec["value"]): string {
  if (spec.type === "list") return (value as number[]).map((v) => (v === -Infinity ? "-inf" : String(v))).join(",");
  return String(value);
}

/** Checks a declaration itself (a programming error, not the reader's): the default must read back as itself. */
export function checkSpec(spec: ControlSpec): void {
  const back = readControl(spec, formatControl(spec, spec.value));
  if (!back.ok || back.note || formatControl(spec, back.value) !== formatControl(spec, spec.value)) {
    throw new Error(`Control "${spec.key}": its default ${JSON.stringify(spec.value)} is not a value it accepts (${back.ok ? back.note : back.error}).`);
  }
}

/**
 * What a control starts from: the link's value when it is usable, else the default, with the
 * message to show the reader (`problem`) and whether the URL must be rewritten to what is used.
 */
export function initialValue<S extends ControlSpec>(spec: S, linkText: string | null): {value: ValueOf<S>; problem?: string; rewrite: boolean} {
  if (linkText === null || spec.url === false) return {value: spec.value, rewrite: false};
  const read = readControl(spec, linkText);
  if (!read.ok) return {value: spec.value, problem: `Link parameter “${spec.key}”: ${read.error} Using the default (${formatControl(spec, spec.value)}).`, rewrite: true};
  if (read.note) return {value: read.value as ValueOf<S>, problem: `Link parameter “${spec.key}”: ${read.note}`, rewrite: true};
  return {value: read.value as ValueOf<S>, rewrite: formatControl(spec, read.value) !== linkText};
}

export type {Parsed};
