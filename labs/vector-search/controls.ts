// The controls of the four vector-search notebooks, each declared once (labs/kit/controls.ts): URL key,
// label, bounds, default. Pure, so a data loader can read the same defaults as the page.
import type {ChoiceSpec, ListSpec, NumberSpec, RangeSpec} from "../kit/controls.js";
import {PRESETS, type Preset} from "./points2d.js";
import {PQ_PAGE_DEFAULT} from "./pq-stepper.js";
import {MEASURE_DEFAULT} from "./measure.js";

// /kmeans
export const kmeansControls = {
  preset: {type: "select", key: "preset", label: "points", choices: PRESETS, value: "unequal"} satisfies ChoiceSpec<Preset>,
  n: {type: "range", key: "n", label: "number of points", min: 0, max: 600, step: 10, value: 200} satisfies RangeSpec,
  k: {type: "range", key: "k", label: "clusters k", min: 1, max: 10, step: 1, value: 4} satisfies RangeSpec,
  init: {type: "radio", key: "init", label: "initialisation", choices: ["random", "kmeans++"], value: "random"} satisfies ChoiceSpec<"random" | "kmeans++">
};

// /pq: m must divide D = 32; the choices are strings (a select's values), read with Number()
const divisors = (d: number) => Array.from({length: d}, (_, i) => i + 1).filter((v) => d % v === 0);
export const pqControls = {
  m: {type: "select", key: "m", label: "sub-vectors m", name: "m", choices: divisors(PQ_PAGE_DEFAULT.d).map(String), value: String(PQ_PAGE_DEFAULT.m)} satisfies ChoiceSpec,
  nbits: {type: "range", key: "nbits", label: "bits per code nbits", name: "nbits", min: 1, max: 8, step: 1, value: PQ_PAGE_DEFAULT.nbits} satisfies RangeSpec,
  vec: {type: "range", key: "vec", label: "vector #", name: "vector", min: 0, max: PQ_PAGE_DEFAULT.n - 1, step: 1, value: 0} satisfies RangeSpec,
  N: {type: "number", key: "N", label: "N vectors", name: "N", min: 1, max: 1e10, integer: true, value: 50_000} satisfies NumberSpec,
  D: {type: "number", key: "D", label: "D dimensions", name: "D", min: 1, max: 1e5, integer: true, value: 1024} satisfies NumberSpec,
  mm: {type: "number", key: "mm", label: "m", name: "m", min: 1, max: 1e4, integer: true, value: 8} satisfies NumberSpec,
  nb: {type: "number", key: "nb", label: "nbits", name: "nbits", min: 1, max: 16, integer: true, value: 8} satisfies NumberSpec,
  nlist: {type: "number", key: "nlist", label: "nlist", name: "nlist", min: 1, max: 1e8, integer: true, value: 894} satisfies NumberSpec
};

// /ivf
export const IVF_PAGE = {N: 2000, NQ: 200, K: 10};
export const ivfControls = {
  preset: {type: "select", key: "preset", label: "points", choices: PRESETS, value: "blobs"} satisfies ChoiceSpec<Preset>,
  nlist: {type: "range", key: "nlist", label: "cells nlist", name: "nlist", min: 1, max: 64, step: 1, value: 16} satisfies RangeSpec,
  nprobe: {type: "range", key: "nprobe", label: "cells visited nprobe", name: "nprobe", min: 1, max: 64, step: 1, value: 2} satisfies RangeSpec,
  nbits: {type: "range", key: "nbits", label: "PQ bits per coordinate", name: "nbits", min: 1, max: 8, step: 1, value: 2} satisfies RangeSpec
};

// /ann-measure: m's choices depend on the data set's dimension (measureMChoices)
export const measureControls = {
  data: {type: "radio", key: "data", label: "data set", choices: ["synthetic", "words"], value: MEASURE_DEFAULT.dataset} satisfies ChoiceSpec<"synthetic" | "words">,
  N: {type: "select", key: "N", label: "base vectors (synthetic)", name: "N", choices: ["2000", "10000", "50000"], value: String(MEASURE_DEFAULT.nBase), format: (x: string) => Number(x).toLocaleString("en-US")} satisfies ChoiceSpec,
  nq: {type: "select", key: "nq", label: "queries", choices: ["50", "200", "1000"], value: String(MEASURE_DEFAULT.nQuery)} satisfies ChoiceSpec,
  nbits: {type: "range", key: "nbits", label: "PQ nbits", name: "nbits", min: 1, max: 8, step: 1, value: MEASURE_DEFAULT.nbits} satisfies RangeSpec,
  nlist: {type: "select", key: "nlist", label: "IVF cells nlist", name: "nlist", choices: ["16", "32", "64", "128", "256"], value: String(MEASURE_DEFAULT.nlist)} satisfies ChoiceSpec,
  nprobe: {type: "list", key: "nprobe", label: "nprobe values", name: "nprobe values", min: 1, max: 4096, integer: true, maxLength: 16, value: MEASURE_DEFAULT.nprobes} satisfies ListSpec
};

/** The m control of /ann-measure for vectors of dimension `dim`: divisors of dim from 2 to 64. */
export function measureMSpec(dim: number): ChoiceSpec {
  const choices = divisors(dim).filter((v) => v >= 2 && v <= 64).map(String);
  const value = choices.includes(String(MEASURE_DEFAULT.m)) ? String(MEASURE_DEFAULT.m) : choices[Math.floor(choices.length / 2)];
  return {type: "select", key: "m", label: "PQ sub-vectors m", name: "m", choices, value};
}
