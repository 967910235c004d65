// The /rag page's control specs (labs/kit/controls.ts), declared once: the page builds its inputs from
// them and evalConfig() turns their values into the EvalConfig the worker and the first state use.
import type {ChoiceSpec, RangeSpec} from "../kit/controls.js";
import {DEFAULT_EVAL, type EvalConfig} from "./evaluate.js";

export const specs = {
  chunkMethod: {type: "radio", key: "chunking", label: "chunking", choices: ["recursive", "fixed"], value: DEFAULT_EVAL.chunking.method} as ChoiceSpec<"recursive" | "fixed">,
  size: {type: "range", key: "size", label: "chunk size (tokens)", min: 10, max: 400, step: 10, value: DEFAULT_EVAL.chunking.size} as RangeSpec,
  overlap: {type: "range", key: "overlap", label: "overlap (tokens)", min: 0, max: 200, step: 5, value: DEFAULT_EVAL.chunking.overlap} as RangeSpec,
  pooling: {type: "radio", key: "pooling", label: "pooling", choices: ["sif", "mean"], value: DEFAULT_EVAL.pooling, format: (c: string) => (c === "sif" ? "SIF" : "mean")} as ChoiceSpec<"sif" | "mean">,
  k1: {type: "range", key: "k1", label: "BM25 k1", min: 0, max: 3, step: 0.1, value: DEFAULT_EVAL.bm25.k1} as RangeSpec,
  b: {type: "range", key: "b", label: "BM25 b", min: 0, max: 1, step: 0.05, value: DEFAULT_EVAL.bm25.b} as RangeSpec,
  fusion: {type: "radio", key: "fusion", label: "fusion", choices: ["rrf", "weighted"], value: DEFAULT_EVAL.fusion, format: (c: string) => (c === "rrf" ? "RRF" : "weighted")} as ChoiceSpec<"rrf" | "weighted">,
  rrfK: {type: "range", key: "rrfk", label: "RRF k", min: 0, max: 200, step: 1, value: DEFAULT_EVAL.rrfK} as RangeSpec,
  weight: {type: "range", key: "w", label: "BM25 weight (weighted fusion)", min: 0, max: 1, step: 0.05, value: DEFAULT_EVAL.weight} as RangeSpec,
  contextK: {type: "range", key: "ctx", label: "chunks in context", min: 1, max: 20, step: 1, value: DEFAULT_EVAL.contextK} as RangeSpec,
  threshold: {type: "range", key: "abstain", label: "abstain below coverage", min: 0, max: 1, step: 0.05, value: DEFAULT_EVAL.threshold} as RangeSpec
};

export interface ControlValues {
  chunkMethod: "recursive" | "fixed"; size: number; overlap: number; pooling: "sif" | "mean"; k1: number; b: number;
  fusion: "rrf" | "weighted"; rrfK: number; weight: number; contextK: number; threshold: number;
}

/** The evaluation config for a set of control values (same shape as DEFAULT_EVAL, so initialFor can compare). */
export function evalConfig(v: ControlValues): EvalConfig {
  return {
    chunking: {method: v.chunkMethod, size: v.size, overlap: v.overlap}, pooling: v.pooling, bm25: {k1: v.k1, b: v.b},
    fusion: v.fusion, rrfK: v.rrfK, weight: v.weight, contextK: v.contextK, threshold: v.threshold, batch: DEFAULT_EVAL.batch
  };
}
