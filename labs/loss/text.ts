// Reader-typed probability lists ("0.5, 0.3, 0.2") with messages a reader can act on, tidy logits for
// the text box, and the seeded default logits of the page. No DOM. Logit lists are read by the kit's
// list control (labs/loss/controls.ts). Leaves out: any other syntax (brackets, spaces as separators).
import type {Parsed} from "../kit/params.js";

/** "0.5, 0.3, 0.2" -> probabilities: K values, each in [0, 1], summing to 1 within 0.005. */
export function parseProbabilities(text: string, K: number, name = "p"): Parsed<number[]> {
  const parts = String(text).split(",").map((s) => s.trim());
  const values: number[] = [];
  for (const [i, part] of parts.entries()) {
    const v = part === "" ? NaN : Number(part);
    if (!Number.isFinite(v)) return {ok: false, error: `Probability ${i + 1} of ${name} is “${part}”: enter a number between 0 and 1.`};
    if (v < 0) return {ok: false, error: `Probability ${i + 1} of ${name} is ${v}: probabilities cannot be negative.`};
    if (v > 1) return {ok: false, error: `Probability ${i + 1} of ${name} is ${v}: probabilities cannot exceed 1.`};
    values.push(v);
  }
  if (values.length !== K) return {ok: false, error: `${name} has ${values.length} probabilities but K = ${K}: enter exactly ${K}.`};
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 0.005) return {ok: false, error: `The probabilities of ${name} sum to ${+sum.toFixed(4)}; they must sum to 1.`};
  return {ok: true, value: values.map((v) => v / sum)};
}

/** Logits shifted so the largest finite one is 0, rounded to 3 decimals (what the text box shows). */
export function tidyLogits(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  return Array.from(logits, (v) => (v === -Infinity ? -Infinity : +(v - max).toFixed(3)));
}

/** K seeded logits ~ N(0, scale²), rounded to 2 decimals; the first K of K+1 are the same (prefix-stable). */
export function seededLogits(random: () => number, K: number, scale = 1.5): number[] {
  const out: number[] = [];
  for (let i = 0; i < K; i++) {
    let u = random();
    while (u === 0) u = random();
    const v = random();
    out.push(+(scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)).toFixed(2));
  }
  return out;
}
