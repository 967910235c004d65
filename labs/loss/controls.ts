// The loss page's controls, declared once (kit controls.ts): URL key, label, bounds, default. The data
// loader reads the fit's defaults from here too. Bounds are the ones the page's links have always
// accepted, so old links open the same state. The distributions p and q are list controls of logits
// ("-inf" allowed) whose default is drawn from the seed; the editor resizes a link's list to K.
import type {ChoiceSpec, ListSpec, NumberSpec, RangeSpec} from "../kit/controls.js";
import type {Parsed} from "../kit/params.js";
import {stream} from "../kit/random.js";
import type {KlFitConfig} from "./kl-objective.js";
import {seededLogits} from "./text.js";

export const K_MAX = 20;
/** Logits the boxes accept: |z| <= 1e6, or -inf. */
export const LOGIT_LIMIT = 1e6;

export const kSpec: NumberSpec = {type: "number", key: "K", label: "classes K", name: "K", min: 2, max: K_MAX, integer: true, value: 5};
const temperature = (which: "p" | "q"): NumberSpec => ({
  type: "number", key: `T${which}`, label: `temperature of ${which}`, name: `The temperature of ${which}`, min: 0, exclusiveMin: true, max: 100, value: 1
});
export const tpSpec = temperature("p");
export const tqSpec = temperature("q");
export const unitsSpec: ChoiceSpec = {type: "radio", key: "units", label: "units", name: "Units", choices: ["nats", "bits"], value: "nats"};
export const pathSpec: ChoiceSpec = {
  type: "radio", key: "path", label: "q moves by", name: "Path", choices: ["temperature", "mixing"], value: "temperature",
  format: (x) => (x === "temperature" ? "temperature sweep" : "mixing toward p")
};

/** The seeded logits of p or q over K classes: K draws from stream(seed, "p") (or "q"). */
export function seededStart(which: "p" | "q", K: number, seed: number): number[] {
  return seededLogits(stream(seed, which), K);
}

/** The list control of p's or q's logits; its default is the seeded start for this K and seed. */
export function logitSpec(which: "p" | "q", K: number, seed: number): ListSpec {
  return {
    type: "list", key: which, label: `logits of ${which}`, name: `the logits of ${which}`, min: -LOGIT_LIMIT, max: LOGIT_LIMIT,
    maxLength: K_MAX, negativeInfinity: true, value: seededStart(which, K, seed)
  };
}

/**
 * The K logits an editor starts from: a link's list (any length up to 20) cut or padded to K with the
 * seeded start, as the page always did. A list whose first K are all -inf falls back to the seeded start.
 */
export function fitToK(values: number[], K: number, seeded: number[]): number[] {
  const out = seeded.slice(0, K);
  for (let i = 0; i < K && i < values.length; i++) out[i] = values[i];
  return out.every((z) => z === -Infinity) ? seeded.slice(0, K) : out;
}

/** The checks a typed logit list needs beyond its control's: exactly K values, not all -inf. */
export function checkLogitCount(values: number[], K: number, which: "p" | "q"): Parsed<number[]> {
  if (values.length !== K) return {ok: false, error: `${which} has ${values.length} logits but K = ${K}: enter exactly ${K}.`};
  if (values.every((v) => v === -Infinity)) return {ok: false, error: `The logits of ${which} cannot all be -inf: some class needs probability.`};
  return {ok: true, value: values};
}

// ---- the Gaussian fit and label smoothing ----

export const sepSpec: RangeSpec = {type: "range", key: "sep", label: "distance between modes", name: "The distance between modes", min: 0, max: 20, step: 0.1, value: 4};
export const modeSdSpec: RangeSpec = {type: "range", key: "sd", label: "σ of each mode", name: "σ of each mode", min: 0.05, max: 5, step: 0.05, value: 0.6};
export const weightSpec: RangeSpec = {type: "range", key: "w", label: "weight of left mode", name: "The weight of the left mode", min: 0.05, max: 0.95, step: 0.05, value: 0.5};
export const lrSpec: RangeSpec = {type: "range", key: "lr", label: "learning rate", name: "The learning rate", min: 0.01, max: 1, step: 0.01, value: 0.1};
export const stepsSpec: RangeSpec = {type: "range", key: "steps", label: "steps", name: "Steps", min: 10, max: 5000, step: 10, value: 300};
export const surfaceSpec: ChoiceSpec = {
  type: "radio", key: "surface", label: "surface", name: "Surface", choices: ["forward", "reverse"], value: "reverse",
  format: (x) => (x === "forward" ? "forward KL(p‖q)" : "reverse KL(q‖p)")
};
export const epsSpec: RangeSpec = {type: "range", key: "eps", label: "smoothing ε", name: "Smoothing ε", min: 0, max: 1, step: 0.01, value: 0.1};

/** The fit's config from the controls: two modes at ±distance/2 with equal σ. */
export function fitConfig(c: {sep: number; modeSd: number; weight: number; lr: number; steps: number; seed: number}): KlFitConfig {
  return {
    mixture: {weights: [c.weight, 1 - c.weight], means: [-c.sep / 2, c.sep / 2], sds: [c.modeSd, c.modeSd]},
    learningRate: c.lr, steps: c.steps, seed: c.seed
  };
}
