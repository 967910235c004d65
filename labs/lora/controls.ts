// The LoRA page's controls, declared once (labs/kit/controls.ts specs): URL key, label, bounds and
// default. The defaults come from config.ts, so the data loaders' first states and the page agree.
// Also the slice of the simulation config the page sets, and the QLoRA run derived from it.
import type {ChoiceSpec, NumberSpec, RangeSpec} from "../kit/controls.js";
import {DEFAULT_MLP, DEFAULT_SIM, type SimConfig} from "./config.js";
import {PRESETS, TARGETS, type Targets} from "./memory.js";

export const backendSpec: ChoiceSpec<"cpu" | "webgl"> = {type: "radio", key: "backend", label: "tfjs backend (worker)", name: "Backend", choices: ["cpu", "webgl"], value: "cpu"};

export const simSpecs = {
  rStar: {type: "range", key: "rstar", label: "intrinsic rank r*", name: "r*", min: 1, max: 16, step: 1, value: DEFAULT_SIM.rStar} satisfies RangeSpec,
  noise: {type: "range", key: "noise", label: "noise std", name: "Noise", min: 0, max: 0.05, step: 0.005, value: DEFAULT_SIM.noise} satisfies RangeSpec,
  alpha: {type: "range", key: "alpha", label: "alpha", min: 1, max: 64, step: 1, value: DEFAULT_SIM.alpha} satisfies RangeSpec,
  scaling: {type: "radio", key: "scaling", label: "scale", name: "Scaling", choices: ["standard", "rslora"], format: (s: string) => (s === "standard" ? "α/r" : "α/√r (rsLoRA)"), value: DEFAULT_SIM.scaling} satisfies ChoiceSpec,
  steps: {type: "range", key: "steps", label: "Adam steps", name: "Steps", min: 20, max: 1000, step: 10, value: DEFAULT_SIM.steps} satisfies RangeSpec,
  init: {type: "radio", key: "init", label: "A init", name: "Init", choices: ["kaiming", "gaussian"], format: (s: string) => (s === "kaiming" ? "Kaiming-uniform (PEFT)" : "Gaussian, std 1/r"), value: DEFAULT_SIM.init} satisfies ChoiceSpec
};

/** The adapter-shape calculator: bounded typed numbers (a 65,536-wide layer is beyond any LLaMA). */
export const shapeSpecs = {
  d: {type: "number", key: "shaped", label: "d (rows of W₀)", name: "d", min: 1, max: 65536, integer: true, value: 4096} satisfies NumberSpec,
  k: {type: "number", key: "shapek", label: "k (columns)", name: "k", min: 1, max: 65536, integer: true, value: 4096} satisfies NumberSpec,
  r: {type: "number", key: "shaper", label: "r", name: "The rank r", min: 1, max: 65536, integer: true, value: 8} satisfies NumberSpec,
  alpha: {type: "number", key: "shapealpha", label: "α", name: "alpha", min: 0, exclusiveMin: true, max: 65536, value: 16} satisfies NumberSpec
};

export const angleSpec: RangeSpec = {type: "range", key: "angle", label: "task B rotation (degrees)", name: "Angle", min: 0, max: 180, step: 5, value: DEFAULT_MLP.angle};

/** Blocks lie inside a row of the 256-column demo matrix; quantize() explains a size that does not divide it. */
export const blockSpec: NumberSpec = {type: "number", key: "block", label: "block size", name: "The block size", min: 1, max: 256, integer: true, value: 64};

export const memorySpecs = {
  model: {type: "select", key: "model", label: "model", name: "Model", choices: PRESETS.map((p) => p.name), value: "LLaMA-65B"} satisfies ChoiceSpec,
  /** The ranks the select offers; a link with another r is reported, not replaced silently. */
  r: {type: "select", key: "memr", label: "LoRA r", name: "r", choices: ["4", "8", "16", "64"], value: "64"} satisfies ChoiceSpec,
  targets: {type: "radio", key: "targets", label: "adapted layers", name: "Targets", choices: TARGETS as Targets[], value: "all-linear"} satisfies ChoiceSpec
};

/** The part of the simulation config the page's controls set. */
export type SimPageConfig = Pick<SimConfig, "rStar" | "noise" | "alpha" | "scaling" | "init" | "steps" | "seed">;

export const DEFAULT_SIM_PAGE: SimPageConfig = {rStar: DEFAULT_SIM.rStar, noise: DEFAULT_SIM.noise, alpha: DEFAULT_SIM.alpha, scaling: DEFAULT_SIM.scaling, init: DEFAULT_SIM.init, steps: DEFAULT_SIM.steps, seed: DEFAULT_SIM.seed};

/** The QLoRA run beside the main one: ranks 2, 4, 8 on the NF4 base, at most 200 steps. */
export function qloraConfig(sim: SimPageConfig): Partial<SimConfig> {
  return {...sim, ranks: [2, 4, 8], full: false, base: "nf4", steps: Math.min(200, sim.steps)};
}

/** The rank and step count of the α/r vs α/√r comparison computed at build time. */
export const SCALING_COMPARISON = {ranks: [2, 4, 8, 16, 32, 64], steps: 50, alpha: 8};
