// Validation of reader-supplied values (controls, shared links, pasted text). Every parser returns
// either a value or a sentence the page can show as is, so bad input never reaches an algorithm.

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

/** Thrown by labs/ APIs for bad input; its message is written for the reader. */
export class InputError extends Error {
  override name = "InputError";
}

const ok = <T>(value: T): Parsed<T> => ({ok: true, value});
const fail = <T>(error: string): Parsed<T> => ({ok: false, error});

/** Reader text inside a message: at most `max` characters, so a 10,000-character link value cannot flood a notice. */
export function quote(text: string, max = 80): string {
  const s = String(text);
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
}

// Decimal notation only (plain or scientific). Number() would also read "0x10" as 16, "0b1" as 1 and
// "" as 0; a shared link is read the way a person reads it, so those are refused.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseFiniteNumber(name: string, text: string): Parsed<number> {
  const trimmed = String(text).trim();
  if (trimmed === "") return fail(`${name} is empty; enter a number.`);
  const value = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value)) return fail(`${name} must be a number, got ${quote(trimmed)}.`);
  return ok(value);
}

export function numberParam(options: {name: string; min?: number; max?: number; exclusiveMin?: boolean}) {
  const {name, min = -Infinity, max = Infinity, exclusiveMin = false} = options;
  return (text: string): Parsed<number> => {
    const parsed = parseFiniteNumber(name, text);
    if (!parsed.ok) return parsed;
    const value = parsed.value;
    if (exclusiveMin ? value <= min : value < min) return fail(`${name} must be ${exclusiveMin ? "greater than" : "at least"} ${min}, got ${value}.`);
    if (value > max) return fail(`${name} must be at most ${max}, got ${value}.`);
    return ok(value);
  };
}

export function intParam(options: {name: string; min?: number; max?: number}) {
  const check = numberParam(options);
  return (text: string): Parsed<number> => {
    const parsed = check(text);
    if (!parsed.ok) return parsed;
    if (!Number.isInteger(parsed.value)) return fail(`${options.name} must be a whole number, got ${parsed.value}.`);
    return parsed;
  };
}

export function choiceParam<C extends string>(options: {name: string; choices: readonly C[]}) {
  return (text: string): Parsed<C> => {
    const value = String(text).trim() as C;
    if (options.choices.includes(value)) return ok(value);
    return fail(`${options.name} must be one of ${options.choices.join(", ")}, got ${quote(value)}.`);
  };
}

export function booleanParam(options: {name: string}) {
  return (text: string): Parsed<boolean> => {
    const value = String(text).trim().toLowerCase();
    if (value === "true" || value === "1") return ok(true);
    if (value === "false" || value === "0") return ok(false);
    return fail(`${options.name} must be true or false, got ${quote(text)}.`);
  };
}

/** "-inf", "−inf", "-infinity", "-∞" (any case): the spellings of -∞ that a list with `negativeInfinity` accepts. */
const NEGATIVE_INFINITY = /^[-−](inf|infinity|∞)$/i;

export function numberListParam(options: {name: string; length?: number; minLength?: number; maxLength?: number; min?: number; max?: number; negativeInfinity?: boolean}) {
  const {name, length, minLength = 1, maxLength = Infinity, negativeInfinity = false} = options;
  const item = numberParam({name: `Each value of ${name}`, min: options.min, max: options.max});
  return (text: string): Parsed<number[]> => {
    const parts = String(text).split(",").map((s) => s.trim());
    if (parts.length === 1 && parts[0] === "") return fail(`${name} is empty; enter comma-separated numbers.`);
    const values: number[] = [];
    for (const part of parts) {
      if (negativeInfinity && NEGATIVE_INFINITY.test(part)) {
        values.push(-Infinity);
        continue;
      }
      const parsed = item(part);
      if (!parsed.ok) return fail(parsed.error);
      values.push(parsed.value);
    }
    if (length !== undefined && values.length !== length) return fail(`${name} needs exactly ${length} values, got ${values.length}.`);
    if (values.length < minLength) return fail(`${name} needs at least ${minLength} values, got ${values.length}.`);
    if (values.length > maxLength) return fail(`${name} takes at most ${maxLength} values, got ${values.length}.`);
    return ok(values);
  };
}

/** Unwraps a Parsed value for labs/ APIs: returns it or throws an InputError with the message. */
export function expectValid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new InputError(parsed.error);
  return parsed.value;
}
