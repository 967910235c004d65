// The /graphrag page's control specs (labs/kit/controls.ts), declared once, and the functions that turn
// their values into the configs the page's workers and the build-time first state use, so both agree.
import type {ChoiceSpec, NumberSpec, RangeSpec, TextSpec} from "../kit/controls.js";
import {DEFAULT_GRAPH_EVAL, type GraphEvalConfig} from "./evaluate.js";
import type {GlobalOptions} from "./global-search.js";
import type {LocalOptions} from "./local-search.js";
import {DEFAULT_INDEX_CONFIG, type IndexConfig} from "./index-config.js";

export const DEFAULT_QUERIES = {
  // Multi-hop (data/rag q182): the gold passages are in the 1997 and 2003 addresses.
  local: "Which disease received $1.5 billion of NIH research funding (1997) and a $15 billion commitment for Africa and the Caribbean (2003)?",
  global: "What was said about terrorism and Al Qaida?"
};

/** The entity whose C0 community's report the page shows before the reader picks one. */
export const REPORT_ENTITY = "iraq";

export const specs = {
  // The lab accepts 0 < γ ≤ 10; the box takes 0–100 so a reader who types 0 or 100 reads why not.
  resolution: {type: "number", key: "resolution", label: "Louvain resolution γ", min: 0, max: 100, value: DEFAULT_INDEX_CONFIG.resolution} as NumberSpec,
  level: {type: "radio", key: "level", label: "level", choices: ["0", "1", "2"], value: "0", format: (c: string) => `C${c}`} as ChoiceSpec<"0" | "1" | "2">,
  budget: {type: "range", key: "budget", label: "context budget (tokens)", min: 200, max: 4000, step: 100, value: DEFAULT_GRAPH_EVAL.budget} as RangeSpec,
  hops: {type: "radio", key: "hops", label: "hops", choices: ["1", "2"], value: String(DEFAULT_GRAPH_EVAL.hops)} as ChoiceSpec<"1" | "2">,
  fallback: {type: "radio", key: "fallback", label: "when local search finds no entity", choices: ["dense", "hybrid", "bm25", "none"], value: "dense", format: (c: string) => ({dense: "vector RAG", hybrid: "hybrid", bm25: "BM25", none: "no answer"})[c] ?? c} as ChoiceSpec<"dense" | "hybrid" | "bm25" | "none">,
  localQuery: {type: "text", key: "q", label: "question", maxLength: 2000, value: DEFAULT_QUERIES.local} as TextSpec,
  globalQuery: {type: "text", key: "gq", label: "question", maxLength: 2000, value: DEFAULT_QUERIES.global} as TextSpec
};

export const SEED_DEFAULT = DEFAULT_INDEX_CONFIG.seed;

export interface PageValues {
  resolution: number;
  seed: number;
  level: number;
  budget: number;
  hops: number;
  fallback: GraphEvalConfig["localFallback"];
}

export const defaultValues = (): PageValues => ({resolution: DEFAULT_INDEX_CONFIG.resolution, seed: DEFAULT_INDEX_CONFIG.seed, level: 0, budget: DEFAULT_GRAPH_EVAL.budget, hops: DEFAULT_GRAPH_EVAL.hops, fallback: "dense"});

export const indexConfig = (v: Pick<PageValues, "resolution" | "seed">): IndexConfig => ({...DEFAULT_INDEX_CONFIG, resolution: v.resolution, seed: v.seed});

export const localOptions = (v: PageValues): LocalOptions => ({hops: v.hops, budget: v.budget, textUnitProp: DEFAULT_GRAPH_EVAL.textUnitProp, communityProp: DEFAULT_GRAPH_EVAL.communityProp, threshold: DEFAULT_GRAPH_EVAL.threshold});

export const globalOptions = (v: PageValues): GlobalOptions => ({level: v.level, budget: v.budget, threshold: DEFAULT_GRAPH_EVAL.threshold, partials: true});

/** The measurement run's config: the evaluation's settings plus the index it runs on. */
export const evalConfig = (v: PageValues): GraphEvalConfig & {index: IndexConfig} => ({...DEFAULT_GRAPH_EVAL, budget: v.budget, hops: v.hops, localFallback: v.fallback, index: indexConfig(v)});
